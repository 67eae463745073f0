// Reading the `when:` text a person types ("sat 19:00-23:00", "tomorrow 6pm for 3h") in their timezone.
// chrono reads the words; we take its calendar fields and do the timezone maths ourselves (timezone.ts).
import * as chrono from 'chrono-node';
import { UserError } from './errors.ts';
import { onlyFillersLeft, prepareWhenText } from './when-text.ts';
import {
  addDays,
  compareDates,
  toInstant,
  wallClock,
  weekdayOf,
  type LocalDate,
  type LocalDateTime,
  type WallClock,
} from './timezone.ts';

export interface WhenContext {
  now: number;
  timezone: string;
}

export interface SitTime {
  startsAt: number;
  endsAt: number;
}

export const MAX_SIT_MINUTES = 24 * 60;
export const MIN_SIT_MINUTES = 15;
export const MAX_DAYS_AHEAD = 120;

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EXAMPLES = '`sat 19:00-23:00`, `tomorrow 6pm for 3h` or `2026-12-05 19:00 4h`';
const RANGE_JOINER = /^\s*(?:-|to|until|till|through|thru)\s*$/;

// chrono's date-range merger swaps an explicit range that ends before it starts; we want to refuse those,
// so we join two readings ourselves. Its time ranges ("19:00-23:00") come from another part and stay.
const reader = chrono.casual.clone();
reader.refiners = reader.refiners.filter((refiner) => refiner.constructor.name !== 'ENMergeDateRangeRefiner');

interface Reading {
  start: chrono.ParsedComponents;
  end: chrono.ParsedComponents | null;
  /** True when the end was written as its own date-and-time ("… - 2026-12-06 01:00"). */
  endStandsAlone: boolean;
}

function unreadable(): UserError {
  return new UserError(`I couldn't read that time. Try ${EXAMPLES}.`);
}

function read(text: string, today: LocalDateTime): Reading | null {
  // Offset 0 with the wall clock as the instant: chrono's "today", "tomorrow" and weekdays are then the
  // member's, whatever the host's timezone.
  const reference = {
    instant: new Date(Date.UTC(today.year, today.month - 1, today.day, today.hour, today.minute)),
    timezone: 0,
  };
  const results = reader.parse(text, reference);
  const [first, second] = results;
  if (!first || results.length > 2 || !onlyFillersLeft(text, results)) return null;
  if (!second) return { start: first.start, end: first.end ?? null, endStandsAlone: false };
  const between = text.slice(first.index + first.text.length, second.index);
  if (first.end || second.end || !RANGE_JOINER.test(between)) return null;
  return { start: first.start, end: second.start, endStandsAlone: true };
}

function certainDate(c: chrono.ParsedComponents, yearHint: number): LocalDate {
  return { year: c.isCertain('year') ? (c.get('year') ?? yearHint) : yearHint, month: c.get('month') ?? 1, day: c.get('day') ?? 1 };
}

function clockOf(c: chrono.ParsedComponents): { hour: number; minute: number } {
  return { hour: c.get('hour') ?? 0, minute: c.get('minute') ?? 0 };
}

function checkWeekday(c: chrono.ParsedComponents, date: LocalDate): void {
  const said = c.get('weekday');
  if (c.isCertain('weekday') && said !== null && weekdayOf(date) !== said) {
    throw new UserError(
      `${date.day} ${MONTHS[date.month - 1]} ${date.year} is a ${LONG_WEEKDAYS[weekdayOf(date)]}, not a ${LONG_WEEKDAYS[said]}. Check the date and try again.`,
    );
  }
}

/** The start's day: a date as written, else the next such weekday, else today (or tomorrow once past). */
function resolveStart(c: chrono.ParsedComponents, ctx: WhenContext, today: WallClock): LocalDateTime {
  const clock = clockOf(c);
  const at = (date: LocalDate): LocalDateTime => ({ ...date, ...clock });
  const ahead = (date: LocalDate): boolean => toInstant(at(date), ctx.timezone) >= ctx.now;
  if (c.isCertain('day')) {
    let date = certainDate(c, today.year);
    if (!c.isCertain('year') && compareDates(date, today) < 0) date = { ...date, year: date.year + 1 };
    checkWeekday(c, date);
    return at(date);
  }
  if (c.isCertain('month')) throw unreadable(); // a month with no day ("december 7pm")
  if (c.isCertain('weekday')) {
    let date: LocalDate = { year: c.get('year') ?? today.year, month: c.get('month') ?? today.month, day: c.get('day') ?? today.day };
    for (let i = 0; i < 3 && !ahead(date); i += 1) date = addDays(date, 7);
    return at(date);
  }
  return at(ahead(today) ? today : addDays(today, 1));
}

function resolveEnd(reading: Reading, start: LocalDateTime): LocalDateTime | null {
  const { end } = reading;
  if (!end) return null;
  if (!end.isCertain('hour')) throw unreadable();
  const clock = clockOf(end);
  if (reading.endStandsAlone && end.isCertain('day')) {
    let date = certainDate(end, start.year);
    if (!end.isCertain('year') && compareDates(date, start) < 0) date = { ...date, year: date.year + 1 };
    checkWeekday(end, date);
    return { ...date, ...clock };
  }
  const weekday = end.get('weekday');
  if (reading.endStandsAlone && end.isCertain('weekday') && weekday !== null) {
    let date: LocalDate = start;
    while (weekdayOf(date) !== weekday) date = addDays(date, 1);
    return { ...date, ...clock };
  }
  // A clock time only: the same day, or the next when it is before the start (overnight). The same clock time is
  // far more often a slip than a 24-hour sit, so it is refused.
  const startMinute = start.hour * 60 + start.minute;
  const endMinute = clock.hour * 60 + clock.minute;
  if (endMinute === startMinute) {
    throw new UserError('That starts and ends at the same time. Give the end, like `sat 19:00-23:00`, or a length, like `sat 19:00 for 4h`.');
  }
  const overnight = endMinute < startMinute;
  return { ...(overnight ? addDays(start, 1) : start), ...clock };
}

/** Reads `when:` text into UTC instants, or refuses with a UserError that says what to type instead. */
export function parseWhen(text: string, ctx: WhenContext): SitTime {
  const prepared = prepareWhenText(text);
  if (!prepared || prepared.text === '') throw unreadable();
  const today = wallClock(ctx.now, ctx.timezone);
  const reading = read(prepared.text, today);
  if (!reading) throw unreadable();
  if (!reading.start.isCertain('hour')) {
    throw new UserError('Add a start time, like `sat 19:00-23:00` or `tomorrow 6pm for 3h`.');
  }
  const start = resolveStart(reading.start, ctx, today);
  const startsAt = toInstant(start, ctx.timezone);
  const endLocal = resolveEnd(reading, start);
  const { lengthMinutes } = prepared;
  if (!endLocal && lengthMinutes === null) {
    throw new UserError('Add an end time or a length, like `sat 19:00-23:00` or `sat 19:00 for 4h`.');
  }
  const endsAt = endLocal ? toInstant(endLocal, ctx.timezone) : startsAt + (lengthMinutes ?? 0) * MINUTE;
  if (endLocal && lengthMinutes !== null && endsAt - startsAt !== lengthMinutes * MINUTE) {
    throw new UserError('The end time and the length don\'t match. Give just one, like `sat 19:00-23:00` or `sat 19:00 for 4h`.');
  }
  checkSit(startsAt, endsAt, ctx);
  return { startsAt, endsAt };
}

function checkSit(startsAt: number, endsAt: number, ctx: WhenContext): void {
  const { timezone } = ctx;
  if (endsAt === startsAt) {
    throw new UserError('That sit has no length. Give an end after the start, like `sat 19:00-23:00`.');
  }
  if (endsAt < startsAt) {
    throw new UserError(
      `That ends (${formatMoment(endsAt, timezone)}) before it starts (${formatMoment(startsAt, timezone)}). Put the start first, like \`2026-12-05 17:00 - 2026-12-05 19:00\`.`,
    );
  }
  if (endsAt - startsAt < MIN_SIT_MINUTES * MINUTE) {
    throw new UserError(`A sit needs at least ${MIN_SIT_MINUTES} minutes; credits go in quarter hours. Try \`tomorrow 6pm for 1h\`.`);
  }
  if (endsAt - startsAt > MAX_SIT_MINUTES * MINUTE) {
    const hours = Math.round(((endsAt - startsAt) / 3_600_000) * 100) / 100;
    throw new UserError(`A sit can be at most 24 h, and that one is ${hours} h. Split it into shorter sits.`);
  }
  if (startsAt < ctx.now) {
    throw new UserError(`${formatMoment(startsAt, timezone)} has already passed. Pick a time ahead, like \`tomorrow 6pm for 3h\`.`);
  }
  if (startsAt > ctx.now + MAX_DAYS_AHEAD * DAY) {
    const last = wallClock(ctx.now + MAX_DAYS_AHEAD * DAY, timezone);
    throw new UserError(
      `That's more than ${MAX_DAYS_AHEAD} days ahead. Pick a start up to ${formatDay(last, true)}, and post later ones nearer the time.`,
    );
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDay(w: WallClock, withYear: boolean): string {
  return `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]}${withYear ? ` ${w.year}` : ''}`;
}

function formatClock(w: WallClock): string {
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "Sat 5 Dec, 19:00". */
export function formatMoment(instant: number, timezone: string): string {
  const w = wallClock(instant, timezone);
  return `${formatDay(w, false)}, ${formatClock(w)}`;
}

/** "Sat 5 Dec, 19:00–23:00"; overnight "Fri 4 Dec, 19:00 – Sat 5 Dec, 01:00"; years only across New Year. */
export function formatWhen(startsAt: number, endsAt: number, timezone: string): string {
  const s = wallClock(startsAt, timezone);
  const e = wallClock(endsAt, timezone);
  if (compareDates(s, e) === 0) return `${formatDay(s, false)}, ${formatClock(s)}–${formatClock(e)}`;
  const withYear = s.year !== e.year;
  return `${formatDay(s, withYear)}, ${formatClock(s)} – ${formatDay(e, withYear)}, ${formatClock(e)}`;
}
