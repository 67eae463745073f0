import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Two files at a time even on two cores (vitest's default there is one): the slow files start real processes (the
// bot, the console, crash rounds) whose start-up a second file overlaps, so on a busy 2-core machine the suite takes
// about 4 minutes instead of 6 to 6½. The property tests are pure CPU (a random co-op life, every invariant after
// every step): they run afterwards, on their own, so they never share the cores with a process-starting file; two at
// a time (the ledger's long one beside the shorter ones), each still well inside its ceiling.
//
// Files share their workers' module cache (isolate: false): each file used to import discord.js, Bolt and the app
// again, 115 s of a 233 s suite; now 18 s of 140 s. Nothing here relies on a fresh module: no vi.mock, no module
// state but pure caches, and the one file with fake timers puts real ones back. Shuffled orders pass the same.
const workers = Math.max(2, availableParallelism() - 1);
const PROPERTY_TESTS = ['test/ledger/*-property.test.ts', 'test/services/*.property.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...PROPERTY_TESTS],
          maxWorkers: workers,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'properties', include: PROPERTY_TESTS, maxWorkers: workers, sequence: { groupOrder: 1 } } },
    ],
  },
});
