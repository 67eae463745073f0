import type { Store } from '../db/store.ts';
import { HOUR, MINUTE } from '../domain/time.ts';
import type { Logger } from '../logger.ts';

// Once an hour, one info line with how much work is waiting: jobs due, notifications not yet delivered, and how old
// the oldest of them is. Driven by the scheduler's tick (its Clock), so tests move it and a restart reports at once.

export const QUEUE_REPORT_EVERY_MS = HOUR;

export class QueueReport {
  private nextAt: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly everyMs = QUEUE_REPORT_EVERY_MS,
  ) {}

  /** Logs the depths at the first call and then once `everyMs` has passed; returns whether it logged. */
  tick(now: number): boolean {
    if (this.nextAt !== undefined && now < this.nextAt) return false;
    this.nextAt = now + this.everyMs;
    const depths = this.store.queues.at(now);
    this.log.info({ ...depths, oldestUnsentMinutes: Math.floor(depths.oldestUnsentMs / MINUTE) }, 'queue depths');
    return true;
  }
}
