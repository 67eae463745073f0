// Reading the `when:` text a person types ("sat 19:00-23:00", "tomorrow 6pm for 3h") in their timezone: the words
// (when-text.ts), the clock rules (when-rules.ts, with the rules table), the day (when-dates.ts, chrono underneath),
// then the limits here. A reading that could mean two sits is a question, never a guess.

import { UserError } from './errors.ts';
import { DAY, HOUR, MINUTE } from './time.ts';
import { addDays, formatLocal, toInstant, wallClock, weekdayOf, type LocalDate, type LocalDateTime, type WallClock } from './timezone.ts';
import { defaultDateOrder, endDayFrom, readDay, UnreadWords, type DateOrder, type DaySpec } from './when-dates.ts';
import { formatChoiceLabel, formatMoment, formatWhenText } from './when-format.ts';
import * as refuse from './when-refusals.ts';
import { clockOptions, DAY_MINUTES, readClock, shareMeridiem, type ClockSit } from './when-rules.ts';
import { readWhenWords, type DayWords, type WhenWords } from './when-text.ts';

export { defaultDateOrder, type DateOrder } from './when-dates.ts';
export { formatChoiceLabel, formatLength, formatMoment, formatWhen, formatWhenText } from './when-format.ts';

export interface WhenContext {
  now: number;
  timezone: string;
  /** How the co-op writes dates: 12/5 is 12 May (dmy) or December 5 (mdy). Default: from the timezone. */
  dateOrder?: DateOrder;
}

export interface SitTime {
  startsAt: number;
  endsAt: number;
}

export interface WhenChoice extends SitTime {
  /** A short button label: "Sat 19:00–23:00 (4 h)". */
  label: string;
  /** A canonical `when:` text that reads back to exactly this choice: "2026-11-28 19:00-23:00". */
  text: string;
}

export type WhenReading =
  | { kind: 'read'; startsAt: number; endsAt: number; /** What was assumed, in a plain sentence. */ guessed?: string }
  | { kind: 'ask'; question: string; choices: WhenChoice[] };

export const MAX_SIT_MINUTES = 24 * 60;
export const MIN_SIT_MINUTES = 15;
export const MAX_DAYS_AHEAD = 120;


interface Sit extends SitTime {
  note?: string | undefined;
}

interface Reader {
  ctx: WhenContext;
  order: DateOrder;
  today: WallClock;
  typed: refuse.Typed;
}

/** The wall clock `minute` minutes after the midnight starting `date` (past 1440: a later day). */
function at(date: LocalDate, minute: number): LocalDateTime {
  const d = addDays(date, Math.floor(minute / DAY_MINUTES));
  const m = minute % DAY_MINUTES;
  return { ...d, hour: Math.floor(m / 60), minute: m % 60 };
}

/** The start's day(s) for a start at `minute` after that day's midnight. */
function startDates(spec: DaySpec, minute: number, r: Reader): LocalDate[] {
  const ahead = (d: LocalDate): boolean => toInstant(at(d, minute), r.ctx.timezone) >= r.ctx.now;
  const firstFrom = (from: LocalDate, weekday: number): LocalDate => {
    let d = from;
    while (weekdayOf(d) !== weekday) d = addDays(d, 1);
    return d;
  };
  switch (spec.kind) {
    case 'date':
      return [spec.date];
    case 'soonest':
      return [ahead(r.today) ? r.today : addDays(r.today, 1)];
    case 'weekend': {
      const saturday = firstFrom(spec.from, 6);
      return [saturday, addDays(saturday, 1)];
    }
    case 'weekday': {
      let d = firstFrom(spec.from, spec.weekday);
      for (let i = 0; i < 3 && !ahead(d); i += 1) d = addDays(d, 7);
      return [d];
    }
  }
}

function readDayOrRefuse(day: DayWords, r: Reader): DaySpec {
  try {
    return readDay(day, r.today, r.order);
  } catch (error) {
    if (error instanceof UnreadWords) throw refuse.unreadWords(r.typed, error.words);
    throw error;
  }
}

/** Start and end on the same or the next day, by the clock rules. */
function sameOrNextDay(text: WhenWords, spec: DaySpec, r: Reader): Sit[] {
  const { start, end, lengthMinutes } = text;
  if (!start) return [];
  const outcome = readClock(start, end, text.part);
  if (outcome.kind === 'refused') {
    if (outcome.reason === 'same') throw refuse.sameTimes();
    if (outcome.reason === 'too-long') throw refuse.nightTooLong(outcome.start, outcome.end);
    throw refuse.endsBefore(r.typed, outcome.start, outcome.end % DAY_MINUTES);
  }
  return outcome.sits.flatMap((sit: ClockSit) => {
    const startMinute = sit.start + sit.startDayOffset * DAY_MINUTES;
    return startDates(spec, startMinute, r).map((date) => {
      const startsAt = toInstant(at(date, startMinute), r.ctx.timezone);
      if (sit.end === null) return { startsAt, endsAt: startsAt + (lengthMinutes ?? 0) * MINUTE, note: sit.note };
      const endsAt = toInstant(at(date, sit.end + sit.startDayOffset * DAY_MINUTES), r.ctx.timezone);
      if (lengthMinutes !== null && endsAt - startsAt !== lengthMinutes * MINUTE) {
        throw new UserError("The end time and the length don't match. Give just one, like `sat 19:00-23:00` or `sat 19:00 for 4h`.");
      }
      return { startsAt, endsAt, note: sit.note };
    });
  });
}

/** An end with its own day ("sat 19:00 - sun 01:00"): the shortest sit of at most 24 h that ends after it starts. */
function acrossDays(text: WhenWords, spec: DaySpec, endDay: DayWords, r: Reader): Sit[] {
  const endSpec = readDayOrRefuse(endDay, r);
  if (!text.start || !text.end || text.lengthMinutes !== null) throw refuse.notOneSit();
  const [start, end] = shareMeridiem(text.start, text.end);
  const all: Sit[] = [];
  for (const s of clockOptions(start, 'start')) {
    for (const date of startDates(spec, s.minute, r)) {
      const endDate = endDayFrom(endSpec, date);
      if (!endDate) throw refuse.notOneSit();
      for (const e of clockOptions(end, 'end', start)) {
        const startsAt = toInstant(at(date, s.minute), r.ctx.timezone);
        all.push({ startsAt, endsAt: toInstant(at(endDate, e.minute % DAY_MINUTES), r.ctx.timezone), note: s.note ?? e.note });
      }
    }
  }
  const fits = all.filter((c) => c.endsAt > c.startsAt && c.endsAt - c.startsAt <= MAX_SIT_MINUTES * MINUTE);
  const [first] = all;
  if (fits.length === 0 && first) checkSit(first, r);
  fits.sort((a, b) => a.endsAt - a.startsAt - (b.endsAt - b.startsAt));
  const [best] = fits;
  return best ? fits.filter((c) => c.endsAt - c.startsAt === best.endsAt - best.startsAt) : [];
}

function checkSit({ startsAt, endsAt }: SitTime, r: Reader): void {
  const { ctx } = r;
  // Shown like formatWhen's default until callers pass the co-op's order; reading uses the timezone's default.
  const order = ctx.dateOrder ?? 'dmy';
  const moment = (t: number): string => formatMoment(t, ctx.timezone, order);
  if (endsAt === startsAt) {
    throw new UserError('That sit has no length. Give an end after the start, like `sat 19:00-23:00`.');
  }
  if (endsAt < startsAt) {
    throw new UserError(
      `That ends (${moment(endsAt)}) before it starts (${moment(startsAt)}). Put the start first, like \`2026-12-05 17:00 - 2026-12-05 19:00\`.`,
    );
  }
  if (endsAt - startsAt < MIN_SIT_MINUTES * MINUTE) {
    throw new UserError(`A sit needs at least ${MIN_SIT_MINUTES} minutes; credits go in quarter hours. Try \`tomorrow 6pm for 1h\`.`);
  }
  if (endsAt - startsAt > MAX_SIT_MINUTES * MINUTE) {
    const hours = Math.round(((endsAt - startsAt) / HOUR) * 100) / 100;
    throw new UserError(`A sit can be at most 24 h, and that one is ${hours} h. Split it into shorter sits.`);
  }
  if (startsAt < ctx.now) {
    throw new UserError(`${moment(startsAt)} has already passed. Pick a time ahead, like \`tomorrow 6pm for 3h\`.`);
  }
  if (startsAt > ctx.now + MAX_DAYS_AHEAD * DAY) {
    const last = formatMoment(ctx.now + MAX_DAYS_AHEAD * DAY, ctx.timezone, order).replace(/,.*$/, '');
    const year = wallClock(ctx.now + MAX_DAYS_AHEAD * DAY, ctx.timezone).year;
    throw new UserError(
      `That's more than ${MAX_DAYS_AHEAD} days ahead. Pick a start up to ${last} ${year}, and post later ones nearer the time.`,
    );
  }
}

function quoted(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

function choiceOf(sit: SitTime, ctx: WhenContext): WhenChoice {
  return { ...sit, label: formatChoiceLabel(sit.startsAt, sit.endsAt, ctx.timezone), text: formatWhenText(sit.startsAt, sit.endsAt, ctx.timezone) };
}

/** Reads `when:` text: a reading, or a question when it could mean two sits. Refusals are UserErrors. */
export function readWhen(text: string, ctx: WhenContext): WhenReading {
  const order = ctx.dateOrder ?? defaultDateOrder(ctx.timezone);
  const today = wallClock(ctx.now, ctx.timezone);
  if (text.trim() === '') throw refuse.emptyWhen();
  const words = readWhenWords(text);
  const r: Reader = { ctx, order, today, typed: { words, order, today } };
  if (words.problem === 'two-lengths') throw refuse.twoLengths();
  if (words.problem === 'not-one-sit') throw refuse.notOneSit();
  const spec = readDayOrRefuse(words.startDay, r);
  if (!words.start) throw refuse.noStart(r.typed);
  if (!words.end && words.lengthMinutes === null) throw refuse.noEnd(r.typed, words.start);
  const sits = words.endDay ? acrossDays(words, spec, words.endDay, r) : sameOrNextDay(words, spec, r);
  const unique = [...new Map(sits.map((s) => [`${s.startsAt}:${s.endsAt}`, s])).values()];
  let firstRefusal: unknown = null;
  const fit = unique.filter((s) => {
    try {
      checkSit(s, r);
      return true;
    } catch (error) {
      firstRefusal ??= error;
      return false;
    }
  });
  const [only] = fit;
  if (!only) throw firstRefusal ?? refuse.notOneSit();
  if (fit.length === 1) {
    // Other readings fell outside the limits (already past, say): the one left is still an assumption.
    const dropped = unique.length > 1 ? `I took "${quoted(text)}" as ${formatChoiceLabel(only.startsAt, only.endsAt, ctx.timezone)}.` : undefined;
    const guessed = only.note ?? dropped;
    return guessed ? { kind: 'read', startsAt: only.startsAt, endsAt: only.endsAt, guessed } : { kind: 'read', startsAt: only.startsAt, endsAt: only.endsAt };
  }
  // Day by day; within a day the later start first (evenings are what a babysitting co-op mostly means).
  const day = (s: SitTime): string => formatLocal(s.startsAt, ctx.timezone).slice(0, 10);
  fit.sort((a, b) => day(a).localeCompare(day(b)) || b.startsAt - a.startsAt);
  return { kind: 'ask', question: `Which did you mean by "${quoted(text)}"?`, choices: fit.map((s) => choiceOf(s, ctx)) };
}

/** Reads `when:` text for callers that cannot ask yet: a question becomes a refusal that names the choices. */
export function parseWhen(text: string, ctx: WhenContext): SitTime & { guessed?: string } {
  const reading = readWhen(text, ctx);
  if (reading.kind === 'read') {
    const { startsAt, endsAt, guessed } = reading;
    return guessed ? { startsAt, endsAt, guessed } : { startsAt, endsAt };
  }
  const labels = reading.choices.map((c) => c.label);
  const texts = reading.choices.map((c) => `\`${c.text}\``);
  throw new UserError(
    `"${quoted(text)}" could be ${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}. Say which, like ${texts.slice(0, -1).join(', ')} or ${texts.at(-1)}.`,
  );
}
