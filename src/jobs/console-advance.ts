import type { ManualClock } from '../core/clock.ts';
import type { Platform } from '../core/types.ts';
import type { Store } from '../db/store.ts';
import type { OutboxRelay } from './outbox-relay.ts';
import type { Scheduler } from './scheduler.ts';

const MAX_STEPS = 1_000_000;

/**
 * The console's `:advance`: moves the simulated clock to each due job (or held-back message) in turn, runs it
 * and delivers what it wrote, then sets the clock to `until`. Time never moves backwards: work already overdue
 * (after a restart) runs at the current time, and its grace decides whether it still goes.
 */
export async function advanceTo(
  parts: { store: Store; clock: ManualClock; scheduler: Scheduler; relay: OutboxRelay; platform?: Platform },
  until: number,
): Promise<void> {
  const { store, clock, scheduler, relay } = parts;
  for (let step = 0; step < MAX_STEPS; step++) {
    scheduler.plan(clock.now());
    const candidates = [scheduler.nextDueAt(), store.outbox.nextAt(parts.platform ?? 'console')].filter((t): t is number => t !== undefined);
    const next = candidates.length ? Math.min(...candidates) : undefined;
    if (next === undefined || next > until) break;
    if (next > clock.now()) clock.set(next);
    scheduler.runDue(clock.now());
    await relay.drain();
  }
  if (until > clock.now()) clock.set(until);
  scheduler.plan(clock.now());
  scheduler.runDue(clock.now());
  await relay.drain();
}

/** At start-up: deliver what a stopped process left in the outbox and run what fell due while it was down. */
export async function catchUp(parts: { clock: ManualClock; scheduler: Scheduler; relay: OutboxRelay }): Promise<void> {
  await parts.relay.drain();
  parts.scheduler.plan(parts.clock.now());
  parts.scheduler.runDue(parts.clock.now());
  await parts.relay.drain();
}
