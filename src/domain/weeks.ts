import { wallClock } from './timezone.ts';

/** "2027-03-08": the Monday of the local week holding `instant`, the key for weekly things. */
export function weekKey(instant: number, timezone: string): string {
  // Calendar arithmetic on the local date: no instant of Monday 00:00 needed (that may not exist in a gap).
  const p = wallClock(instant, timezone);
  const monday = new Date(Date.UTC(2000, 0, 1));
  monday.setUTCFullYear(p.year, p.month - 1, p.day - ((p.weekday + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

/** "2027-03-08" moved by whole weeks. */
export function shiftWeek(week: string, weeks: number): string {
  const d = new Date(`${week}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7);
  return d.toISOString().slice(0, 10);
}
