import type { DeliveryReceipt } from '../core/types.ts';
import type { OutboxRow } from '../db/repositories/outbox.ts';
import type { Store } from '../db/store.ts';

/** What a delivery left behind, remembered with it: the id of the thread a platform opened, or why it opened none. */
export function recordReceipt(store: Store, row: OutboxRow, receipt: DeliveryReceipt, now: number): void {
  const { destination } = row.notification;
  if (destination.kind !== 'thread' || destination.threadRef) return;
  if (receipt.kind === 'thread_opened') store.threads.opened(row.coopId, destination.subject, receipt.threadRef, now);
  else store.threads.notOpenedBecause(row.coopId, destination.subject, receipt.reason);
}
