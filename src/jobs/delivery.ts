import type { Clock, DeliveryContext, DeliveryResult, Destination, Messenger } from '../core/types.ts';
import type { OutboxRow, QueuedRow } from '../db/repositories/outbox.ts';
import type { Store } from '../db/store.ts';
import { coopDestination } from '../domain/destinations.ts';
import type { Logger } from '../logger.ts';
import { recordReceipt } from './receipts.ts';

const MAX_ATTEMPTS = 8;

/** Back-off after a failed delivery: 2 s, 4 s, 8 s … capped at 10 minutes, unless the platform said how long. */
export function retryDelay(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(retryAfterMs, 0);
  return Math.min(2_000 * 2 ** attempts, 600_000);
}

export type Outcome = { kind: 'sent' } | { kind: 'retry'; retryAfterMs?: number } | { kind: 'failed' };

/**
 * One row of the outbox through a messenger, with what exactly-once delivery needs around the send:
 *
 * 1. before: the row is marked as being sent, in a synced transaction. That makes the row (and every unsynced
 *    scheduler batch before it) durable before anything leaves the process, and tells a later attempt that this
 *    one may have arrived: the messenger then looks before sending again (Slack), or the platform drops the repeat
 *    (Discord's nonce).
 * 2. the send, carrying the row's id, and the member's DM channel if one was opened before;
 * 3. after: sent, retry later, or failed (a refused DM becomes a mention in the co-op channel), and the DM channel
 *    kept. These marks need not wait for the disk: if a power cut undid one, the row is sent again, and the platform
 *    recognises it.
 */
export class Deliveries {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  contextFor(row: QueuedRow): DeliveryContext {
    const context: DeliveryContext = { outboxId: row.id };
    const { destination } = row;
    if (destination.kind === 'dm') {
      const channel = this.store.dmChannels.find(destination.platform, destination.coopRef, destination.memberRef);
      if (channel) context.dmChannel = channel;
    }
    if (row.sendingSince !== null) context.maybeSent = { since: row.sendingSince };
    return context;
  }

  /**
   * Marks rows about to be sent, in one synced transaction (step 1). A row whose resend the platform recognises by
   * itself (Discord's nonce) needs the mark only as that barrier, when a scheduler batch is not on disk yet.
   */
  starting(messenger: Messenger, rows: readonly OutboxRow[]): void {
    const noted = this.store.syncPending ? rows : rows.filter((r) => !messenger.recognisesResend?.(r.notification));
    if (noted.length === 0) return;
    this.store.transaction(() => this.store.outbox.markSending(noted.map((r) => r.id), this.clock.now()));
  }

  /** Sends one row and records how it went (steps 2 and 3). */
  async deliver(messenger: Messenger, row: OutboxRow, context: DeliveryContext): Promise<Outcome> {
    let result: DeliveryResult;
    try {
      result = await messenger.send(row.notification, context);
    } catch (error) {
      this.log.error({ err: error, outboxId: row.id }, 'delivery threw');
      result = { ok: false, permanent: false, unknown: true, error: error instanceof Error ? error.message : String(error) };
    }
    const now = this.clock.now();
    const { outbox } = this.store;
    if (result.ok) {
      const { dmChannel: channel, receipt } = result;
      const destination = row.notification.destination;
      const marks = () => {
        outbox.markSent(row.id, now);
        if (channel && destination.kind === 'dm') this.store.dmChannels.remember(destination.platform, destination.coopRef, destination.memberRef, channel, now);
        if (receipt) recordReceipt(this.store, row, receipt, now);
      };
      // A thread opened is remembered on disk before anything else goes: a resend would open a second one.
      if (receipt) this.store.transaction(marks);
      else this.store.markTransaction(marks);
      return { kind: 'sent' };
    }
    if (result.permanent || row.attempts + 1 >= MAX_ATTEMPTS) {
      this.log.warn({ outboxId: row.id, error: result.error, attempts: row.attempts + 1 }, 'delivery failed for good');
      const failure = result;
      this.store.transaction(() => {
        outbox.markFailed(row.id, failure.error);
        if (row.notification.destination.kind === 'dm' && failure.permanent) this.mentionInChannel(row.notification.destination, now);
      });
      return { kind: 'failed' };
    }
    const retryAt = now + retryDelay(row.attempts, result.retryAfterMs);
    const failure = result;
    // An earlier attempt that may have arrived still may have: a retry that failed for a known reason keeps the doubt.
    const unknown = failure.unknown === true || context.maybeSent !== undefined;
    this.store.markTransaction(() => outbox.markRetry(row.id, retryAt, failure.error, unknown));
    return result.retryAfterMs === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterMs: result.retryAfterMs };
  }

  /** A DM was refused: a short, private-content-free mention in the co-op channel, at most once a day. */
  private mentionInChannel(destination: Extract<Destination, { kind: 'dm' }>, now: number): void {
    const coop = this.store.coops.find(destination.platform, destination.coopRef);
    if (!coop || (coop.platform !== 'console' && !coop.channelRef)) return;
    const mention = coop.platform === 'console' ? `@${destination.memberName}` : `<@${destination.memberRef}>`;
    this.store.outbox.add({
      coopId: coop.id,
      notification: {
        destination: coopDestination(coop),
        message: {
          text: `${mention} I couldn't send you a private message. If you'd like reminders and check-ins, please allow direct messages from me.`,
          ...(coop.platform === 'console' ? {} : { mentions: [destination.memberRef] }),
        },
      },
      dedupeKey: `dm-refused:${coop.id}:${destination.memberRef}:${new Date(now).toISOString().slice(0, 10)}`,
      at: now,
    });
  }
}
