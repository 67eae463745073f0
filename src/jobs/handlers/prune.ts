import { HELD_WHILE_INACTIVE } from '../../db/repositories/coop-activity.ts';
import { DAY } from '../../domain/time.ts';
import { planPrune } from '../../planning/retention-jobs.ts';
import { done, postponed, type JobHandler } from '../job-run.ts';

/**
 * How long rows that only matter for a while are kept. Idempotency: Discord and Slack re-deliver within minutes
 * and a button's interaction lives 15 minutes, so a week is ample. Delivered messages: a month, to answer "did
 * I get that?". What failed and finished jobs: three months, to look into a problem long after. The unprompted
 * record: the weekly limit and the monthly nudge gap look back 30 days at most. Messages held for a co-op whose
 * workspace removed Breather: a week, then they are stale and given up.
 */
export const RETENTION = {
  invocations: 7 * DAY,
  sent: 30 * DAY,
  failed: 90 * DAY,
  finishedJobs: 90 * DAY,
  unprompted: 90 * DAY,
  heldWhileInactive: HELD_WHILE_INACTIVE,
} as const;

/** Rows of each kind one run deletes at most, so a batch of the tick stays short; the rest go a minute later. */
export const PRUNE_CHUNK = 1_000;

/** Deletes what is past its retention, in chunks; plans tomorrow's once nothing is left. */
export const prune: JobHandler = {
  run(run) {
    const { now } = run;
    const counts = run.store.retention.prune(
      {
        invocations: now - RETENTION.invocations,
        sent: now - RETENTION.sent,
        failed: now - RETENTION.failed,
        finishedJobs: now - RETENTION.finishedJobs,
        unprompted: now - RETENTION.unprompted,
        heldWhileInactive: now - RETENTION.heldWhileInactive,
      },
      PRUNE_CHUNK,
    );
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0) run.log.info(counts, 'pruned');
    return Object.values(counts).some((n) => n >= PRUNE_CHUNK) ? postponed(now) : done;
  },
  after(run) {
    planPrune(run.store, run.now, run.now);
  },
};
