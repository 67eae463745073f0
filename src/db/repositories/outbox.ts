import type { Db } from '../connection.ts';
import type { Destination, Message, Notification, Platform } from '../../core/types.ts';

/** A row waiting to be sent, without its message: the relay looks at many to find the few it may send now. */
export interface QueuedRow {
  id: number;
  coopId: number;
  platform: Platform;
  destination: Destination;
  localTime: string | null;
  attempts: number;
  /** When a send of it started that has no known outcome yet; null when none. */
  sendingSince: number | null;
}

/** A queued row with its message, ready to send. */
export interface OutboxRow extends QueuedRow {
  notification: Notification;
}

export interface NewOutboxRow {
  coopId: number;
  notification: Notification;
  dedupeKey?: string;
  at: number;
}

// A co-op whose workspace removed Breather is sent nothing: its rows wait, untouched, in case it comes back.
const ACTIVE = 'coop_id NOT IN (SELECT id FROM coops WHERE inactive_since IS NOT NULL)';

export class OutboxRepository {
  private readonly insert;
  private readonly due;
  private readonly sent;
  private readonly retry;
  private readonly failed;
  private readonly retrying;
  private readonly next;
  private readonly sending;
  private readonly messageOf;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string, string, string | null, string | null, number, number]>(
      `INSERT INTO outbox (coop_id, platform, destination, message, local_time, dedupe_key, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    );
    this.due = db.prepare<
      [string, number, number],
      { id: number; coop_id: number; platform: Platform; destination: string; local_time: string | null; attempts: number; sending_since: number | null }
    >(
      `SELECT id, coop_id, platform, destination, local_time, attempts, sending_since FROM outbox
       WHERE status = 'pending' AND platform = ? AND next_attempt_at <= ? AND ${ACTIVE} ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.sent = db.prepare<[number, number]>(
      "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, sending_since = NULL WHERE id = ?",
    );
    // An unknown outcome keeps the time the first unanswered send started: the next attempt looks from there.
    this.retry = db.prepare<[number, string, number, number]>(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
         sending_since = CASE WHEN ? THEN sending_since ELSE NULL END WHERE id = ?`,
    );
    this.failed = db.prepare<[string, number]>(
      "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, sending_since = NULL WHERE id = ?",
    );
    this.messageOf = db.prepare<[number], { message: string }>('SELECT message FROM outbox WHERE id = ?');
    this.sending = db.prepare<[number, string]>(
      "UPDATE outbox SET sending_since = ? WHERE id IN (SELECT value FROM json_each(?)) AND sending_since IS NULL AND status = 'pending'",
    );
    this.retrying = db.prepare<[string, number], { id: number; destination: string }>(
      `SELECT id, destination FROM outbox WHERE status = 'pending' AND platform = ? AND attempts > 0 AND next_attempt_at > ? AND ${ACTIVE}`,
    );
    this.next = db.prepare<[string, number], { at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM outbox WHERE status = 'pending' AND platform = ? AND next_attempt_at > ? AND ${ACTIVE}`,
    );
  }

  /** Queues a notification; a repeated dedupe key is ignored, so a notification is queued at most once. */
  add(row: NewOutboxRow): void {
    const { destination, message, localTime } = row.notification;
    this.insert.run(
      row.coopId,
      destination.platform,
      JSON.stringify(destination),
      JSON.stringify(message),
      localTime ?? null,
      row.dedupeKey ?? null,
      row.at,
      row.at,
    );
  }

  dueFor(platform: Platform, now: number, limit: number): QueuedRow[] {
    return this.due.all(platform, now, limit).map((r) => ({
      id: r.id,
      coopId: r.coop_id,
      platform: r.platform,
      destination: JSON.parse(r.destination) as Destination,
      localTime: r.local_time,
      attempts: r.attempts,
      sendingSince: r.sending_since,
    }));
  }

  /** The row with its message. */
  load(row: QueuedRow): OutboxRow {
    const message = JSON.parse(this.messageOf.get(row.id)?.message ?? '{"text":""}') as Message;
    const notification: Notification = { destination: row.destination, message };
    if (row.localTime) notification.localTime = row.localTime;
    return { ...row, notification };
  }

  markSent(id: number, at: number): void {
    this.sent.run(at, id);
  }

  /** Sends of these rows are starting: until their outcome is known, a send may have arrived. */
  markSending(ids: readonly number[], at: number): void {
    if (ids.length > 0) this.sending.run(at, JSON.stringify(ids));
  }

  /** Tries again later; `unknown`: the failed send may have arrived, so the next one looks first. */
  markRetry(id: number, nextAttemptAt: number, error: string, unknown = false): void {
    this.retry.run(nextAttemptAt, error, unknown ? 1 : 0, id);
  }

  markFailed(id: number, error: string): void {
    this.failed.run(error, id);
  }

  /** Notifications waiting to be retried: later messages to the same destination wait behind them. */
  retryingFor(platform: Platform, now: number): { id: number; destination: Destination }[] {
    return this.retrying.all(platform, now).map((r) => ({ id: r.id, destination: JSON.parse(r.destination) as Destination }));
  }

  /** When the earliest undelivered notification for a platform wants to go (after `after`, if given). */
  nextAt(platform: Platform, after = Number.MIN_SAFE_INTEGER): number | undefined {
    return this.next.get(platform, after)?.at ?? undefined;
  }
}
