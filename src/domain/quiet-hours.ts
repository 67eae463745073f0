import { UserError } from './errors.ts';
import { addDays, localOccurrences, localToInstant, wallClock } from './timezone.ts';
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

/** Whether the wall clock in `timezone` at `instant` is inside the quiet hours. */
export function isQuietAt(instant: number, timezone: string, q: QuietHours): boolean {
  const w = wallClock(instant, timezone);
  return isQuietMinute(w.hour * 60 + w.minute, q);
}

/**
 * `instant` itself when it is not quiet, else the instant the quiet period ends on the local wall clock
 * (an end skipped by a spring-forward change moves to the first valid minute after the gap).
 */
export function nextNonQuietInstant(instant: number, timezone: string, q: QuietHours): number {
  let at = instant;
  // Loops at most twice in practice; the bound only guards against a pathological timezone.
  for (let i = 0; i < 4 && isQuietAt(at, timezone, q); i++) {
    const w = wallClock(at, timezone);
    const minute = w.hour * 60 + w.minute;
    // A wrapping period that started this evening ends tomorrow.
    const date = q.start > q.end && minute >= q.start ? addDays(w, 1) : w;
    const candidates = localOccurrences(date, q.end, timezone);
    // In a fall-back overlap the first reading of the end may already be behind us: take the later one.
    const later = candidates.find((t) => t > at);
    at = later ?? Math.max(localToInstant(date, q.end, timezone), at + 60_000);
  }
  return at;
}
