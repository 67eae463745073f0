import { timezoneOf } from '../services/members/join.ts';
import type { Coop } from '../db/repositories/coops.ts';
import type { Member } from '../db/repositories/members.ts';
import { isQuietAt, nextNonQuietInstant, type QuietHours } from './quiet-hours.ts';
import { wallClock } from './timezone.ts';
import { DEFAULT_QUIET } from '../services/members/profile.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export { timezoneOf };

/** The member's quiet hours; never set = the default 21:00–08:00. */
export function quietHoursOf(member: Member): QuietHours {
  return member.quietStart === null || member.quietEnd === null ? DEFAULT_QUIET : { start: member.quietStart, end: member.quietEnd };
}

/** When quiet hours hold a message back: the instant they end; undefined when `at` is not quiet. */
export function quietUntil(member: Member, coop: Coop, at: number): number | undefined {
  const timezone = timezoneOf(member, coop);
  const quiet = quietHoursOf(member);
  return isQuietAt(at, timezone, quiet) ? nextNonQuietInstant(at, timezone, quiet) : undefined;
}

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
