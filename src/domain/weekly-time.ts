import { UserError } from './errors.ts';
import { addDays, localToInstant, wallClock, weekdayOf } from './timezone.ts';

/** A time in the week on a local wall clock: the check-in time, for example. */
export interface WeeklyTime {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** minutes after local midnight, 0..1439 */
  minute: number;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const DAY_WORDS = new Map<string, number>();
for (const [i, extra] of [[], [], ['tues'], ['weds'], ['thur', 'thurs'], [], []].entries()) {
  const full = (DAY_NAMES[i] ?? '').toLowerCase();
  for (const word of [full, `${full}s`, full.slice(0, 3), ...extra]) DAY_WORDS.set(word, i);
}

// ---------------------------------------------------------------- the next check-in time

function checkWeeklyTime(t: WeeklyTime): void {
  const ok = Number.isInteger(t.weekday) && t.weekday >= 0 && t.weekday <= 6
    && Number.isInteger(t.minute) && t.minute >= 0 && t.minute < 1440;
  if (!ok) throw new RangeError(`not a weekly time: ${JSON.stringify(t)}`);
}

/**
 * The first instant strictly after `after` at which the wall clock in `timezone` shows `t`. Each local date
 * gives one instant (the first, when the time occurs twice), so walking occurrences never yields two a week.
 */
export function nextWeeklyOccurrence(t: WeeklyTime, timezone: string, after: number): number {
  checkWeeklyTime(t);
  // A wave of check-ins asks this for thousands of members at the same weekly time: remembered, exactly.
  const key = `${t.weekday}:${t.minute}:${timezone}:${after}`;
  const known = occurrences.get(key);
  if (known !== undefined) return known;
  const found = findNextOccurrence(t, timezone, after);
  if (occurrences.size >= MAX_REMEMBERED) occurrences.clear();
  occurrences.set(key, found);
  return found;
}

const MAX_REMEMBERED = 1_024;
const occurrences = new Map<string, number>();

function findNextOccurrence(t: WeeklyTime, timezone: string, after: number): number {
  const today = wallClock(after, timezone);
  // From yesterday: a gap can push yesterday's time past midnight into today.
  for (let i = -1; i <= 14; i++) {
    const date = addDays(today, i);
    if (weekdayOf(date) !== t.weekday) continue;
    const at = localToInstant(date, t.minute, timezone);
    if (at > after) return at;
  }
  throw new Error(`no weekly occurrence found for ${formatWeeklyTime(t)} in ${timezone}`);
}

/** The start of the local week holding `instant` (Monday 00:00 by default, or the first valid minute after). */
export function startOfLocalWeek(instant: number, timezone: string, weekStartsOn = 1): number {
  const w = wallClock(instant, timezone);
  return localToInstant(addDays(w, -((w.weekday - weekStartsOn + 7) % 7)), 0, timezone);
}

// ---------------------------------------------------------------- reading and writing weekly times

export interface ClockReading {
  minute: number;
  /** a bare hour: no minutes, no am/pm ("7", "19") */
  bare: boolean;
}

/**
 * Reads "19:00", "7pm", "7:30 pm", "08.30", "19h", "noon", "midnight". Returns undefined when it is not a
 * time at all; `minute` may be 1440 for "24:00" (callers decide whether that is allowed).
 */
export function readClock(text: string): ClockReading | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (s === 'noon' || s === 'midday') return { minute: 720, bare: false };
  if (s === 'midnight') return { minute: 0, bare: false };
  const m = /^(\d{1,2})(?:[:.h](\d{2})?)?(am|pm|a\.m\.|p\.m\.|a|p)?$/.exec(s);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (minute > 59) return undefined;
  const meridiem = m[3]?.[0];
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    return { minute: ((hour % 12) + (meridiem === 'p' ? 12 : 0)) * 60 + minute, bare: false };
  }
  if (hour > 24 || (hour === 24 && minute !== 0)) return undefined;
  const bare = m[2] === undefined && !/[:.h]/.test(s) && !s.startsWith('0');
  return { minute: hour * 60 + minute, bare };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const EXAMPLES = 'Try "sun 19:00", "Sunday 7pm" or "mon 08:30".';

const quoted = (text: string): string => `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;

/** Reads "sun 19:00", "Sunday 7pm", "mon 08:30", "fri 9am" (also "every sunday at 7pm"). */
export function parseWeeklyTime(text: string): WeeklyTime {
  const words = text.trim().toLowerCase().replace(/,/g, ' ').split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) throw new UserError(`Please give a day and a time. ${EXAMPLES}`);
  let weekday: number | undefined;
  const rest: string[] = [];
  for (const w of words) {
    const day = DAY_WORDS.get(w.replace(/\.$/, ''));
    if (day === undefined) {
      if (!['at', 'on', 'every', 'each'].includes(w)) rest.push(w);
    } else if (weekday !== undefined && weekday !== day) {
      throw new UserError(`Please give one day only. ${EXAMPLES}`);
    } else {
      weekday = day;
    }
  }
  const clockText = rest.join('');
  const clock = clockText ? readClock(clockText) : undefined;
  if (clockText && !clock) {
    throw new UserError(`I couldn't read ${quoted(text)} as a day and a time. ${EXAMPLES}`);
  }
  if (weekday === undefined) throw new UserError(`Which day? Add one, like "sun 19:00" or "fri 9am".`);
  const day = (DAY_NAMES[weekday] ?? '').slice(0, 3).toLowerCase();
  if (!clock) throw new UserError(`What time on ${DAY_NAMES[weekday]}? Add one, like "${day} 19:00" or "${day} 7pm".`);
  if (clock.minute === 1440) throw new UserError(`Please use 00:00 on the next day instead of 24:00. ${EXAMPLES}`);
  const hour = Math.floor(clock.minute / 60);
  if (clock.bare && hour >= 1 && hour <= 12) {
    throw new UserError(`Is that ${hour}am or ${hour}pm? Try "${day} ${hour}pm" or "${day} ${pad2(hour)}:00".`);
  }
  return { weekday, minute: clock.minute };
}

/** "Sunday 19:00" */
export function formatWeeklyTime(t: WeeklyTime): string {
  return `${DAY_NAMES[t.weekday] ?? '?'} ${formatMinute(t.minute)}`;
}

/** 1140 → "19:00" */
export function formatMinute(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}
