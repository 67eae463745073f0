import type { Db } from '../connection.ts';
import type { Platform } from '../../core/types.ts';

// Whether a co-op's workspace still has Breather. An inactive co-op keeps everything; the outbox holds its rows.

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
  }

  /** Returns false when the workspace never had a co-op (nobody used Breather there). */
  markInactive(platform: Platform, externalRef: string, reason: string, now: number): boolean {
    return this.deactivate.run(now, reason, platform, externalRef).changes > 0;
  }

  markActive(platform: Platform, externalRef: string): void {
    this.activate.run(platform, externalRef);
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
