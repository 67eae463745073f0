// Which clock times a `when:` means: the rules that sit on top of the words read (when-text.ts). Pure wall-clock
// arithmetic in minutes after the start day's midnight; dates and timezones come later (when.ts).
//
// | #  | What was typed                                   | How it is read                                             | Examples                                  |
// |----|--------------------------------------------------|------------------------------------------------------------|-------------------------------------------|
// | 1  | am/pm, noon, 24-hour times (minutes with a       | As written. 24-hour times are never moved to p.m.          | `sat 18:00-08:00` 18:00–08:00 (overnight) |
// |    | leading zero or hour ≥ 13, 19h, 1900), H:MM      | An H:MM end of 1–11 after a start that is not plainly      | `sat 7:30-11` 07:30–11:00                 |
// |    |                                                  | 24-hour may also be p.m. (then rule 5 picks)               | `sat 12:30-1:30` 12:30–13:30              |
// | 2  | am/pm on one side, a bare hour or H:MM the other | Both take it when that makes a same-day sit                | `7-11pm` 19–23; `6:30-10pm` 18:30–22:00   |
// |    |                                                  | (otherwise the bare side is left to rules 4–7)             | `sat 11-2pm` 11:00–14:00                  |
// | 3  | An end earlier than the start                    | Overnight only if the start is 12:00 or later and the sit  | `fri 19:00-07:30` overnight 12.5 h        |
// |    |                                                  | is at most 16 h; otherwise refused                         | `13:00-12:00`, `sat 09:00-05:00` refused  |
// | 4  | A bare hour 1–12 ("7", "7 o'clock")              | Either half of the day. A bare start is never 00:00–05:59  | `sat 1-3` 13:00–15:00                     |
// | 5  | Several readings pass rule 3                     | The shortest sit wins                                      | `noon-3` 12–15; `sat 10pm-2` 22:00–02:00  |
// | 6  | Shortest tie: one same-day, one overnight        | The same-day one, said as a guess                          | `sat 9-5` 09–17; `sat 10-2` 10–14         |
// | 7  | Shortest tie: both same-day (or start + length)  | A word for the part of the day decides (morning,           | `sat 7 to 11`, `sat 6-10`, `sat 7 for 3h` |
// |    |                                                  | afternoon, evening, tonight, night); otherwise ASK         | ask; `tonight 8-11` 20–23                 |
// | 8  | 12am / 12pm                                      | Also the other twelve (a common slip), said as a guess     | `8pm-12pm` 20:00–00:00; `10-12pm` asks    |
// | 9  | midnight                                         | As an end: the end of the day. As a start: the night after | `tonight 8pm till midnight`               |
// |    |                                                  | the day named, said as a guess                             | `sat midnight-6am` Sun 00:00–06:00        |
// | 10 | An end with its own day (`sat 19:00 - sun 01:00`) | No overnight rule: the shortest sit of at most 24 h that  | `sat 13:00 - sun 12:00` 23 h              |
// |    |                                                  | ends after it starts (when.ts), ties ask                  |                                           |
// | 11 | The same clock time at both ends                 | Refused: a slip far more often than a 24-hour sit          | `sat 19:00-19:00`                         |
//
// Days (when-dates.ts): `yyyy-mm-dd` always; `d/m` or `m/d` by the co-op's date order; impossible dates are
// refused, never rolled over; a weekday is the next one whose start is ahead; `weekend` asks Saturday or Sunday;
// no day is today, or tomorrow once the start has passed; `tonight` is today and the evening.

export type ClockForm = 'ampm' | '24h' | 'clock' | 'bare' | 'noon' | 'midnight';

/** One clock time as typed. */
export interface ClockAtom {
  form: ClockForm;
  /** As typed: 1–12 for ampm/bare, 0–24 for 24h/clock. */
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
  text: string;
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening' | 'night';

/** A reading in wall minutes: start after the start day's midnight; end after the same midnight (≥ 1440 next day). */
export interface ClockSit {
  start: number;
  /** null when the sit is given by its length. */
  end: number | null;
  /** 1 when the start is the midnight after the day named (rule 9). */
  startDayOffset: number;
  /** The sentence saying what was assumed, if anything was. */
  note?: string;
}

export type ClockOutcome =
  | { kind: 'sits'; sits: ClockSit[] }
  | { kind: 'refused'; reason: 'same' | 'before' | 'too-long'; start: number; end: number };

/** One way to read a clock time: minutes after midnight (1440 = the midnight ending the day). */
export interface ClockOption {
  minute: number;
  /** From a bare hour: either half was possible. */
  undecided: boolean;
  note?: string;
}

export const DAY_MINUTES = 1440;
export const MAX_OVERNIGHT_MINUTES = 16 * 60;
const AFTERNOON = 12 * 60;
const SMALL_HOURS_END = 6 * 60;

const PART_WINDOWS: Record<PartOfDay, (minute: number) => boolean> = {
  morning: (m) => m >= 5 * 60 && m < 12 * 60,
  afternoon: (m) => m >= 12 * 60 && m < 18 * 60,
  evening: (m) => m >= 16 * 60 && m < 24 * 60,
  night: (m) => m >= 18 * 60 || m < 5 * 60,
};

function literal(atom: ClockAtom): number {
  if (atom.form === 'noon') return 720;
  if (atom.form === 'midnight') return 0;
  if (atom.form === 'ampm') return ((atom.hour % 12) + (atom.meridiem === 'pm' ? 12 : 0)) * 60 + atom.minute;
  return (atom.hour % 24) * 60 + atom.minute;
}

/**
 * The readings of one clock time, before the rules pick (rules 1, 4, 8, 9). `after` is the start, for an end: an
 * H:MM end ("1:30") after a start that is not plainly 24-hour may also be p.m. (`12:30-1:30` is 12:30–13:30).
 */
export function clockOptions(atom: ClockAtom, role: 'start' | 'end', after?: ClockAtom): ClockOption[] {
  const asEnd = (m: number): number => (role === 'end' && m === 0 ? DAY_MINUTES : m);
  if (atom.form === 'bare') {
    const am = (atom.hour % 12) * 60 + atom.minute;
    const options = [am, am + 720].map((m) => ({ minute: asEnd(m), undecided: true }));
    return role === 'start' ? options.filter((o) => o.minute >= SMALL_HOURS_END) : options;
  }
  const as = asEnd(literal(atom));
  if (atom.form === 'clock' && role === 'end' && after && after.form !== '24h' && atom.hour >= 1 && atom.hour <= 11) {
    return [{ minute: as, undecided: false }, { minute: as + 720, undecided: false }];
  }
  if (atom.form === 'ampm' && atom.hour === 12) {
    const other = asEnd((literal(atom) + 720) % DAY_MINUTES);
    const word = other % DAY_MINUTES === 0 ? 'midnight' : 'noon';
    return [{ minute: as, undecided: false }, { minute: other, undecided: false, note: `I took ${atom.text} as ${word}.` }];
  }
  return [{ minute: as, undecided: false }];
}

/** Rule 2: a bare hour (or H:MM) beside an am/pm time takes its half when that makes a same-day sit. */
export function shareMeridiem(start: ClockAtom, end: ClockAtom): [ClockAtom, ClockAtom] {
  const open = (a: ClockAtom): boolean => (a.form === 'bare' || a.form === 'clock') && a.hour >= 1 && a.hour <= 12;
  const take = (a: ClockAtom, from: ClockAtom): ClockAtom => ({ ...a, form: 'ampm', meridiem: from.meridiem ?? 'pm' });
  let pair: [ClockAtom, ClockAtom] | null = null;
  if (start.form === 'ampm' && open(end)) pair = [start, take(end, start)];
  else if (end.form === 'ampm' && open(start)) pair = [take(start, end), end];
  if (!pair) return [start, end];
  const s = literal(pair[0]);
  const e = literal(pair[1]);
  return e > s ? pair : [start, end];
}

interface Candidate {
  start: number;
  end: number;
  overnight: boolean;
  notes: string[];
  /** A bare hour's half was chosen here. */
  undecided: boolean;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 1140 → "19:00" (1440 → "00:00"). */
export function clock(minute: number): string {
  const m = minute % DAY_MINUTES;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

function lengthOf(c: Candidate): number {
  return c.end - c.start;
}

function inPart(part: PartOfDay | null, minute: number): boolean {
  return part === null || PART_WINDOWS[part](minute % DAY_MINUTES);
}

/** Rule 7's words: keep the readings whose start is in the part of the day named, when any is. */
function byPart<T extends { start: number }>(items: T[], part: PartOfDay | null): T[] {
  const kept = items.filter((c) => inPart(part, c.start));
  return kept.length > 0 ? kept : items;
}

function dedupe(sits: ClockSit[]): ClockSit[] {
  const seen = new Set<string>();
  return sits.filter((s) => {
    const key = `${s.start + s.startDayOffset * DAY_MINUTES}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function midnightStart(atom: ClockAtom, sit: ClockSit): ClockSit {
  if (atom.form !== 'midnight') return sit;
  return { ...sit, startDayOffset: 1, note: sit.note ?? 'I took midnight as the one that ends the day.' };
}

/** A start with a length: only the start's half is in question (rules 1, 4, 7, 9). */
function withLength(start: ClockAtom, part: PartOfDay | null): ClockOutcome {
  const all = byPart(
    clockOptions(start, 'start').map((o) => ({ ...o, start: o.minute })),
    part,
  );
  // Rule 8: the twelve as written, unless a bare hour leaves the half open.
  const options = all.some((o) => o.undecided) ? all : all.filter((o) => o.note === undefined);
  return { kind: 'sits', sits: dedupe(options.map((o) => midnightStart(start, { start: o.start, end: null, startDayOffset: 0, note: o.note }))) };
}

/**
 * The readings of a start and an end on the same or the next day (rules 1–9): one means read, several mean ask;
 * none is a refusal with its reason.
 */
export function readClock(startAtom: ClockAtom, endAtom: ClockAtom | null, part: PartOfDay | null): ClockOutcome {
  if (!endAtom) return withLength(startAtom, part);
  const [start, end] = shareMeridiem(startAtom, endAtom);
  const candidates: Candidate[] = [];
  let refusal: ClockOutcome | null = null;
  for (const s of clockOptions(start, 'start')) {
    for (const e of clockOptions(end, 'end', start)) {
      const notes = [s.note, e.note].filter((n): n is string => n !== undefined);
      const undecided = s.undecided || e.undecided;
      if (e.minute === s.minute || e.minute - DAY_MINUTES === s.minute) {
        refusal ??= { kind: 'refused', reason: 'same', start: s.minute, end: e.minute };
      } else if (e.minute > s.minute) {
        candidates.push({ start: s.minute, end: e.minute, overnight: false, notes, undecided });
      } else if (s.minute >= AFTERNOON && e.minute + DAY_MINUTES - s.minute <= MAX_OVERNIGHT_MINUTES) {
        candidates.push({ start: s.minute, end: e.minute + DAY_MINUTES, overnight: true, notes, undecided });
      } else if (refusal?.reason !== 'same') {
        refusal = { kind: 'refused', reason: s.minute >= AFTERNOON ? 'too-long' : 'before', start: s.minute, end: e.minute };
      }
    }
  }
  if (start.form === 'midnight') {
    // Midnight to 6am: both ends on the day after the one named.
    for (const c of candidates) c.overnight = false;
  }
  if (candidates.length === 0) return refusal ?? { kind: 'refused', reason: 'before', start: 0, end: 0 };
  const pool = byPart(candidates, part);
  pool.sort((a, b) => lengthOf(a) - lengthOf(b) || Number(a.overnight) - Number(b.overnight));
  const [best] = pool;
  if (!best) return refusal ?? { kind: 'refused', reason: 'before', start: 0, end: 0 };
  const ties = pool.filter((c) => lengthOf(c) === lengthOf(best));
  let sameDayTies = ties.filter((c) => c.overnight === best.overnight);
  // Rule 8: with no bare hour in play, the twelve as written beats the slip ("12pm-12am" is noon to midnight).
  if (sameDayTies.every((c) => !c.undecided)) {
    const fewest = Math.min(...sameDayTies.map((c) => c.notes.length));
    sameDayTies = sameDayTies.filter((c) => c.notes.length === fewest);
  }
  const toSit = (c: Candidate, extra?: string): ClockSit => {
    const note = [...c.notes, ...(extra ? [extra] : [])][0];
    return midnightStart(start, { start: c.start, end: c.end, startDayOffset: 0, note });
  };
  if (sameDayTies.length > 1) return { kind: 'sits', sits: dedupe(sameDayTies.map((c) => toSit(c))) };
  const [chosen = best] = sameDayTies;
  // Rule 6: an overnight reading of the same length was set aside.
  const setAside =
    ties.some((c) => c.overnight !== chosen.overnight)
      ? `I took ${startAtom.text}–${endAtom.text} as ${clock(chosen.start)}–${clock(chosen.end)}, not overnight.`
      : undefined;
  return { kind: 'sits', sits: [toSit(chosen, setAside)] };
}
