import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/types.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { systemClock } from '../core/clock.ts';
import { BackupJobs, type BackupJobOptions } from './backup-jobs.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { QueueReport } from './queue-report.ts';
import { PLATFORM_LIMITS } from './rate-limits.ts';
import { Scheduler, type Slicing } from './scheduler.ts';
import { TickRunner } from './tick-runner.ts';
import { startTickThread, type TickThread } from './tick-thread.ts';

/** Every 30 seconds. node-cron only wakes us: the schedule itself is the jobs table. */
export const TICK_EVERY_30_SECONDS = '*/30 * * * * *';
/**
 * The most CPU one batch of a tick takes before the event loop gets a turn: what an interaction arriving during a
 * wave of check-ins may have to wait, on top of its own work (Discord's deadline is 3 s; its p99 is a few ms).
 */
export const SLICE_MS = 1;
/** …and the most while nothing else wants the event loop. */
export const MAX_SLICE_MS = 16;
/**
 * In the scheduler's own thread a batch holds up no interaction, only a command's write, and it ends early when one
 * wants the lock (WriteGate); its commit still comes first. So its batches are longer: each commit costs the thread
 * a write of its pages, and costs the serving thread's next read its page cache (another connection wrote). They
 * start at 16 ms and grow to 128 ms while no command writes (a wave of 10,000 took 0.95 s in 2–16 ms batches, 0.75 s
 * in 16–200 ms ones).
 */
export const THREAD_SLICING = { sliceMs: 16, maxSliceMs: 128 } as const;

export interface SchedulerTickOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  relay: OutboxRelay;
  expression?: string;
  /** The daily backup: planned each tick, taken after the tick's transactions. */
  backups?: BackupJobs;
  /** CPU per batch (SLICE_MS unless a test or the bench says otherwise). */
  sliceMs?: number;
  /** Starts the scheduler's own thread, where a wave of due jobs runs instead of between interactions here. */
  startThread?: () => Promise<TickThread>;
}

export interface RunningScheduler {
  scheduler: Scheduler;
  /** One tick now: plan, run what is due, start delivering. The cron task calls this too. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the scheduler for Discord and Slack: one tick at once (catching up after downtime, within each job's
 * grace), then one every 30 s. Ticks never overlap, and each works in short slices so interactions are answered
 * in between. `stop()` ends a running tick after its current slice and waits for it.
 */
export function startScheduler(options: SchedulerTickOptions): RunningScheduler {
  const { store, clock, relay, backups } = options;
  const log = options.log.child({ component: 'scheduler' });
  const scheduler = new Scheduler(store, clock, log);
  const report = new QueueReport(store, log);
  let current: Promise<void> | undefined;
  let delivering: Promise<void> | undefined;
  let stopped = false;
  const slicing: Slicing = {
    sliceMs: options.sliceMs ?? SLICE_MS,
    maxSliceMs: MAX_SLICE_MS,
    pause: (ms) => new Promise((resolve) => (ms ? setTimeout(resolve, ms) : setImmediate(resolve))),
    stopped: () => stopped,
  };

  const runner = new TickRunner({ store, scheduler, slicing, log, ...(options.startThread ? { startThread: options.startThread } : {}) });

  const tick = (): Promise<void> => {
    if (current) return current;
    current = (async () => {
      try {
        backups?.plan(clock.now());
        const { planned, ran, inThread } = await runner.tick(clock.now());
        if (ran.done + ran.skipped + ran.failed > 0 || planned.checkins > 0) log.info({ planned, ran, inThread }, 'scheduler tick');
        if (stopped) return;
        // Delivery keeps to the platforms' limits, so a wave of check-ins takes minutes to send: it goes on by
        // itself while later ticks plan and run what falls due meanwhile.
        delivering = relay.drain().then(
          () => undefined,
          (error: unknown) => log.error({ err: error }, 'outbox drain failed'),
        );
        await backups?.runRequested(clock.now());
        report.tick(clock.now());
      } catch (error) {
        log.error({ err: error }, 'scheduler tick failed');
      } finally {
        current = undefined;
      }
    })();
    return current;
  };

  const task: ScheduledTask = cron.schedule(
    options.expression ?? TICK_EVERY_30_SECONDS,
    async () => {
      if (!stopped) await tick();
    },
    { name: 'breather-scheduler', noOverlap: true },
  );
  void tick();

  return {
    scheduler,
    tick,
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      await runner.stop(); // a tick under way in the scheduler's thread ends after its batch
      await current;
      await delivering; // stop the relay first (OutboxRelay.stop) when its queue may be long
    },
  };
}

/**
 * Discord and Slack: the production relay (platform limits, Retry-After, back-off), the 30-second tick on the
 * system clock, and the daily backup into `backup.dir`. Register each adapter's Messenger on `relay`; call
 * `scheduling.stop()` on shutdown.
 */
export function startPlatformScheduling(
  store: Store,
  log: Logger,
  backup?: BackupJobOptions,
): { relay: OutboxRelay; scheduling: RunningScheduler } {
  const relay = new OutboxRelay(store, systemClock, log, { limits: PLATFORM_LIMITS, holdMs: 60_000 });
  // An in-memory database has nothing to back up, and no second connection can see it: its ticks run here.
  const onDisk = backup !== undefined && backup.databasePath !== ':memory:';
  const backups = onDisk ? new BackupJobs(store, log.child({ component: 'backup' }), backup) : undefined;
  const startThread = onDisk ? () => startTickThread(store, backup.databasePath, log, THREAD_SLICING) : undefined;
  return { relay, scheduling: startScheduler({ store, clock: systemClock, log, relay, ...(backups ? { backups } : {}), ...(startThread ? { startThread } : {}) }) };
}
