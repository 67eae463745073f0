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
  store.jobs.plan(
    { kind: 'dispute_reminder', subject: `coop:${coopId}`, coopId, dueAt, graceMs: WEEK, key: `dispute_reminder:${coopId}:${formatLocal(dueAt, coop.timezone).slice(0, 10)}` },
    now,
  );
}
