import type { Clock, DeliveryContext, Messenger, Platform } from '../core/types.ts';
import type { OutboxRow } from '../db/repositories/outbox.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { Deliveries } from './delivery.ts';
import { RateLimiter, routeKey, type PlatformLimits } from './rate-limits.ts';

export { retryDelay } from './delivery.ts';

const BATCH = 200;
/** How long `stop()` waits for sends already on the wire; what is not sent by then stays in the outbox. */
const STOP_GRACE_MS = 5_000;

export interface RelayOptions {
  /** Per-platform limits (PLATFORM_LIMITS in production). A platform without limits sends one at a time, at once. */
  limits?: Partial<Record<Platform, PlatformLimits>>;
  /** How the relay waits for a rate limit or a retry; tests and the bench pass one that moves a manual clock. */
  wait?: (ms: number) => Promise<void>;
  /** A drain keeps waiting for rows that fall due within this long (retries, Retry-After); 0 = return at once. */
  holdMs?: number;
}

interface Launch {
  row: OutboxRow;
  route: string;
  context: DeliveryContext;
  cost: number;
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Delivers what committed transactions queued in the outbox, through each platform's Messenger: a queue per
 * platform that keeps to its rate limits (counting every request a send makes: a first DM opens a channel, then
 * posts), honours Retry-After, retries with back-off, and marks what cannot be delivered as failed (a refused DM
 * gets a mention in the co-op channel instead). Each destination's messages go in the order they were queued.
 * Nothing here touches the ledger. What happens around one send (exactly once) is in delivery.ts.
 */
export class OutboxRelay {
  private readonly messengers = new Map<Platform, Messenger>();
  private readonly limiters = new Map<Platform, RateLimiter>();
  private readonly deliveries: Deliveries;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly holdMs: number;
  private running: Promise<number> | undefined;
  private again = false;
  private stopping = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    log: Logger,
    private readonly options: RelayOptions = {},
  ) {
    this.deliveries = new Deliveries(store, clock, log);
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
    if (this.stopping) return Promise.resolve(0);
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
        } while (this.again && !this.stopping);
      } finally {
        this.running = undefined;
      }
      return sent;
    })();
    return this.running;
  }

  /**
   * Stops sending: no new send starts, a wait for a rate limit or a retry ends at once, and sends already on the
   * wire get `graceMs` to answer. Whatever is not sent stays in the outbox for the next start.
   */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    const running = this.running;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running.then(() => undefined, () => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private async drainPlatform(messenger: Messenger): Promise<number> {
    const { platform } = messenger;
    const limiter = this.limiters.get(platform);
    const concurrency = limiter?.concurrency ?? 1;
    const inFlight = new Map<number, Promise<void>>();
    const busy = new Set<string>();
    let sent = 0;
    while (!this.stopping) {
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
      const wave: Launch[] = [];
      for (const row of rows) {
        if (inFlight.size + wave.length >= concurrency) break;
        const route = routeKey(row.destination);
        if (busy.has(route) || blocked.has(route) || (waitingBehind.get(route) ?? Number.POSITIVE_INFINITY) < row.id) {
          blocked.add(route); // keeps each destination's messages in order
          continue;
        }
        const context = this.deliveries.contextFor(row);
        const loaded = this.store.outbox.load(row);
        const cost = messenger.requestsFor?.(loaded.notification, context) ?? 1;
        const now = this.clock.now();
        const ready = limiter?.readyAt(route, now, cost) ?? { at: now, global: false };
        if (ready.at > now) {
          wakeAt = Math.min(wakeAt, ready.at);
          if (ready.global) break;
          blocked.add(route);
          continue;
        }
        limiter?.started(now, cost);
        busy.add(route);
        wave.push({ row: loaded, route, context, cost });
      }
      if (wave.length > 0) {
        this.deliveries.starting(messenger, wave.map((l) => l.row));
        for (const { row, route, context, cost } of wave) {
          const delivery = this.deliveries
            .deliver(messenger, row, context)
            .then((outcome) => {
              limiter?.finished(route, this.clock.now(), cost);
              if (outcome.kind === 'sent') sent += 1;
              if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined) limiter?.pause(route, this.clock.now() + outcome.retryAfterMs);
            })
            .finally(() => {
              inFlight.delete(row.id);
              busy.delete(route);
            });
          inFlight.set(row.id, delivery);
        }
        continue;
      }
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
      await this.sleep(until - now);
      // A clock that does not move (a manual one, in tests): leave the rest for later. (The real clock may still
      // read the same millisecond after a short timer.)
      if (this.options.wait && this.clock.now() <= now) break;
    }
    await Promise.all(inFlight.values());
    return sent;
  }

  /** The relay's wait, ended early by stop(). */
  private async sleep(ms: number): Promise<void> {
    let wake: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    this.wakers.add(wake);
    try {
      await Promise.race([this.wait(ms), woken]);
    } finally {
      this.wakers.delete(wake);
    }
  }
}
