import { commands } from '../commands/index.ts';
import { Dispatcher } from './app/dispatcher.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { ManualClock, systemClock } from './core/clock.ts';
import type { RunningPlatform } from './core/types.ts';
import { startCheckpointer, type Checkpointer } from './db/checkpointer.ts';
import { openDatabase } from './db/connection.ts';
import { migrate, NewerDatabaseError } from './db/migrate.ts';
import { claimWriter, lostClaimMessage, refuseIfClaimed, WriterClaimedError, type WriterClaim } from './db/writer-claim.ts';
import { Store } from './db/store.ts';
import { CoopActivitySwitch, WorkspaceVault } from './db/workspace-vault.ts';
import { formatLocal } from './domain/timezone.ts';
import { advanceTo, catchUp } from './jobs/console-advance.ts';
import { checkHealth } from './jobs/health.ts';
import { OutboxRelay } from './jobs/outbox-relay.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { createLogger, type Logger } from './logger.ts';

// The composition root: config, DB, migrations, the dispatcher, the relay and the scheduler, and the adapters. With no
// platform tokens it opens the local console chat; with Discord and/or Slack tokens it serves them both from one
// process. Every adapter hands back its messenger, and this is where messengers meet the outbox relay. A platform's
// code (discord.js, Bolt) is loaded only when it is configured: the console never loads either.

/** A stop (SIGTERM) ends within this, whatever is queued: what is unsent stays in the outbox for the next start. */
const SHUTDOWN_LIMIT_MS = 9_000;
/** How long sends already on the wire get to answer when stopping. */
const SEND_GRACE_MS = 3_000;

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
  let claim: WriterClaim;
  try {
    refuseIfClaimed(db, config.databasePath);
    const applied = migrate(db, { path: config.databasePath });
    if (applied.length) log.info({ applied }, 'database migrated');
    // One process writes to a database: a second one on the same file stops here, naming the first.
    claim = claimWriter(db, config.databasePath, { log, onLost: (holder) => fail([lostClaimMessage(holder)]) });
  } catch (error) {
    if (error instanceof NewerDatabaseError || error instanceof WriterClaimedError) fail([error.message]);
    throw error;
  }
  const closeDb = () => {
    claim.release();
    db.close();
  };
  const store = new Store(db);
  if (consoleMode) await runConsole(config, store, log, closeDb);
  else await runPlatforms(config, store, log, closeDb);
}

/** The console chat on a simulated clock: `:advance` runs every job that falls due, in order. */
async function runConsole(config: Readonly<Config>, store: Store, log: Logger, closeDb: () => void): Promise<void> {
  const shutdown = () => {
    closeDb();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const clock = new ManualClock(readStartTime(process.argv) ?? systemClock.now());
  const { startConsole } = await import('./platforms/console/index.ts');
  const relay = new OutboxRelay(store, clock, log);
  // No onCommitted here: the chat prints each answer before it delivers what the command queued, in that order.
  const dispatcher = new Dispatcher({ store, clock, log, commands, defaultTimezone: config.defaultTimezone });
  const scheduler = new Scheduler(store, clock, log);
  const chat = startConsole({
    dispatcher,
    clock,
    log,
    input: process.stdin,
    output: process.stdout,
    deliver: () => relay.drain(),
    advanceTo: (until) => advanceTo({ store, clock, scheduler, relay }, until),
    describeTime: (instant) => `${formatLocal(instant, config.defaultTimezone)} ${config.defaultTimezone}`,
  });
  relay.register(chat.messenger);
  await catchUp({ clock, scheduler, relay });
  if (process.stdin.isTTY) {
    process.stdout.write('Breather console — start with :as NAME (say :as NAME again to be someone else), then /help. Ctrl-D to leave.\n');
  }
  await chat.run();
  closeDb();
}

/** Discord and/or Slack in one process, over one dispatcher, one rate-limited relay and one scheduler tick. */
async function runPlatforms(config: Readonly<Config>, store: Store, log: Logger, closeDb: () => void): Promise<void> {
  let checkpointer: Checkpointer | undefined;
  if (config.databasePath !== ':memory:') {
    checkpointer = await startCheckpointer(store, config.databasePath, { onError: (error) => log.warn({ error }, 'WAL checkpoint failed') });
  }
  const { startPlatformScheduling } = await import('./jobs/cron.ts');
  const { relay, scheduling } = startPlatformScheduling(store, log, { databasePath: config.databasePath, dir: config.backupDir });
  const deliver = () => {
    relay.drain().catch((error: unknown) => log.error({ err: error }, 'outbox drain failed'));
  };
  const dispatcher = new Dispatcher({ store, clock: systemClock, log, commands, defaultTimezone: config.defaultTimezone, onCommitted: deliver });
  const running: RunningPlatform[] = [];
  const stopServices = async () => {
    // Sending first (nothing new goes out; what is queued stays queued), then the adapters (no new work), then the
    // tick (it ends after its current slice), then the database. Whatever hangs, the process leaves in time.
    setTimeout(() => {
      log.warn('stopping took too long; leaving now (unsent messages stay in the outbox)');
      process.exit(0);
    }, SHUTDOWN_LIMIT_MS).unref();
    await relay.stop(SEND_GRACE_MS);
    for (const platform of [...running].reverse()) await platform.stop().catch((error: unknown) => log.error({ err: error }, 'stop failed'));
    await scheduling.stop();
    await checkpointer?.stop();
    closeDb();
  };
  // Never removeAllListeners here: tsx (npm start) has a listener of its own that tells its parent the signal arrived;
  // without it, tsx SIGKILLs the process 60 ms later, mid-shutdown. `on`, not `once`: a repeated signal (npm and tsx
  // relay it too) must not end the process mid-shutdown either.
  let stopping: Promise<void> | undefined;
  const onSignal = () => {
    stopping ??= stopServices().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (config.discord) {
      const { startDiscord } = await import('./platforms/discord/index.ts');
      running.push(await startDiscord({ config: config.discord, dispatcher, log, commands }));
    }
    if (config.slack) {
      const { startSlack } = await import('./platforms/slack/index.ts');
      running.push(await startSlack({ config: config.slack, dispatcher, log, commands, ...slackWiring(config, store, log, running) }));
    }
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, 'could not connect');
    // Not onSignal: that exits 0, and a failed start must exit 1 with its reason.
    await stopServices().catch(() => undefined);
    fail([`Could not connect: ${error instanceof Error ? error.message : String(error)}. Check the tokens in your environment.`]);
  }
  for (const platform of running) relay.register(platform.messenger);
  deliver(); // whatever was queued before a restart
}

/** Slack's ties to the rest: where OAuth installs are kept (sealed) or co-ops marked inactive, and /healthz. */
function slackWiring(config: Readonly<Config>, store: Store, log: Logger, running: readonly RunningPlatform[]) {
  const expected = [...(config.discord ? (['discord'] as const) : []), ...(config.slack ? (['slack'] as const) : [])];
  const health = () => {
    const report = checkHealth(store, expected, running, systemClock.now());
    return { ok: report.ok, body: report };
  };
  const vault = config.slack?.oauth && config.secretKey ? new WorkspaceVault(store, config.secretKey, systemClock, log) : undefined;
  return { health, activity: vault ?? new CoopActivitySwitch(store, systemClock, log), ...(vault ? { workspaces: vault } : {}), ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) };
}

await main();
