import { wallClock } from './timezone.ts';

/** "2027-03-08": the Monday of the local week holding `instant`, the key for weekly things. */
export function weekKey(instant: number, timezone: string): string {
  const key = `${timezone}@${instant}`;
  let week = weekKeys.get(key);
  if (week === undefined) {
    week = computeWeekKey(instant, timezone);
    if (weekKeys.size >= 1_024) weekKeys.clear();
    weekKeys.set(key, week);
  }
  return week;
}

// Both remembered (bounded): a wave of check-ins asks the same for every member.
const weekKeys = new Map<string, string>();

function computeWeekKey(instant: number, timezone: string): string {
  // Calendar arithmetic on the local date: no instant of Monday 00:00 needed (that may not exist in a gap).
  const p = wallClock(instant, timezone);
  const monday = new Date(Date.UTC(2000, 0, 1));
  monday.setUTCFullYear(p.year, p.month - 1, p.day - ((p.weekday + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

/** "2027-03-08" moved by whole weeks. */
export function shiftWeek(week: string, weeks: number): string {
  const key = `${week}/${weeks}`;
  let shifted = shifts.get(key);
  if (shifted === undefined) {
    const d = new Date(`${week}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + weeks * 7);
    shifted = d.toISOString().slice(0, 10);
    if (shifts.size >= 1_024) shifts.clear();
    shifts.set(key, shifted);
  }
  return shifted;
}

const shifts = new Map<string, string>();
