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
/** Why the scheduler skipped a job of a co-op whose workspace removed Breather (a return looks for it). */
export const INACTIVE_REASON = 'co-op inactive: its workspace removed Breather';

/**
 * One-off words a return brings back from those skipped while the co-op was away, while they still have a point (the
 * job's own grace: a reminder before its sit starts, the sitter's halfway invitation before its end, the prompt to
 * confirm a sit within three days of it, the admins' note about new families within two): each one's latest only,
 * and none where a later one is still to come. The weekly jobs and the dispute reminder are planned again from the
 * co-op's state (the planning pass); a nudge is better not sent than sent late. A sit's thread needs nothing: only a
 * Slack workspace removes Breather, and Slack opens no threads.
 */
const BROUGHT_BACK = ['reminder', 'update_invitation', 'completion_prompt', 'new_families'];

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
  private readonly bringBack;

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
    // Run again from now; due_at stays, so the scheduler's grace still counts from when it was due.
    this.bringBack = db.prepare<{ now: number; reason: string; platform: string; ref: string }>(
      `UPDATE jobs SET status = 'pending', next_attempt_at = @now, attempts = 0, last_error = NULL, finished_at = NULL
       WHERE coop_id IN (SELECT id FROM coops WHERE platform = @platform AND external_ref = @ref)
         AND kind IN (${BROUGHT_BACK.map((k) => `'${k}'`).join(', ')}) AND status = 'skipped' AND last_error = @reason
         AND (grace_ms IS NULL OR due_at + grace_ms >= @now)
         AND NOT EXISTS (SELECT 1 FROM jobs o WHERE o.coop_id = jobs.coop_id AND o.kind = jobs.kind AND o.subject = jobs.subject
                           AND o.member_id IS jobs.member_id AND o.id <> jobs.id AND (o.status = 'pending' OR o.due_at > jobs.due_at))`,
    );
  }

  /** Returns false when the workspace never had a co-op (nobody used Breather there). */
  markInactive(platform: Platform, externalRef: string, reason: string, now: number): boolean {
    return this.deactivate.run(now, reason, platform, externalRef).changes > 0;
  }

  /**
   * Active again (installed again, or a start in single-token mode). Messages held longer than HELD_WHILE_INACTIVE
   * are given up first, so a reinstall weeks later does not send them all at once; returns how many. What was skipped
   * meanwhile and still has a point comes back (BROUGHT_BACK).
   */
  markActive(platform: Platform, externalRef: string, now: number): number {
    const stale = this.dropStale.run(STALE_WHILE_INACTIVE, now - HELD_WHILE_INACTIVE, platform, externalRef).changes;
    this.activate.run(platform, externalRef);
    this.bringBack.run({ now, reason: INACTIVE_REASON, platform, ref: externalRef });
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
