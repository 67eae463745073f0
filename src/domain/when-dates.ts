// The day of a `when:`: dates in the co-op's order (checked, never rolled over), days of the month, weekends;
// chrono reads the rest ("saturday", "tomorrow", "next friday", "in 3 days").

import * as chrono from 'chrono-node';
import { UserError } from './errors.ts';
import { addDays, compareDates, weekdayOf, type LocalDate } from './timezone.ts';
import type { DateWords, DayWords } from './when-text.ts';
import { FILLERS } from './when-words.ts';

export type DateOrder = 'dmy' | 'mdy';

export type DaySpec =
  | { kind: 'date'; date: LocalDate }
  /** The first such weekday from `from` whose start is still ahead. */
  | { kind: 'weekday'; weekday: number; from: LocalDate }
  /** Saturday or Sunday: the reader asks. */
  | { kind: 'weekend'; from: LocalDate }
  /** No day given: today, or tomorrow once the start has passed. */
  | { kind: 'soonest' };

// Zones in the Americas whose people write day/month: Latin America, the French and Dutch Caribbean, Greenland.
// Elsewhere in America/* (the US, Canada, Puerto Rico, the Caribbean that follows US usage) is month/day, as are
// the US Pacific territories and the Philippines. Everywhere else is day/month.
const DMY_AMERICAS = new Set([
  'Argentina', 'Buenos_Aires', 'Catamarca', 'Cordoba', 'Jujuy', 'Mendoza', 'Rosario', 'Asuncion', 'La_Paz', 'Santiago',
  'Punta_Arenas', 'Montevideo', 'Lima', 'Bogota', 'Caracas', 'Guayaquil', 'Sao_Paulo', 'Rio_Branco', 'Manaus', 'Belem',
  'Fortaleza', 'Recife', 'Maceio', 'Bahia', 'Cuiaba', 'Campo_Grande', 'Porto_Velho', 'Boa_Vista', 'Araguaina',
  'Santarem', 'Noronha', 'Eirunepe', 'Mexico_City', 'Monterrey', 'Merida', 'Cancun', 'Chihuahua', 'Ciudad_Juarez',
  'Hermosillo', 'Mazatlan', 'Bahia_Banderas', 'Matamoros', 'Ojinaga', 'Tijuana', 'Guatemala', 'El_Salvador',
  'Tegucigalpa', 'Managua', 'Costa_Rica', 'Havana', 'Santo_Domingo', 'Port-au-Prince', 'Cayenne', 'Paramaribo',
  'Guyana', 'Martinique', 'Guadeloupe', 'St_Barthelemy', 'Marigot', 'Curacao', 'Aruba', 'Kralendijk',
  'Lower_Princes', 'Jamaica', 'Barbados', 'Port_of_Spain', 'Belize', 'Nuuk', 'Godthab', 'Scoresbysund', 'Danmarkshavn',
]);
const MDY_ELSEWHERE = new Set(['Pacific/Honolulu', 'Pacific/Guam', 'Pacific/Saipan', 'Pacific/Pago_Pago', 'Pacific/Midway', 'Asia/Manila']);

/** The date order a co-op in `timezone` most likely writes. */
export function defaultDateOrder(timezone: string): DateOrder {
  if (timezone.startsWith('US/') || MDY_ELSEWHERE.has(timezone)) return 'mdy';
  if (!timezone.startsWith('America/')) return 'dmy';
  const places = timezone.split('/').slice(1);
  return places.some((p) => DMY_AMERICAS.has(p)) ? 'dmy' : 'mdy';
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function orderHint(order: DateOrder): string {
  return order === 'dmy' ? 'Dates here are day/month, like 28/11.' : 'Dates here are month/day, like 11/28.';
}

function notADate(text: string, why: string, order: DateOrder | null): UserError {
  return new UserError(`"${text}" isn't a date: ${why}.${order ? ` ${orderHint(order)}` : ''}`);
}

/** A written date, checked: a day the month does not have is refused, not rolled into the next month. */
function dateOf(d: DateWords, today: LocalDate, order: DateOrder): LocalDate {
  if (d.kind === 'ordinal') {
    if (d.day < 1 || d.day > 31) throw notADate(d.text, `no month has a day ${d.day}`, null);
    // The next month (from this one) that has this day and where it has not passed.
    let { year, month } = today;
    for (;;) {
      const date = { year, month, day: d.day };
      if (d.day <= daysIn(year, month) && compareDates(date, today) >= 0) return date;
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  const [month, day] = d.kind === 'ymd' ? [d.month, d.day] : order === 'dmy' ? [d.second, d.first] : [d.first, d.second];
  const hinted = d.kind === 'numeric' ? order : null;
  if (month < 1 || month > 12) throw notADate(d.text, `there is no month ${month}`, hinted);
  let year = d.year ?? today.year;
  if (d.year === null && compareDates({ year, month, day: Math.min(day, daysIn(year, month)) }, today) < 0) year += 1;
  if (day < 1 || day > daysIn(year, month)) {
    const why = day === 29 && month === 2 ? `${year} has no 29 February` : `${MONTH_NAMES[month - 1]} has no day ${day}`;
    throw notADate(d.text, why, hinted);
  }
  return { year, month, day };
}

function checkWeekday(weekday: number, date: LocalDate): void {
  if (weekdayOf(date) !== weekday) {
    throw new UserError(
      `${date.day} ${(MONTH_NAMES[date.month - 1] ?? '').slice(0, 3)} ${date.year} is a ${DAY_NAMES[weekdayOf(date)]}, not a ${DAY_NAMES[weekday]}. Check the date and try again.`,
    );
  }
}

/** The words chrono could not place, when any are more than fillers; else null. */
function leftOver(text: string, read: { index: number; text: string }[]): string | null {
  let rest = text;
  for (const span of [...read].sort((a, b) => b.index - a.index)) {
    rest = `${rest.slice(0, span.index)} ${rest.slice(span.index + span.text.length)}`;
  }
  const words = rest.split(/\s+/).filter((w) => w !== '' && !FILLERS.has(w));
  return words.length > 0 ? words.join(' ') : null;
}

export class UnreadWords extends Error {
  constructor(readonly words: string) {
    super(words);
  }
}

function chronoOf(order: DateOrder): chrono.Chrono {
  return order === 'dmy' ? chrono.en.GB : chrono.casual;
}

/** The day the words name. Throws UnreadWords for words that are no day, UserError for impossible dates. */
export function readDay(day: DayWords, today: LocalDate, order: DateOrder): DaySpec {
  if (day.dates.length > 1) throw new UnreadWords(day.dates.map((d) => d.text).join(' and '));
  const words = day.words.filter((w) => !FILLERS.has(w));
  const [written] = day.dates;
  const date = written ? dateOf(written, today, order) : null;
  if (words.includes('weekend')) {
    const others = words.filter((w) => w !== 'weekend' && w !== 'next');
    if (others.length > 0 || date) throw new UnreadWords(day.text);
    return { kind: 'weekend', from: words.includes('next') ? addDays(today, 7) : today };
  }
  if (words.length === 0) return date ? { kind: 'date', date } : { kind: 'soonest' };
  // Offset 0 with the wall clock as the instant: chrono's "today", "tomorrow" and weekdays are then the member's.
  const text = day.words.join(' ');
  const reference = { instant: new Date(Date.UTC(today.year, today.month - 1, today.day, 12)), timezone: 0 };
  const results = chronoOf(order).parse(text, reference);
  const [found] = results;
  const unread = leftOver(text, results);
  if (!found || results.length > 1 || unread || found.end || found.start.isCertain('hour')) throw new UnreadWords(unread && unread !== text ? unread : day.text);
  const c = found.start;
  const weekday = c.isCertain('weekday') ? c.get('weekday') : null;
  const chronoDate = { year: c.get('year') ?? today.year, month: c.get('month') ?? today.month, day: c.get('day') ?? today.day };
  if (date) {
    if (c.isCertain('day') || c.isCertain('month') || weekday === null) throw new UnreadWords(text);
    checkWeekday(weekday, date);
    return { kind: 'date', date };
  }
  if (c.isCertain('day')) {
    if (weekday !== null) checkWeekday(weekday, chronoDate);
    return { kind: 'date', date: chronoDate };
  }
  if (c.isCertain('month') || weekday === null) throw new UnreadWords(text);
  return { kind: 'weekday', weekday, from: compareDates(chronoDate, today) < 0 ? today : chronoDate };
}

/** The end's own day ("… - sun 01:00"): a date, or the first such weekday on or after the start's day. */
export function endDayFrom(spec: DaySpec, startDate: LocalDate): LocalDate | null {
  if (spec.kind === 'date') return spec.date;
  if (spec.kind !== 'weekday') return null;
  let date = startDate;
  while (weekdayOf(date) !== spec.weekday) date = addDays(date, 1);
  return date;
}
