// Wall-clock maths in an IANA timezone, built on Intl so it never depends on the host's timezone or on the
// real current time. (dayjs.tz(text, zone) seeds its offset guess from Date.now(), so an ambiguous
// fall-back time would read differently depending on the season the code runs in.)

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

export interface WallClock extends LocalDateTime {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`Unknown timezone: ${timezone}`);
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
}

export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** Negative when a is the earlier day. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

/** What a wall clock in `timezone` shows at `instant`. */
export function wallClock(instant: number, timezone: string): WallClock {
  const parts = formatterFor(timezone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => {
    const found = parts.find((p) => p.type === type);
    if (!found) throw new Error(`Intl gave no ${type} for ${timezone}`);
    return Number(found.value);
  };
  const date = { year: part('year'), month: part('month'), day: part('day') };
  return { ...date, hour: part('hour') % 24, minute: part('minute'), weekday: weekdayOf(date) };
}

/** Minutes ahead of UTC in `timezone` at `instant` (London summer: 60; New York winter: -300). */
export function offsetMinutes(instant: number, timezone: string): number {
  const floored = Math.floor(instant / MINUTE) * MINUTE;
  const w = wallClock(floored, timezone);
  return (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - floored) / MINUTE;
}

/**
 * The instant a wall clock in `timezone` shows `local`. A time that happens twice (clocks going back) is the
 * first one; a time that never happens (clocks going forward) moves forward by the gap, so 01:30 on the
 * London spring-forward night is 02:30 BST.
 */
export function toInstant(local: LocalDateTime, timezone: string): number {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetMinutes(naive - 86_400_000, timezone);
  const after = offsetMinutes(naive + 86_400_000, timezone);
  const fits = [before, after]
    .map((offset) => naive - offset * MINUTE)
    .filter((candidate) => offsetMinutes(candidate, timezone) * MINUTE === naive - candidate);
  if (fits.length > 0) return Math.min(...fits);
  return naive - before * MINUTE;
}
