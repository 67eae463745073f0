// What `when:` says when it cannot read a sit: what was not understood, and two examples close to what was typed.

import { UserError } from './errors.ts';
import { addDays, type LocalDate } from './timezone.ts';
import type { DateOrder } from './when-dates.ts';
import { formatLength } from './when-format.ts';
import { clock, type ClockAtom } from './when-rules.ts';
import type { WhenWords } from './when-text.ts';
import { FILLERS } from './when-words.ts';

export interface Typed {
  words: WhenWords;
  order: DateOrder;
  today: LocalDate;
}

const FALLBACK = '`sat 19:00-23:00` or `tomorrow 6pm for 3h`';

/** The day as typed, for examples ("sat", "the 28th"), without the words that could not be read. */
function dayOf(t: Typed, unread = ''): string {
  const skip = new Set(unread.split(' '));
  const words = t.words.startDay.text.split(' ').filter((w) => w !== '' && !skip.has(w) && !FILLERS.has(w));
  return words.join(' ') || 'sat';
}

function dateExample(t: Typed): string {
  const d = addDays(t.today, 6);
  return t.order === 'dmy' ? `${d.day}/${d.month}` : `${d.month}/${d.day}`;
}

export function emptyWhen(): UserError {
  return new UserError(`I couldn't read that time. Try ${FALLBACK}.`);
}

/** Words that are neither a day nor a time: "7ish", "someday maybe", "for 2 kids". */
export function unreadWords(t: Typed, words: string): UserError {
  const day = dayOf(t, words);
  const unread = words.length > 40 ? `${words.slice(0, 37)}...` : words;
  if (/\b(?:kids?|child(?:ren)?)\b/.test(words)) {
    return new UserError(`I couldn't read "${unread}" as a time. Put the number of children in kids:, and the time alone, like \`${day} 19:00-23:00\`.`);
  }
  if (/\d/.test(unread)) {
    return new UserError(`I couldn't read "${unread}" as a time. Try \`${day} 19:00-23:00\` or \`${day} 7pm for 3h\`.`);
  }
  const { timesText, end, lengthMinutes } = t.words;
  const times = timesText && end === null && lengthMinutes !== null ? `${timesText} for ${formatLength(lengthMinutes).replace(/ /g, '')}` : timesText;
  const examples = times ? `\`sat ${times}\` or \`${dateExample(t)} ${times}\`` : FALLBACK;
  return new UserError(`I couldn't read that time: "${unread}" isn't a day or time I know. Try ${examples}.`);
}

export function notOneSit(): UserError {
  return new UserError("I couldn't read that time as one sit. Give a start and an end, like `sat 19:00-23:00` or `sat 19:00 - sun 01:00`.");
}

export function twoLengths(): UserError {
  return new UserError("I couldn't read that time: it has two lengths. Give one, like `sat 19:00 for 4h` or `sat 19:00-23:00`.");
}

export function noStart(t: Typed): UserError {
  const day = dayOf(t);
  return new UserError(`Add a start time, like \`${day} 19:00-23:00\` or \`${day} 6pm for 3h\`.`);
}

export function noEnd(t: Typed, start: ClockAtom): UserError {
  const day = dayOf(t);
  const from = start.form === 'bare' ? (start.hour % 12) * 60 + 720 : startMinute(start);
  return new UserError(`Add an end time or a length, like \`${day} ${clock(from)}-${clock(from + 240)}\` or \`${day} ${start.text} for 4h\`.`);
}

function startMinute(a: ClockAtom): number {
  if (a.form === 'noon') return 720;
  if (a.form === 'ampm') return ((a.hour % 12) + (a.meridiem === 'pm' ? 12 : 0)) * 60 + a.minute;
  return (a.hour % 24) * 60 + a.minute;
}

export function sameTimes(): UserError {
  return new UserError('That starts and ends at the same time. Give the end, like `sat 19:00-23:00`, or a length, like `sat 19:00 for 4h`.');
}

/** An end before a morning start: not a night, so probably a slip. */
export function endsBefore(t: Typed, start: number, end: number): UserError {
  const day = dayOf(t);
  return new UserError(
    `That ends (${clock(end)}) before it starts (${clock(start)}). Put the start first, like \`${day} ${clock(end)}-${clock(start)}\`, or give both days, like \`sat 21:00 - sun 05:00\`.`,
  );
}

/** An end before an afternoon start, but more than 16 h later: refused rather than read as a day-long night. */
export function nightTooLong(start: number, end: number): UserError {
  const hours = (end + 1440 - start) / 60;
  return new UserError(
    `${clock(start)} to ${clock(end)} the next day would be a ${hours} h sit. Check the times, or if you mean it give both days, like \`sat ${clock(start)} - sun ${clock(end)}\`.`,
  );
}
