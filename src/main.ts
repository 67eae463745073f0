import { commands } from '../commands/index.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { ManualClock, systemClock } from './core/clock.ts';
import { Dispatcher } from './core/dispatcher.ts';
import { openDatabase } from './db/connection.ts';
import { migrate, NewerDatabaseError } from './db/migrate.ts';
import { Store } from './db/store.ts';
import { formatLocal } from './domain/weekly-time.ts';
import { OutboxRelay } from './jobs/outbox-relay.ts';
import { createLogger } from './logger.ts';
import { ConsoleMessenger, runConsoleChat } from './platforms/console/console-chat.ts';

// The composition root: config, DB, migrations, services, adapters. With no platform tokens it opens the local
// console chat; Discord and Slack join here as their adapters land.

function fail(lines: string[]): never {
  process.stderr.write(`Breather cannot start:\n${lines.map((l) => `  - ${l}`).join('\n')}\n`);
  process.exit(1);
}

function readStartTime(argv: string[]): number | undefined {
  const at = argv.indexOf('--now');
  if (at === -1) return undefined;
  const value = argv[at + 1];
  const ms = value ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) fail([`--now needs an ISO time like 2027-03-10T12:00Z, got "${value ?? ''}"`]);
  return ms;
}

async function main(): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.problems);
    throw error;
  }
  const consoleMode = !config.discord && !config.slack;
  const log = createLogger(config.logLevel ?? (consoleMode ? 'warn' : 'info'));

  const db = openDatabase(config.databasePath);
  try {
    const applied = migrate(db, { path: config.databasePath });
    if (applied.length) log.info({ applied }, 'database migrated');
  } catch (error) {
    if (error instanceof NewerDatabaseError) fail([error.message]);
    throw error;
  }
  const store = new Store(db);
  const shutdown = () => {
    db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  if (consoleMode) {
    const clock = new ManualClock(readStartTime(process.argv) ?? systemClock.now());
    const relay = new OutboxRelay(store, clock, log);
    relay.register(new ConsoleMessenger((text) => process.stdout.write(`${text}\n`)));
    const dispatcher = new Dispatcher({ store, clock, log, commands, defaultTimezone: config.defaultTimezone });
    if (process.stdin.isTTY) {
      process.stdout.write('Breather console — type /help, or :as NAME to be someone else. Ctrl-D to leave.\n');
    }
    await runConsoleChat({
      dispatcher,
      clock,
      log,
      input: process.stdin,
      output: process.stdout,
      deliver: () => relay.drain(),
      advanceTo: async (until) => {
        clock.set(until);
        await relay.drain();
      },
      describeTime: (instant) => `${formatLocal(instant, config.defaultTimezone)} ${config.defaultTimezone}`,
    });
    db.close();
    return;
  }
  fail(['Discord and Slack adapters are not built yet; unset the tokens to use the console chat.']);
}

await main();
