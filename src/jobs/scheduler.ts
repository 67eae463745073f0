import type { Clock } from '../core/types.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { JOB_HANDLERS } from './handlers/index.ts';
import type { JobHandler, JobRun, Outcome } from './job-run.ts';
import { MINUTE } from '../domain/time.ts';
import type { Job } from '../db/repositories/jobs.ts';
import { syncSwapJobs } from '../planning/swap-jobs.ts';
import { planCheckin, planDigest, planNudgeRound } from '../planning/weekly-jobs.ts';

export const MAX_JOB_ATTEMPTS = 5;
/** Jobs claimed per transaction: one fsync per batch, each job in its own savepoint. */
const BATCH = 250;
const PLAN_CHUNK = 1_000;

export interface RunReport {
  done: number;
  skipped: number;
  postponed: number;
  retried: number;
  failed: number;
}

export interface PlanReport {
  checkins: number;
  digests: number;
  nudgeRounds: number;
  swaps: number;
}

/** After a failure: 30 s, 1 min, 2 min … at most an hour. */
export function jobRetryDelay(attempts: number): number {
  return Math.min(30_000 * 2 ** attempts, 60 * MINUTE);
}

/**
 * Turns due jobs into outbox rows. The schedule lives in the jobs table: a job is claimed, run, and its next
 * occurrence planned in one transaction with the outbox rows it writes, so a restart loses nothing and sends
 * nothing twice. A job later than its grace (after downtime) is skipped and logged, never sent in a burst.
 */
export class Scheduler {

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly handlers: Readonly<Record<string, JobHandler>> = JOB_HANDLERS,
  ) {
  }

  /** The planning pass: every member has a check-in planned, every co-op a digest and a nudge round. */
  plan(now = this.clock.now()): PlanReport {
    const report: PlanReport = { checkins: 0, digests: 0, nudgeRounds: 0, swaps: 0 };
    const { planning, jobs } = this.store;
    for (let chunk = 0; chunk < 100; chunk++) {
      const done = this.store.transaction(() => {
        const members = planning.checkinsToPlan(PLAN_CHUNK);
        for (const m of members) {
          for (const old of jobs.pendingForMember(m.memberId, 'checkin')) jobs.cancel(old.id, now);
          planCheckin(this.store, m, now, now);
        }
        report.checkins += members.length;
        return members.length < PLAN_CHUNK;
      });
      if (done) break;
    }
    this.store.transaction(() => {
      for (const c of planning.digestsToPlan(Number.MAX_SAFE_INTEGER)) {
        jobs.cancelCoopKind(c.coopId, 'digest', now);
        planDigest(this.store, c, now, now);
        report.digests += 1;
      }
      for (const c of planning.nudgeRoundsToPlan(Number.MAX_SAFE_INTEGER)) {
        jobs.cancelCoopKind(c.coopId, 'nudge_round', now);
        planNudgeRound(this.store, c, now, now);
        report.nudgeRounds += 1;
      }
      for (const swapId of planning.swapsToSync(PLAN_CHUNK)) {
        syncSwapJobs(this.store, swapId, now);
        report.swaps += 1;
      }
    });
    return report;
  }

  /** Runs every job due by `now`, earliest first, in batches. */
  runDue(now = this.clock.now()): RunReport {
    const report: RunReport = { done: 0, skipped: 0, postponed: 0, retried: 0, failed: 0 };
    for (;;) {
      const count = this.store.transaction(() => {
        const due = this.store.jobs.dueBy(now, BATCH);
        for (const job of due) this.runOne(job, now, report);
        return due.length;
      });
      if (count < BATCH) return report;
    }
  }

  /** When the next pending job wants to run. */
  nextDueAt(): number | undefined {
    return this.store.jobs.nextDueAt();
  }

  private runOne(job: Job, now: number, report: RunReport): void {
    const { jobs } = this.store;
    const handler = this.handlers[job.kind];
    const log = this.log.child({ job: job.id, kind: job.kind, subject: job.subject });
    const run: JobRun = { store: this.store, job, now, log };
    if (!handler) {
      jobs.markFailed(job.id, `no handler for ${job.kind}`, now);
      log.error('job of an unknown kind');
      report.failed += 1;
      return;
    }
    try {
      // A savepoint: a job that throws leaves nothing behind, and the rest of the batch goes on.
      this.store.db.transaction(() => {
        if (job.graceMs !== null && now > job.dueAt + job.graceMs) {
          const lateBy = Math.round((now - job.dueAt) / MINUTE);
          jobs.markSkipped(job.id, `too late: ${lateBy} min after it was due`, now);
          log.info({ dueAt: new Date(job.dueAt).toISOString(), lateByMinutes: lateBy }, 'job skipped: later than its grace');
          handler.after?.(run);
          report.skipped += 1;
          return;
        }
        const outcome: Outcome = handler.run(run);
        if (outcome.kind === 'postponed') {
          jobs.postpone(job.id, Math.max(outcome.until, now + MINUTE));
          report.postponed += 1;
          return;
        }
        if (outcome.kind === 'done') {
          jobs.markDone(job.id, now);
          report.done += 1;
        } else {
          jobs.markSkipped(job.id, outcome.reason, now);
          log.debug({ reason: outcome.reason }, 'job skipped');
          report.skipped += 1;
        }
        handler.after?.(run);
      })();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts + 1 >= MAX_JOB_ATTEMPTS) {
        jobs.markFailed(job.id, message, now);
        log.error({ err: error, attempts: job.attempts + 1 }, 'job failed for good');
        report.failed += 1;
        try {
          this.store.db.transaction(() => handler.after?.(run))(); // a weekly job still plans next week's
        } catch (planError) {
          log.error({ err: planError }, 'could not plan the next occurrence');
        }
      } else {
        jobs.retryLater(job.id, now + jobRetryDelay(job.attempts), message);
        log.warn({ err: error, attempts: job.attempts + 1 }, 'job failed; will retry');
        report.retried += 1;
      }
    }
  }
}
