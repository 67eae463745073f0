// Wall-clock maths in an IANA timezone, built on Intl so it never depends on the host's timezone or on the
// real current time. (dayjs.tz(text, zone) seeds its offset guess from Date.now(), so an ambiguous
// fall-back time would read differently depending on the season the code runs in.)
//
// One rule for local times the clocks skip or repeat (DESIGN.md): a time inside a spring-forward gap moves to
// the first valid minute after the gap (02:30 New York → 03:00); a time inside a fall-back overlap is its
// first occurrence.

import { DAY, MINUTE } from './time.ts';

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

// ---------------------------------------------------------------- calendar dates (no timezone involved)

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0..99 to 19xx
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

export function weekdayOf(date: LocalDate): number {
  return new Date(utcMs(date.year, date.month, date.day)).getUTCDay();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(utcMs(date.year, date.month, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** Negative when a is the earlier day. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return utcMs(a.year, a.month, a.day) - utcMs(b.year, b.month, b.day);
}

// ---------------------------------------------------------------- instants and wall clocks

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
      throw new RangeError(`Unknown timezone: ${timezone}`);
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** True when `name` is a timezone this runtime knows (IANA names such as "Europe/London"). */
export function isValidTimezone(name: string): boolean {
  if (!name.trim()) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

// Intl's formatToParts is the slow part of all timezone maths (a few µs a call), and a scheduler tick asks the same
// questions for thousands of members (their check-in instant, its week, the next one). So readings are remembered
// per timezone and second: exact, since a reading only depends on the two, and bounded.
const MAX_READINGS = 2_048;
const readings = new Map<string, Map<number, number>>();

/** The wall clock in `timezone` at `instant`, as if it were UTC (ms, whole seconds). */
function wallClockMs(instant: number, timezone: string): number {
  const second = Math.floor(instant / 1000);
  let zone = readings.get(timezone);
  const known = zone?.get(second);
  if (known !== undefined) return known;
  const reading = readWallClockMs(instant, timezone);
  if (!zone) readings.set(timezone, (zone = new Map()));
  else if (zone.size >= MAX_READINGS) zone.clear();
  zone.set(second, reading);
  return reading;
}

function readWallClockMs(instant: number, timezone: string): number {
  const n: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') n[part.type] = Number(part.value);
  }
  return utcMs(n.year ?? 0, n.month ?? 1, n.day ?? 1, (n.hour ?? 0) % 24, n.minute ?? 0, n.second ?? 0);
}

/** Local minus UTC at `instant`, in ms (New York in winter: −5 h). */
function offsetAt(instant: number, timezone: string): number {
  return wallClockMs(instant, timezone) - Math.floor(instant / 1000) * 1000;
}

/** What a wall clock in `timezone` shows at `instant`. */
export function wallClock(instant: number, timezone: string): WallClock {
  const d = new Date(wallClockMs(instant, timezone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/** Minutes ahead of UTC in `timezone` at `instant` (London summer: 60; New York winter: -300). */
export function offsetMinutes(instant: number, timezone: string): number {
  return Math.round(offsetAt(instant, timezone) / MINUTE);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:mm" on the wall clock of `timezone`. */
export function formatLocal(instant: number, timezone: string): string {
  const w = wallClock(instant, timezone);
  return `${String(w.year).padStart(4, '0')}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}`;
}

// ---------------------------------------------------------------- local wall times back to instants

/** The offsets in force around a wall time (offsets lie within ±15 h; changes are far more than a day apart). */
function offsetsAround(wall: number, timezone: string): number[] {
  return [wall - DAY, wall, wall + DAY].map((t) => offsetAt(t, timezone));
}

/**
 * Every instant at which the wall clock in `timezone` shows this local date and minute, earliest first:
 * one normally, two in a fall-back overlap, none in a spring-forward gap.
 */
export function localOccurrences(date: LocalDate, minuteOfDay: number, timezone: string): number[] {
  const wall = utcMs(date.year, date.month, date.day) + minuteOfDay * MINUTE;
  const found = [...new Set(offsetsAround(wall, timezone))]
    .map((offset) => wall - offset)
    .filter((t) => offsetAt(t, timezone) === wall - t);
  return [...new Set(found)].sort((a, b) => a - b);
}

/**
 * The instant the wall clock in `timezone` shows this local date and minute: the first one in a fall-back
 * overlap, and the first valid minute after the gap for a time a spring-forward change skips.
 */
export function localToInstant(date: LocalDate, minuteOfDay: number, timezone: string): number {
  const found = localOccurrences(date, minuteOfDay, timezone);
  if (found[0] !== undefined) return found[0];
  // In a gap: the answer is the change itself, between the two readings of this wall time.
  const wall = utcMs(date.year, date.month, date.day) + minuteOfDay * MINUTE;
  const offsets = offsetsAround(wall, timezone);
  const before = wall - Math.max(...offsets);
  return clockChangeBetween(before, wall - Math.min(...offsets), timezone) ?? before;
}

/**
 * The instant the clocks in `timezone` change between `from` (excluded) and `to`, to the second; undefined when the
 * offset is the same at both ends (changes are far more than a day apart, so there is at most one).
 */
export function clockChangeBetween(from: number, to: number, timezone: string): number | undefined {
  const before = offsetAt(from, timezone);
  if (offsetAt(to, timezone) === before) return undefined;
  // Offsets are read per whole second, so the change is on one: search whole seconds only.
  let lo = Math.floor(from / 1000) * 1000;
  let hi = Math.ceil(to / 1000) * 1000;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, timezone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** localToInstant for a date and clock time together. */
export function toInstant(local: LocalDateTime, timezone: string): number {
  return localToInstant(local, local.hour * 60 + local.minute, timezone);
}
