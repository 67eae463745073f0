import { coopDestination } from '../domain/destinations.ts';
import type { Clock, DeliveryResult, Destination, Messenger, Platform } from '../core/types.ts';
import type { OutboxRow } from '../db/repositories/outbox.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { RateLimiter, routeKey, type PlatformLimits } from './rate-limits.ts';
import { recordReceipt } from './receipts.ts';

const MAX_ATTEMPTS = 8;
const BATCH = 200;

/** Back-off after a failed delivery: 2 s, 4 s, 8 s … capped at 10 minutes, unless the platform said how long. */
export function retryDelay(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(retryAfterMs, 0);
  return Math.min(2_000 * 2 ** attempts, 600_000);
}

export interface RelayOptions {
  /** Per-platform limits (PLATFORM_LIMITS in production). A platform without limits sends one at a time, at once. */
  limits?: Partial<Record<Platform, PlatformLimits>>;
  /** How the relay waits for a rate limit or a retry; tests and the bench pass one that moves a manual clock. */
  wait?: (ms: number) => Promise<void>;
  /** A drain keeps waiting for rows that fall due within this long (retries, Retry-After); 0 = return at once. */
  holdMs?: number;
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers what committed transactions queued in the outbox, through each platform's Messenger: a queue per
 * platform that keeps to its rate limits, honours Retry-After, retries with back-off, and marks what cannot be
 * delivered as failed (a refused DM gets a mention in the co-op channel instead). Nothing here touches the ledger.
 */
export class OutboxRelay {
  private readonly messengers = new Map<Platform, Messenger>();
  private readonly limiters = new Map<Platform, RateLimiter>();
  private readonly wait: (ms: number) => Promise<void>;
  private readonly holdMs: number;
  private running: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: RelayOptions = {},
  ) {
    this.wait = options.wait ?? realWait;
    this.holdMs = options.holdMs ?? 0;
  }

  register(messenger: Messenger): void {
    this.messengers.set(messenger.platform, messenger);
    const limits = this.options.limits?.[messenger.platform];
    if (limits) this.limiters.set(messenger.platform, new RateLimiter(limits));
  }

  /** Drains everything due now. Calls while a drain runs fold into one more pass, so nothing is sent twice. */
  drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      try {
        do {
          this.again = false;
          const counts = await Promise.all([...this.messengers.values()].map((m) => this.drainPlatform(m)));
          sent += counts.reduce((a, b) => a + b, 0);
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return sent;
    })();
    return this.running;
  }

  private async drainPlatform(messenger: Messenger): Promise<number> {
    const { platform } = messenger;
    const limiter = this.limiters.get(platform);
    const concurrency = limiter?.concurrency ?? 1;
    const inFlight = new Map<number, Promise<void>>();
    const busy = new Set<string>();
    let sent = 0;
    for (;;) {
      const now0 = this.clock.now();
      // Each destination's messages go in the order they were queued, retries included.
      const rows = this.store.outbox.dueFor(platform, now0, BATCH + inFlight.size).filter((r) => !inFlight.has(r.id)).sort((a, b) => a.id - b.id);
      const waitingBehind = new Map<string, number>();
      for (const r of this.store.outbox.retryingFor(platform, now0)) {
        const route = routeKey(r.destination);
        waitingBehind.set(route, Math.min(r.id, waitingBehind.get(route) ?? Number.POSITIVE_INFINITY));
      }
      const blocked = new Set<string>();
      let wakeAt = Number.POSITIVE_INFINITY;
      let launched = 0;
      for (const row of rows) {
        const route = routeKey(row.notification.destination);
        if (busy.has(route) || blocked.has(route) || (waitingBehind.get(route) ?? Number.POSITIVE_INFINITY) < row.id) {
          blocked.add(route); // keeps each destination's messages in order
          continue;
        }
        while (inFlight.size >= concurrency) await Promise.race(inFlight.values());
        const now = this.clock.now();
        const ready = limiter?.readyAt(route, now) ?? { at: now, global: false };
        if (ready.at > now) {
          wakeAt = Math.min(wakeAt, ready.at);
          if (ready.global) break;
          blocked.add(route);
          continue;
        }
        limiter?.record(route, now);
        busy.add(route);
        const delivery = this.deliver(messenger, row, route, limiter)
          .then((ok) => {
            if (ok) sent += 1;
          })
          .finally(() => {
            inFlight.delete(row.id);
            busy.delete(route);
          });
        inFlight.set(row.id, delivery);
        launched += 1;
      }
      if (launched > 0) continue;
      if (inFlight.size > 0) {
        await Promise.race(inFlight.values());
        continue;
      }
      const now = this.clock.now();
      limiter?.forgetIdle(now);
      // Rows held by a rate limit are due now: wait for them. Rows retrying later: only within holdMs.
      const later = this.store.outbox.nextAt(platform, now);
      const laterAt = later !== undefined && later > now && later - now <= this.holdMs ? later : Number.POSITIVE_INFINITY;
      const until = Math.min(wakeAt, laterAt);
      if (!Number.isFinite(until)) break;
      await this.wait(until - now);
      if (this.clock.now() <= now) break; // a clock that does not move (a manual one): leave the rest for later
    }
    await Promise.all(inFlight.values());
    return sent;
  }

  private async deliver(messenger: Messenger, row: OutboxRow, route: string, limiter: RateLimiter | undefined): Promise<boolean> {
    let result: DeliveryResult;
    try {
      result = await messenger.send(row.notification);
    } catch (error) {
      this.log.error({ err: error, outboxId: row.id }, 'delivery threw');
      result = { ok: false, permanent: false, error: error instanceof Error ? error.message : String(error) };
    }
    const now = this.clock.now();
    if (result.ok) {
      const { receipt } = result;
      this.store.transaction(() => {
        this.store.outbox.markSent(row.id, now);
        if (receipt) recordReceipt(this.store, row, receipt, now);
      });
      return true;
    }
    if (result.permanent || row.attempts + 1 >= MAX_ATTEMPTS) {
      this.log.warn({ outboxId: row.id, error: result.error, attempts: row.attempts + 1 }, 'delivery failed for good');
      const failure = result.error;
      this.store.transaction(() => {
        this.store.outbox.markFailed(row.id, failure);
        if (row.notification.destination.kind === 'dm' && result.permanent) this.mentionInChannel(row.notification.destination, now);
      });
      return false;
    }
    if (result.retryAfterMs !== undefined) limiter?.pause(route, now + result.retryAfterMs);
    this.store.outbox.markRetry(row.id, now + retryDelay(row.attempts, result.retryAfterMs), result.error);
    return false;
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
