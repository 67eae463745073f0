import { UserError } from './errors.ts';
import { DAY, MINUTE, SECOND } from './time.ts';
import { addDays, clockChangeBetween, localOccurrences, localToInstant, offsetMinutes, wallClock } from './timezone.ts';
import { formatMinute, readClock } from './weekly-time.ts';

/**
 * A member's quiet hours on their local wall clock, in minutes after midnight; the end is not quiet.
 * start > end wraps midnight (21:00-08:00); start === end means no quiet hours.
 */
export interface QuietHours {
  start: number;
  end: number;
}

export const NO_QUIET_HOURS: QuietHours = Object.freeze({ start: 0, end: 0 });

/** Quiet hours for a member who never chose: 21:00–08:00. */
export const DEFAULT_QUIET: QuietHours = Object.freeze({ start: 21 * 60, end: 8 * 60 });

const EXAMPLES = 'Try "21:00-08:00", "22-7" or "off".';

/** Reads "21:00-08:00", "22-7", "9pm-7am", "22:30 to 06:45"; "off" or "none" for no quiet hours. */
export function parseQuietHours(text: string): QuietHours {
  const s = text.trim().toLowerCase();
  if (['off', 'none', 'no'].includes(s)) return { ...NO_QUIET_HOURS };
  if (!s) throw new UserError(`Please give a start and an end. ${EXAMPLES}`);
  const m = /^(.+?)\s*(?:-|–|—|\bto\b|\buntil\b)\s*(.+)$/.exec(s);
  const start = m?.[1] === undefined ? undefined : readClock(m[1]);
  const end = m?.[2] === undefined ? undefined : readClock(m[2]);
  if (!start || !end) {
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    throw new UserError(`I couldn't read "${shown}" as quiet hours. ${EXAMPLES}`);
  }
  const q = { start: start.minute % 1440, end: end.minute % 1440 };
  if (q.start === q.end) {
    throw new UserError('Quiet hours need an end different from the start, like "21:00-08:00". To have none, use "off".');
  }
  return q;
}

/** "21:00-08:00", or "off" */
export function formatQuietHours(q: QuietHours): string {
  return q.start === q.end ? 'off' : `${formatMinute(q.start)}-${formatMinute(q.end)}`;
}

function isQuietMinute(minute: number, q: QuietHours): boolean {
  if (q.start === q.end) return false;
  return q.start < q.end ? minute >= q.start && minute < q.end : minute >= q.start || minute < q.end;
}

/**
 * Whether the wall clock in `timezone` at `instant` is inside the quiet hours. One exception: when a spring-forward
 * change skips every minute that is not quiet (quiet 00:01-00:00 in Santiago, whose clocks go from 23:59:59 to
 * 01:00), those minutes move, like any skipped local time, to the first valid minute after the gap, which is then
 * not quiet; otherwise the member would have no moment outside their quiet hours that day.
 */
export function isQuietAt(instant: number, timezone: string, q: QuietHours): boolean {
  const w = wallClock(instant, timezone);
  return isQuietMinute(w.hour * 60 + w.minute, q) && !reopensAfterGap(instant, timezone, q);
}

function reopensAfterGap(instant: number, timezone: string, q: QuietHours): boolean {
  const change = clockChangeBetween(instant - MINUTE, instant, timezone);
  if (change === undefined) return false;
  const gap = offsetMinutes(change, timezone) - offsetMinutes(change - SECOND, timezone);
  if (gap <= 0) return false; // clocks turned back: nothing skipped
  const last = wallClock(change - SECOND, timezone);
  const lastMinute = last.hour * 60 + last.minute;
  // The gap skips the minutes lastMinute+1 … lastMinute+gap. When the end is one of them and the minutes either side
  // are quiet (this one is, or we would not be asked), the whole window that is not quiet lies inside the gap.
  const endSkipped = (((q.end - lastMinute - 1) % 1440) + 1440) % 1440 < gap;
  return endSkipped && isQuietMinute(lastMinute, q);
}

/**
 * `instant` itself when it is not quiet, else the first instant after it that is not quiet: where the wall clock
 * reaches the end of the quiet hours (an end skipped by a spring-forward change moves to the first valid minute
 * after the gap; an end read twice in a fall-back overlap counts at each reading), or where a clock change
 * turns it back to a time that is not quiet. Always within about a day.
 */
export function nextNonQuietInstant(instant: number, timezone: string, q: QuietHours): number {
  if (!isQuietAt(instant, timezone, q)) return instant;
  const today = wallClock(instant, timezone);
  const endsOn = (days: number): number[] => {
    const date = addDays(today, days);
    const found = localOccurrences(date, q.end, timezone);
    return found.length > 0 ? found : [localToInstant(date, q.end, timezone)];
  };
  // Without a clock change the wall clock only moves forward: the end today or tomorrow. A change can also turn the
  // clock back to yesterday's date, or to a time that is not quiet without passing the end.
  const change = clockChangeBetween(instant, instant + 2 * DAY, timezone);
  const candidates = change === undefined ? [...endsOn(0), ...endsOn(1)] : [...endsOn(-1), ...endsOn(0), ...endsOn(1), change];
  const free = candidates
    .filter((t) => t > instant)
    .sort((a, b) => a - b)
    .find((t) => !isQuietAt(t, timezone, q));
  // Tomorrow's end always qualifies; the fallback only keeps the type honest.
  return free ?? localToInstant(addDays(today, 1), q.end, timezone);
}
