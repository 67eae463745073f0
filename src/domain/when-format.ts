// Saying a sit back: in words for people ("Sat 5 Dec, 19:00–23:00"), as a short button label, and as a canonical
// `when:` text ("2026-12-05 19:00-23:00") that the reader reads back to exactly the same instants.

import { MINUTE } from './time.ts';
import { addDays, compareDates, toInstant, wallClock, type WallClock } from './timezone.ts';
import type { DateOrder } from './when-dates.ts';
import { MAX_OVERNIGHT_MINUTES } from './when-rules.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

function formatDay(w: WallClock, withYear: boolean, order: DateOrder): string {
  const month = MONTHS[w.month - 1] ?? '';
  const date = order === 'mdy' ? `${month} ${w.day}` : `${w.day} ${month}`;
  return `${WEEKDAYS[w.weekday]} ${date}${withYear ? ` ${w.year}` : ''}`;
}

function formatClock(w: WallClock): string {
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "Sat 5 Dec, 19:00" (month/day order: "Sat Dec 5, 19:00"). */
export function formatMoment(instant: number, timezone: string, order: DateOrder = 'dmy'): string {
  const w = wallClock(instant, timezone);
  return `${formatDay(w, false, order)}, ${formatClock(w)}`;
}

/** "Sat 5 Dec, 19:00–23:00"; overnight "Fri 4 Dec, 19:00 – Sat 5 Dec, 01:00"; years only across New Year. */
export function formatWhen(startsAt: number, endsAt: number, timezone: string, order: DateOrder = 'dmy'): string {
  const s = wallClock(startsAt, timezone);
  const e = wallClock(endsAt, timezone);
  if (compareDates(s, e) === 0) return `${formatDay(s, false, order)}, ${formatClock(s)}–${formatClock(e)}`;
  const withYear = s.year !== e.year;
  return `${formatDay(s, withYear, order)}, ${formatClock(s)} – ${formatDay(e, withYear, order)}, ${formatClock(e)}`;
}

/** 240 → "4 h", 150 → "2 h 30", 45 → "45 min". */
export function formatLength(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${pad(m)}`;
}

/** A button label: "Sat 19:00–23:00 (4 h)", "Fri 21:00–Sat 05:00 (8 h)". */
export function formatChoiceLabel(startsAt: number, endsAt: number, timezone: string): string {
  const s = wallClock(startsAt, timezone);
  const e = wallClock(endsAt, timezone);
  const length = formatLength(Math.round((endsAt - startsAt) / MINUTE));
  const end = compareDates(s, e) === 0 ? formatClock(e) : `${WEEKDAYS[e.weekday]} ${formatClock(e)}`;
  return `${WEEKDAYS[s.weekday]} ${formatClock(s)}–${end} (${length})`;
}

function isoDate(w: WallClock): string {
  return `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The canonical `when:` text for a sit: "2026-11-28 19:00-23:00" when that range reads back (on one day, or
 * overnight within the rules), else "2026-11-28 19:00 20h" (a length is exact across clock changes). At most
 * 25 characters; for the instants a reading gives (a start the clock shows once, or first).
 */
export function formatWhenText(startsAt: number, endsAt: number, timezone: string): string {
  const s = wallClock(startsAt, timezone);
  const e = wallClock(endsAt, timezone);
  const startMinute = s.hour * 60 + s.minute;
  const endMinute = e.hour * 60 + e.minute;
  const sameDay = compareDates(s, e) === 0 && endMinute > startMinute;
  const overnight =
    compareDates(addDays(s, 1), e) === 0 &&
    endMinute < startMinute &&
    startMinute >= 12 * 60 &&
    endMinute + 1440 - startMinute <= MAX_OVERNIGHT_MINUTES;
  const readsBack = toInstant(s, timezone) === startsAt && toInstant(e, timezone) === endsAt;
  if ((sameDay || overnight) && readsBack) return `${isoDate(s)} ${formatClock(s)}-${formatClock(e)}`;
  const minutes = Math.round((endsAt - startsAt) / MINUTE);
  const length = minutes % 60 === 0 ? `${minutes / 60}h` : minutes < 60 ? `${minutes}min` : `${Math.floor(minutes / 60)}h${pad(minutes % 60)}`;
  return `${isoDate(s)} ${formatClock(s)} ${length}`;
}
