import type { Db } from '../connection.ts';

// How much work is waiting: the hourly log line and /healthz report it.

export interface QueueDepths {
  /** Pending jobs whose time has come. */
  jobsDue: number;
  /** Notifications not yet delivered (those of inactive co-ops included: they wait). */
  outboxUnsent: number;
  /** Age of the oldest undelivered notification, ms; 0 when there is none. */
  oldestUnsentMs: number;
}

export class QueueDepthQueries {
  private readonly jobs;
  private readonly outbox;

  constructor(db: Db) {
    this.jobs = db.prepare<[number], { n: number }>("SELECT count(*) AS n FROM jobs WHERE status = 'pending' AND next_attempt_at <= ?");
    // By platform, so the count reads the pending rows through their index (outbox_pending) and no sent ones.
    this.outbox = db.prepare<[], { n: number; oldest: number | null }>(
      "SELECT count(*) AS n, min(created_at) AS oldest FROM outbox WHERE status = 'pending' AND platform IN ('console', 'discord', 'slack')",
    );
  }

  at(now: number): QueueDepths {
    const jobs = this.jobs.get(now)?.n ?? 0;
    const outbox = this.outbox.get();
    const oldest = outbox?.oldest ?? null;
    return { jobsDue: jobs, outboxUnsent: outbox?.n ?? 0, oldestUnsentMs: oldest === null ? 0 : Math.max(0, now - oldest) };
  }
}
