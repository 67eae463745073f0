import type { Db } from '../connection.ts';
import { STALE_WHILE_INACTIVE } from './coop-activity.ts';

/** The cut-off instants: rows older than these may go. */
export interface PruneBefore {
  /** idempotency rows of handled commands */
  invocations: number;
  /** outbox rows delivered */
  sent: number;
  /** outbox rows given up on */
  failed: number;
  /** jobs that ran, were skipped, cancelled, opted out of or failed, and whose time is past */
  finishedJobs: number;
  /** the record of unprompted messages (at most two a week) */
  unprompted: number;
  /** outbox rows held for a co-op whose workspace removed Breather: given up (failed), then pruned with those */
  heldWhileInactive: number;
}

export type PruneCounts = Record<keyof PruneBefore, number>;

/**
 * Deletes what only matters for a while, oldest first and at most `limit` rows of each kind per call, so one call
 * stays short (messages held for an inactive co-op are marked failed instead, and deleted as failed ones later). The ledger, swaps and breaks are the co-op's history and are never pruned.
 */
export class RetentionRepository {
  private readonly statements: Record<keyof PruneBefore, { run(params: { before: number; limit: number }): { changes: number } }>;
  private readonly pendingPrune;

  constructor(db: Db) {
    const batch = (table: string, key: string, where: string) =>
      db.prepare<[{ before: number; limit: number }]>(`DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${where} LIMIT @limit)`);
    this.statements = {
      invocations: batch('invocations', 'idempotency_key', 'created_at < @before'),
      sent: batch('outbox', 'id', "status = 'sent' AND sent_at < @before"),
      failed: batch('outbox', 'id', "status = 'failed' AND created_at < @before"),
      // A finished job keeps its key while it could still be planned again: its swap is not resolved yet, or its
      // moment is not past. The newest row always stays, so SQLite never hands out a pruned job id again (outbox
      // rows are keyed by job id).
      finishedJobs: batch(
        'jobs',
        'id',
        `status <> 'pending' AND finished_at < @before AND due_at < @before AND id < (SELECT max(id) FROM jobs)
           AND (swap_id IS NULL OR EXISTS (SELECT 1 FROM swaps s WHERE s.id = jobs.swap_id AND s.resolved_at < @before))`,
      ),
      unprompted: batch('unprompted_messages', 'id', 'sent_at < @before'),
      heldWhileInactive: db.prepare<[{ before: number; limit: number }]>(
        `UPDATE outbox SET status = 'failed', last_error = '${STALE_WHILE_INACTIVE}', sending_since = NULL WHERE id IN (
           SELECT id FROM outbox WHERE status = 'pending' AND created_at < @before
             AND coop_id IN (SELECT id FROM coops WHERE inactive_since IS NOT NULL) LIMIT @limit)`,
      ),
    };
    this.pendingPrune = db.prepare<[], { id: number }>("SELECT id FROM jobs WHERE kind = 'prune' AND status = 'pending' LIMIT 1");
  }

  /** Deletes up to `limit` rows of each kind older than its cut-off; returns how many went of each. */
  prune(before: PruneBefore, limit: number): PruneCounts {
    const counts = {} as PruneCounts;
    for (const kind of Object.keys(this.statements) as (keyof PruneBefore)[]) {
      counts[kind] = this.statements[kind].run({ before: before[kind], limit }).changes;
    }
    return counts;
  }

  hasPendingPrune(): boolean {
    return this.pendingPrune.get() !== undefined;
  }
}
