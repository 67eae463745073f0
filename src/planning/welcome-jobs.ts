import type { Store } from '../db/store.ts';
import type { Coop } from '../domain/coops.ts';
import { DAY } from '../domain/time.ts';
import { addDays, formatLocal, localToInstant, wallClock } from '../domain/timezone.ts';

/** The admins hear about the day's new families at 18:00 co-op time: one line a day, however many joined. */
export const NEW_FAMILIES_MINUTE = 18 * 60;

/** Plans the co-op's next note about new families (one per local day; planning it again changes nothing). */
export function planNewFamiliesNote(store: Store, coop: Coop, now: number): void {
  const today = wallClock(now, coop.timezone);
  let dueAt = localToInstant(today, NEW_FAMILIES_MINUTE, coop.timezone);
  if (dueAt <= now) dueAt = localToInstant(addDays(today, 1), NEW_FAMILIES_MINUTE, coop.timezone);
  store.jobs.plan(
    { kind: 'new_families', subject: `coop:${coop.id}`, coopId: coop.id, dueAt, graceMs: 2 * DAY, key: `new_families:${coop.id}:${formatLocal(dueAt, coop.timezone).slice(0, 10)}` },
    now,
  );
}
