import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/types.ts';
import type { Job } from '../db/repositories/jobs.ts';
import type { Store } from '../db/store.ts';
import { MINUTE } from '../domain/time.ts';
import type { Logger } from '../logger.ts';
import { JOB_HANDLERS } from './handlers/index.ts';
import { INACTIVE_REASON, SKIPPED_WHILE_INACTIVE } from './inactive-coops.ts';
import { JobReads } from './job-reads.ts';
import type { JobHandler, JobRun, Outcome } from './job-run.ts';
import { PlanningPass, type PlanReport } from './planning-pass.ts';

export type { PlanReport } from './planning-pass.ts';

export const MAX_JOB_ATTEMPTS = 5;
/** Jobs run in one transaction at most, read `CHUNK` at a time. */
const BATCH = 2_000;
const CHUNK = 32;

export interface RunReport {
  done: number;
  skipped: number;
  postponed: number;
  retried: number;
  failed: number;
}

/**
 * How a tick shares the event loop with interactions: it works in batches of at most `sliceMs` of CPU, each
 * its own transaction, and pauses between them, so a parent's command waits for one short batch at most. While
 * nobody else wants the event loop (a pause comes straight back) the batches grow, up to `maxSliceMs`: fewer
 * commits for a wave of check-ins at night; as soon as something else ran in a pause, they are short again.
 */
export interface Slicing {
  sliceMs: number;
  maxSliceMs?: number;
  /** Lets the event loop run: for a turn (setImmediate in production), or for `ms` (a timer). */
  pause(ms?: number): Promise<void>;
  /** True once the process is stopping: the tick returns after the batch in hand. */
  stopped?(): boolean;
  /** True while someone else wants the database's write lock: the batch in hand ends after its current job. */
  yieldNow?(): boolean;
}

/** After a failure: 30 s, 1 min, 2 min … at most an hour. */
export function jobRetryDelay(attempts: number): number {
  return Math.min(30_000 * 2 ** attempts, 60 * MINUTE);
}

const emptyPlan = (): PlanReport => ({ checkins: 0, digests: 0, nudgeRounds: 0, swaps: 0 });
const emptyRun = (): RunReport => ({ done: 0, skipped: 0, postponed: 0, retried: 0, failed: 0 });

/**
 * Turns due jobs into outbox rows. The schedule lives in the jobs table: a job is claimed, run, and its next
 * occurrence planned in one transaction with the outbox rows it writes, so a restart loses nothing and sends
 * nothing twice. A job later than its grace (after downtime) is skipped and logged, never sent in a burst.
 */
export class Scheduler {
  private readonly planning: PlanningPass;
  /** One savepoint wrapper for every job, not a new one each time. */
  private readonly savepoint: (work: () => void) => void;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly handlers: Readonly<Record<string, JobHandler>> = JOB_HANDLERS,
  ) {
    this.planning = new PlanningPass(store);
    this.savepoint = store.db.transaction((work: () => void) => work());
  }

  /** The planning pass, all at once: what changed since the last one (and, the first time, a sweep of everything). */
  plan(now = this.clock.now()): PlanReport {
    const report = emptyPlan();
    while (this.planStep(now, never, report));
    return report;
  }

  /** Runs every job due by `now`, earliest first, in batches. */
  runDue(now = this.clock.now()): RunReport {
    const report = emptyRun();
    while (this.runStep(now, never, report));
    return report;
  }

  /** `plan`, in slices that leave the event loop free in between. */
  async planInSlices(now: number, slicing: Slicing): Promise<PlanReport> {
    const report = emptyPlan();
    await inSlices(slicing, (over) => this.planStep(now, over, report));
    return report;
  }

  /** `runDue`, in slices that leave the event loop free in between. */
  async runDueInSlices(now: number, slicing: Slicing): Promise<RunReport> {
    const report = emptyRun();
    await inSlices(slicing, (over) => this.runStep(now, over, report));
    return report;
  }

  /** When the next pending job wants to run. */
  nextDueAt(): number | undefined {
    return this.store.jobs.nextDueAt();
  }

  private planStep(now: number, over: () => boolean, report: PlanReport): boolean {
    return this.store.batchTransaction(() => {
      let more: boolean;
      do more = this.planning.step(now, report);
      while (more && !over());
      return more;
    });
  }

  /**
   * One batch: reads the due jobs and runs them until the deadline; returns whether more are due. Jobs run without
   * savepoints first (a savepoint per job costs more than most jobs); if one throws, the batch rolls back and runs
   * again with a savepoint around each job, so the one that failed leaves nothing and the others go through.
   */
  private runStep(now: number, over: () => boolean, report: RunReport): boolean {
    try {
      return this.runBatch(now, over, report, false);
    } catch (error) {
      if (!(error instanceof JobThrew)) throw error;
      return this.runBatch(now, over, report, true);
    }
  }

  private runBatch(now: number, over: () => boolean, report: RunReport, careful: boolean): boolean {
    const counts = emptyRun();
    const more = this.store.batchTransaction(() => {
      const reads = new JobReads(this.store);
      // A chunk of due jobs at a time, so a short slice reads only about what it runs. A job run is no longer due
      // (done, skipped, postponed or retrying later), so the next read starts where this one ended.
      for (let ran = 0; ran < BATCH; ) {
        const due = this.store.jobs.dueBy(now, CHUNK);
        // Their members and settings in two reads, not two per job.
        reads.prefetch(due.flatMap((job) => (job.memberId === null ? [] : [job.memberId])));
        for (const [i, job] of due.entries()) {
          this.runOne(job, now, counts, reads, careful);
          ran += 1;
          if (over()) return i + 1 < due.length || due.length === CHUNK;
        }
        if (due.length < CHUNK) return false;
      }
      return true;
    });
    for (const key of Object.keys(counts) as (keyof RunReport)[]) report[key] += counts[key];
    return more;
  }

  private runOne(job: Job, now: number, report: RunReport, reads: JobReads, careful: boolean): void {
    const { jobs } = this.store;
    const handler = this.handlers[job.kind];
    // A child logger costs more than most jobs' SQL: made only when a job has something to say.
    let child: Logger | undefined;
    const parent = this.log;
    const run: JobRun = {
      store: this.store,
      job,
      now,
      reads,
      get log() {
        return (child ??= parent.child({ job: job.id, kind: job.kind, subject: job.subject }));
      },
    };
    if (!handler) {
      jobs.markFailed(job.id, `no handler for ${job.kind}`, now);
      run.log.error('job of an unknown kind');
      report.failed += 1;
      return;
    }
    const attempt = () => {
      if (job.coopId !== null && SKIPPED_WHILE_INACTIVE.has(job.kind) && reads.coopInactive(job.coopId)) {
        jobs.markSkipped(job.id, INACTIVE_REASON, now);
        run.log.info({ coop: job.coopId }, `job skipped: ${INACTIVE_REASON}`);
        report.skipped += 1;
        return;
      }
      if (job.graceMs !== null && now > job.dueAt + job.graceMs) {
        const lateBy = Math.round((now - job.dueAt) / MINUTE);
        jobs.markSkipped(job.id, `too late: ${lateBy} min after it was due`, now);
        run.log.info({ dueAt: new Date(job.dueAt).toISOString(), lateByMinutes: lateBy }, 'job skipped: later than its grace');
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
        run.log.debug({ reason: outcome.reason }, 'job skipped');
        report.skipped += 1;
      }
      handler.after?.(run);
    };
    if (!careful) {
      try {
        attempt();
      } catch (error) {
        throw new JobThrew(error);
      }
      return;
    }
    try {
      // A savepoint: a job that throws leaves nothing behind, and the rest of the batch goes on.
      this.savepoint(attempt);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts + 1 >= MAX_JOB_ATTEMPTS) {
        jobs.markFailed(job.id, message, now);
        run.log.error({ err: error, attempts: job.attempts + 1 }, 'job failed for good');
        report.failed += 1;
        try {
          this.savepoint(() => handler.after?.(run)); // a weekly job still plans next week's
        } catch (planError) {
          run.log.error({ err: planError }, 'could not plan the next occurrence');
        }
      } else {
        jobs.retryLater(job.id, now + jobRetryDelay(job.attempts), message);
        run.log.warn({ err: error, attempts: job.attempts + 1 }, 'job failed; will retry');
        report.retried += 1;
      }
    }
  }
}

/** A pause longer than this means something else used the event loop meanwhile. */
const BUSY_PAUSE_MS = 1;
/** How long nothing else must want the event loop before batches grow again. */
const QUIET_MS = 250;
/** The pause between batches while commands are being answered. */
const BREATHE_MS = 1;

const never = () => false;

/** Runs `step` (one transaction, until `over`) until it has nothing more to do, pausing in between. */
async function inSlices(slicing: Slicing, step: (over: () => boolean) => boolean): Promise<void> {
  const max = Math.max(slicing.maxSliceMs ?? slicing.sliceMs, slicing.sliceMs);
  let slice = slicing.sliceMs;
  let busyAt = performance.now(); // start small: a command may be on its way
  let busy = false;
  const yieldNow = slicing.yieldNow ?? never;
  for (;;) {
    if (slicing.stopped?.()) return;
    const deadline = performance.now() + slice;
    if (!step(() => performance.now() >= deadline || yieldNow())) return;
    const paused = performance.now();
    // While commands are being answered, the pause is a little longer than a turn of the loop: an answer takes
    // several turns (the request in, the database, the reply out), and its next step may be a moment away.
    await slicing.pause(busy ? BREATHE_MS : undefined);
    const now = performance.now();
    busy = now - paused > (busy ? BREATHE_MS : 0) + BUSY_PAUSE_MS;
    if (busy) busyAt = now;
    slice = now - busyAt < QUIET_MS ? slicing.sliceMs : Math.min(slice * 2, max);
  }
}

/** A job threw in a batch run without savepoints: the batch is run again, carefully. */
class JobThrew extends Error {
  constructor(readonly thrown: unknown) {
    super('a job threw');
  }
}
