import type { DeliveryReceipt } from '../core/types.ts';
import type { OutboxRow } from '../db/repositories/outbox.ts';
import type { Store } from '../db/store.ts';
import { planThreadArchive } from '../planning/thread-jobs.ts';

/**
 * What a delivery left behind, remembered with it: the id of the thread a platform opened (and the job that archives
 * it the day after the sit), or why it opened none. Runs in the transaction that marks the row sent.
 */
export function recordReceipt(store: Store, row: OutboxRow, receipt: DeliveryReceipt, now: number): void {
  const { destination } = row.notification;
  if (destination.kind !== 'thread' || destination.threadRef) return;
  if (receipt.kind === 'thread_not_opened') {
    store.threads.notOpenedBecause(row.coopId, destination.subject, receipt.reason);
    return;
  }
  store.threads.opened(row.coopId, destination.subject, receipt.threadRef, now);
  const thread = store.threads.find(row.coopId, destination.subject);
  if (!thread) return;
  planThreadArchive(store, { coopId: row.coopId, swapId: thread.swapId, subject: thread.subject, endsAt: store.swaps.get(thread.swapId).endsAt }, now);
}
