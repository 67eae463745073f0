import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { stop } from './cli-output.ts';
import { runDoctor } from './doctor.ts';
import { formatReport, healthy } from './doctor-report.ts';

// `npm run doctor`: checks the set-up from the same environment `npm start` reads and says, one line each, what is
// fine and what to do about what is not. Exit 0 only when nothing failed.

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) stop(error.problems.map((p) => `FAIL  config  ${p}`));
    throw error;
  }
  try {
    const checks = await runDoctor(config, { commands });
    process.stdout.write(formatReport(checks));
    process.exitCode = healthy(checks) ? 0 : 1;
  } catch (error) {
    // A check that broke in a way nobody foresaw: one line, never a stack.
    stop([`The doctor itself failed: ${error instanceof Error ? error.message : String(error)}. Please report it.`]);
  }
}

await main();
