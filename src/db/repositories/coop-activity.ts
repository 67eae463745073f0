import type { Db } from '../connection.ts';
import type { Platform } from '../../core/types.ts';
import { WEEK } from '../../domain/time.ts';

// Whether a co-op's workspace still has Breather. An inactive co-op keeps everything; the outbox holds its rows.

/**
 * How long the outbox holds a message for a co-op whose workspace removed Breather. Past that it is stale (a week's
 * check-in, a reminder for a sit that is over): the daily prune gives it up, and so does an install coming back.
 */
export const HELD_WHILE_INACTIVE = WEEK;
export const STALE_WHILE_INACTIVE = 'stale: its workspace had removed Breather';

export interface CoopActivityRow {
  id: number;
  platform: Platform;
  externalRef: string;
  name: string;
  channelRef: string | null;
  inactiveSince: number | null;
  inactiveReason: string | null;
}

export class CoopActivityRepository {
  private readonly deactivate;
  private readonly activate;
  private readonly list;
  private readonly inactive;
  private readonly dropStale;

  constructor(db: Db) {
    this.deactivate = db.prepare<[number, string, string, string]>(
      'UPDATE coops SET inactive_since = coalesce(inactive_since, ?), inactive_reason = ? WHERE platform = ? AND external_ref = ?',
    );
    this.activate = db.prepare<[string, string]>(
      'UPDATE coops SET inactive_since = NULL, inactive_reason = NULL WHERE platform = ? AND external_ref = ?',
    );
    this.list = db.prepare<
      [string],
      { id: number; platform: Platform; external_ref: string; name: string; channel_ref: string | null; inactive_since: number | null; inactive_reason: string | null }
    >('SELECT id, platform, external_ref, name, channel_ref, inactive_since, inactive_reason FROM coops WHERE platform = ? ORDER BY id');
    this.inactive = db.prepare<[], { id: number }>('SELECT id FROM coops WHERE inactive_since IS NOT NULL');
    this.dropStale = db.prepare<[string, number, string, string]>(
      `UPDATE outbox SET status = 'failed', last_error = ?, sending_since = NULL
       WHERE status = 'pending' AND created_at < ? AND coop_id IN (SELECT id FROM coops WHERE platform = ? AND external_ref = ? AND inactive_since IS NOT NULL)`,
    );
  }

  /** Returns false when the workspace never had a co-op (nobody used Breather there). */
  markInactive(platform: Platform, externalRef: string, reason: string, now: number): boolean {
    return this.deactivate.run(now, reason, platform, externalRef).changes > 0;
  }

  /**
   * Active again (installed again, or a start in single-token mode). Messages held longer than HELD_WHILE_INACTIVE
   * are given up first, so a reinstall weeks later does not send them all at once; returns how many.
   */
  markActive(platform: Platform, externalRef: string, now: number): number {
    const stale = this.dropStale.run(STALE_WHILE_INACTIVE, now - HELD_WHILE_INACTIVE, platform, externalRef).changes;
    this.activate.run(platform, externalRef);
    return stale;
  }

  /** The ids of the co-ops whose workspace removed Breather (usually none). */
  inactiveIds(): Set<number> {
    return new Set(this.inactive.all().map((r) => r.id));
  }

  /** Every co-op of a platform, active or not: what the doctor checks. */
  coopsOf(platform: Platform): CoopActivityRow[] {
    return this.list.all(platform).map((r) => ({
      id: r.id,
      platform: r.platform,
      externalRef: r.external_ref,
      name: r.name,
      channelRef: r.channel_ref,
      inactiveSince: r.inactive_since,
      inactiveReason: r.inactive_reason,
    }));
  }
}
