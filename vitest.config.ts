import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two files at a time even on two cores (vitest's default there is one): the slow files start real processes (the
// bot, the console, crash rounds) whose start-up a second file overlaps. On a busy 2-core machine the suite then
// takes about 4 minutes instead of 6 to 6½, and passes the same.
const workers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: workers,
  },
});
