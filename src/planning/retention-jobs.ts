import type { Store } from '../db/store.ts';
import { DAY, MINUTE } from '../domain/time.ts';

// The daily prune job: one a day at 04:30 UTC (after the 03:30 backup), for the whole install.

export const PRUNE_MINUTE_UTC = 4 * 60 + 30;
const TRIES = 3;

/** The first 04:30 UTC strictly after `after`. */
export function nextPruneAt(after: number): number {
  const today = after - (after % DAY) + PRUNE_MINUTE_UTC * MINUTE;
  return today > after ? today : today + DAY;
}

/** Plans the next daily prune after `after`, unless one is pending. Inside the caller's transaction. */
export function planPrune(store: Store, after: number, now: number): void {
  if (store.retention.hasPendingPrune()) return;
  let at = nextPruneAt(after);
  for (let i = 0; i < TRIES; i++) {
    const key = `prune:${new Date(at).toISOString().slice(0, 10)}`;
    if (store.jobs.plan({ kind: 'prune', subject: 'install', coopId: null, dueAt: at, graceMs: null, key }, now)) return;
    at = nextPruneAt(at);
  }
}
