import type { Clock, DeliveryContext, DeliveryResult, Messenger, Notification, Platform } from '../../src/core/types.ts';
import { routeKey, type RateWindow } from '../../src/jobs/rate-limits.ts';

export interface Delivered {
  at: number;
  route: string;
  notification: Notification;
}

/**
 * A stand-in platform that enforces rate limits the way Discord and Slack do: over the limit it answers 429 with
 * Retry-After. It can also refuse DMs to some members for good (Discord 50007), or fail the first few attempts.
 * With `opensDms`, a DM to a member whose channel the relay does not know costs two requests (open, then send), as
 * on Discord, and the channel comes back in the result; every request is counted against the limits.
 */
export class LimitedMessenger implements Messenger {
  readonly delivered: Delivered[] = [];
  /** When each request was made (a first DM makes two). */
  readonly requests: number[] = [];
  opensDms = false;
  rejected429 = 0;
  readonly refuseDmTo = new Set<string>();
  private readonly globalStamps: number[] = [];
  private readonly routeStamps = new Map<string, number[]>();
  /** answer the next N sends with a transient failure (no Retry-After) */
  failNext = 0;
  /** answer the next N sends with 429 and this Retry-After */
  throttleNext: { count: number; retryAfterMs: number } = { count: 0, retryAfterMs: 0 };

  constructor(
    readonly platform: Platform,
    private readonly clock: Clock,
    private readonly limits: { global?: RateWindow; perRoute?: RateWindow },
  ) {}

  requestsFor(notification: Notification, context: DeliveryContext): number {
    return this.opensDms && notification.destination.kind === 'dm' && !context.dmChannel ? 2 : 1;
  }

  async send(notification: Notification, context?: DeliveryContext): Promise<DeliveryResult> {
    const now = this.clock.now();
    const cost = context ? this.requestsFor(notification, context) : 1;
    const route = routeKey(notification.destination);
    const d = notification.destination;
    if (d.kind === 'dm' && this.refuseDmTo.has(d.memberRef)) return { ok: false, permanent: true, error: 'Cannot send messages to this user (50007)' };
    if (this.failNext > 0) {
      this.failNext -= 1;
      return { ok: false, permanent: false, error: 'socket hang up' };
    }
    if (this.throttleNext.count > 0) {
      this.throttleNext.count -= 1;
      this.rejected429 += 1;
      return { ok: false, permanent: false, retryAfterMs: this.throttleNext.retryAfterMs, error: '429' };
    }
    const wait = Math.max(this.waitFor(this.globalStamps, this.limits.global, now, cost), this.waitFor(this.routeStamps.get(route) ?? [], this.limits.perRoute, now, cost));
    if (wait > 0) {
      this.rejected429 += 1;
      return { ok: false, permanent: false, retryAfterMs: wait, error: '429 Too Many Requests' };
    }
    const stamps = this.routeStamps.get(route) ?? [];
    for (let i = 0; i < cost; i++) {
      this.globalStamps.push(now);
      stamps.push(now);
      this.requests.push(now);
    }
    this.routeStamps.set(route, stamps);
    this.delivered.push({ at: now, route, notification });
    return d.kind === 'dm' && this.opensDms ? { ok: true, dmChannel: `D-${d.memberRef}` } : { ok: true };
  }

  private waitFor(stamps: number[], window: RateWindow | undefined, now: number, cost = 1): number {
    if (!window) return 0;
    const recent = stamps.filter((t) => t > now - window.windowMs);
    const over = recent.length + cost - window.count;
    if (over <= 0) return 0;
    return (recent[over - 1] ?? now) + window.windowMs - now;
  }
}

/** The most sends in any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
