import type { Clock, DeliveryResult, Messenger, Notification, Platform } from '../../src/core/types.ts';
import { routeKey, type RateWindow } from '../../src/jobs/rate-limits.ts';

export interface Delivered {
  at: number;
  route: string;
  notification: Notification;
}

/**
 * A stand-in platform that enforces rate limits the way Discord and Slack do: over the limit it answers 429 with
 * Retry-After. It can also refuse DMs to some members for good (Discord 50007), or fail the first few attempts.
 */
export class LimitedMessenger implements Messenger {
  readonly delivered: Delivered[] = [];
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

  async send(notification: Notification): Promise<DeliveryResult> {
    const now = this.clock.now();
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
    const wait = Math.max(this.waitFor(this.globalStamps, this.limits.global, now), this.waitFor(this.routeStamps.get(route) ?? [], this.limits.perRoute, now));
    if (wait > 0) {
      this.rejected429 += 1;
      return { ok: false, permanent: false, retryAfterMs: wait, error: '429 Too Many Requests' };
    }
    this.globalStamps.push(now);
    const stamps = this.routeStamps.get(route) ?? [];
    stamps.push(now);
    this.routeStamps.set(route, stamps);
    this.delivered.push({ at: now, route, notification });
    return { ok: true };
  }

  private waitFor(stamps: number[], window: RateWindow | undefined, now: number): number {
    if (!window) return 0;
    const recent = stamps.filter((t) => t > now - window.windowMs);
    if (recent.length < window.count) return 0;
    return (recent[recent.length - window.count] ?? now) + window.windowMs - now;
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
