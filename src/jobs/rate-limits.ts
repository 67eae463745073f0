import type { Destination, Platform } from '../core/types.ts';

/** At most `count` requests in any `windowMs`. */
export interface RateWindow {
  count: number;
  windowMs: number;
}

export interface PlatformLimits {
  /** across the whole platform (Discord: 50 requests a second) */
  global?: RateWindow;
  /** to one destination, a DM or a channel (Slack chat.postMessage: about 1 a second per channel) */
  perRoute?: RateWindow;
  /** sends in flight at once; never two at once to one destination, so each member's messages keep their order */
  concurrency: number;
}

/** The documented limits (DESIGN.md "Scheduling"). */
export const PLATFORM_LIMITS: Readonly<Record<Platform, PlatformLimits>> = {
  discord: { global: { count: 50, windowMs: 1_000 }, perRoute: { count: 5, windowMs: 5_000 }, concurrency: 10 },
  slack: { perRoute: { count: 1, windowMs: 1_000 }, concurrency: 5 },
  console: { concurrency: 1 },
};

export function routeKey(destination: Destination): string {
  return destination.kind === 'dm'
    ? `dm:${destination.coopRef}:${destination.memberRef}`
    : `channel:${destination.coopRef}:${destination.channelRef ?? ''}`;
}

/**
 * An exact sliding window: the times of the last `count` requests. Paced, requests also keep to a schedule one
 * window / (count - SPARE) apart: the platform counts them when they arrive, a little after they were let go, and a
 * burst let go at the end of one window would arrive partly in the next and overfill it (the spare requests of each
 * window absorb the network's jitter). A send let go a little late keeps to the schedule rather than pushing it back.
 */
const SPARE = 3;

class SlidingWindow {
  private readonly stamps: number[] = [];
  private readonly gap: number;
  private nextSlot = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly window: RateWindow,
    paced = false,
  ) {
    this.gap = paced ? window.windowMs / Math.max(window.count - SPARE, 1) : 0;
  }

  /** When `cost` more requests fit in the window. */
  readyAt(now: number, cost = 1): number {
    this.prune(now);
    const need = Math.min(Math.max(cost, 1), this.window.count);
    const over = this.stamps.length + need - this.window.count;
    const fits = over <= 0 ? now : (this.stamps[over - 1] ?? now) + this.window.windowMs;
    return this.gap === 0 ? fits : Math.max(fits, Math.ceil(this.nextSlot));
  }

  record(now: number, cost = 1): void {
    for (let i = 0; i < cost; i++) this.stamps.push(now);
    if (this.gap > 0) this.nextSlot = Math.max(this.nextSlot, now - this.gap / 2) + cost * this.gap;
  }

  isIdle(now: number): boolean {
    this.prune(now);
    return this.stamps.length === 0;
  }

  private prune(now: number): void {
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.window.windowMs) this.stamps.shift();
  }
}

export interface Readiness {
  at: number;
  /** the whole platform is saturated, not just this destination */
  global: boolean;
}

/** Decides when the next send to a destination may go; the relay waits or moves on to other destinations. */
export class RateLimiter {
  private readonly global: SlidingWindow | undefined;
  private readonly routes = new Map<string, SlidingWindow>();
  private readonly paused = new Map<string, number>();

  constructor(private readonly limits: PlatformLimits) {
    this.global = limits.global && new SlidingWindow(limits.global, true);
  }

  get concurrency(): number {
    return Math.max(1, this.limits.concurrency);
  }

  /** When a send of `cost` requests (a first DM: open the channel, then post) may go to this destination. */
  readyAt(route: string, now: number, cost = 1): Readiness {
    const globalAt = this.global?.readyAt(now, cost) ?? now;
    if (globalAt > now) return { at: globalAt, global: true };
    const routeAt = Math.max(this.routes.get(route)?.readyAt(now, cost) ?? now, this.paused.get(route) ?? now);
    return { at: routeAt, global: false };
  }

  /** A send let go: its requests take their places in the platform's window. */
  started(now: number, cost = 1): void {
    this.global?.record(now, cost);
  }

  /**
   * A send answered: its requests count against the destination's window from now, not from when they were let
   * go. The platform counted them on arrival, somewhere in between; the next send to this destination then cannot
   * arrive within the window of this one however long either trip took.
   */
  finished(route: string, now: number, cost = 1): void {
    if (!this.limits.perRoute) return;
    let window = this.routes.get(route);
    if (!window) {
      window = new SlidingWindow(this.limits.perRoute);
      this.routes.set(route, window);
    }
    window.record(now, cost);
  }

  /** A 429 with Retry-After: nothing more to this destination until then. */
  pause(route: string, until: number): void {
    this.paused.set(route, Math.max(until, this.paused.get(route) ?? 0));
  }

  /** Forgets destinations with nothing left in their window, so the maps stay small. */
  forgetIdle(now: number): void {
    for (const [route, window] of this.routes) if (window.isIdle(now)) this.routes.delete(route);
    for (const [route, until] of this.paused) if (until <= now) this.paused.delete(route);
  }
}
