import type { Store } from '../db/store.ts';
import { formatLocal } from '../domain/timezone.ts';
import { WEEK } from '../domain/time.ts';

/**
 * While a co-op has a dispute nobody resolved, its admins are reminded once a week (never the parents). One pending
 * reminder per co-op at a time; the reminder plans the next one itself while disputes remain open.
 */
export function planDisputeReminder(store: Store, coopId: number, after: number, now: number): void {
  if (store.jobs.pendingForCoop(coopId, 'dispute_reminder').length > 0) return;
  const dueAt = after + WEEK;
  const coop = store.coops.get(coopId);
  plan(store, coopId, dueAt, `dispute_reminder:${coopId}:${formatLocal(dueAt, coop.timezone).slice(0, 10)}`, now);
}

/**
 * Disputes wait and no reminder is planned: the co-op is back after its workspace removed Breather (the reminder due
 * meanwhile was skipped, and planned nothing after it). One reminder now, however many weeks were missed; the
 * delivery policy decides when each admin gets it (quiet hours, the week's two), and it plans the next week's.
 */
export function resumeDisputeReminder(store: Store, coopId: number, now: number): void {
  if (store.jobs.pendingForCoop(coopId, 'dispute_reminder').length > 0) return;
  // Its own key: the one skipped may have been due the same day.
  plan(store, coopId, now, `dispute_reminder:${coopId}:resumed:${now}`, now);
}

function plan(store: Store, coopId: number, dueAt: number, key: string, now: number): void {
  store.jobs.plan({ kind: 'dispute_reminder', subject: `coop:${coopId}`, coopId, dueAt, graceMs: WEEK, key }, now);
}
