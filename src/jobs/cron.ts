import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/types.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { systemClock } from '../core/clock.ts';
import { BackupJobs, type BackupJobOptions } from './backup-jobs.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { QueueReport } from './queue-report.ts';
import { PLATFORM_LIMITS } from './rate-limits.ts';
import { Scheduler } from './scheduler.ts';

/** Every 30 seconds. node-cron only wakes us: the schedule itself is the jobs table. */
export const TICK_EVERY_30_SECONDS = '*/30 * * * * *';

export interface SchedulerTickOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  relay: OutboxRelay;
  expression?: string;
  /** The daily backup: planned each tick, taken after the tick's transactions. */
  backups?: BackupJobs;
}

export interface RunningScheduler {
  scheduler: Scheduler;
  /** One tick now: plan, run what is due, deliver. The cron task calls this too. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the scheduler for Discord and Slack: one tick at once (catching up after downtime, within each job's
 * grace), then one every 30 s. Ticks never overlap. `stop()` waits for a running tick to finish.
 */
export function startScheduler(options: SchedulerTickOptions): RunningScheduler {
  const { store, clock, relay, backups } = options;
  const log = options.log.child({ component: 'scheduler' });
  const scheduler = new Scheduler(store, clock, log);
  const report = new QueueReport(store, log);
  let current: Promise<void> | undefined;
  let stopped = false;

  const tick = (): Promise<void> => {
    if (current) return current;
    current = (async () => {
      try {
        backups?.plan(clock.now());
        const planned = scheduler.plan(clock.now());
        const ran = scheduler.runDue(clock.now());
        if (ran.done + ran.skipped + ran.failed > 0 || planned.checkins > 0) log.info({ planned, ran }, 'scheduler tick');
        await relay.drain();
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
      await current;
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
  // An in-memory database has nothing to back up.
  const backups = backup && backup.databasePath !== ':memory:' ? new BackupJobs(store, log.child({ component: 'backup' }), backup) : undefined;
  return { relay, scheduling: startScheduler({ store, clock: systemClock, log, relay, ...(backups ? { backups } : {}) }) };
}
