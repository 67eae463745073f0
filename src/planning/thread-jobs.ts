import type { Store } from '../db/store.ts';
import { HOUR } from '../domain/time.ts';

// A sit's private thread, once open, is archived the day after the sit, whatever became of the swap (done, disputed,
// cancelled): its job is not one of the swap's own (no swap id), so bringing the swap's jobs in line never cancels it.

export const THREAD_ARCHIVE_AFTER = 24 * HOUR;

export function planThreadArchive(store: Store, thread: { coopId: number; swapId: number; subject: string; endsAt: number }, now: number): void {
  store.jobs.plan(
    {
      kind: 'thread_archive',
      subject: `swap:${thread.swapId}`,
      coopId: thread.coopId,
      dueAt: thread.endsAt + THREAD_ARCHIVE_AFTER,
      graceMs: null,
      key: `thread:${thread.subject}:archive`,
      payload: { subject: thread.subject },
    },
    now,
  );
}
