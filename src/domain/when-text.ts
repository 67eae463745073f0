// Splitting what a person typed for `when:` into clock times, a length, and the words for the day. Dates are
// picked out first so their numbers are never taken for hours; a bare number counts as an hour only beside a
// "to"/"-", after "at"/"from", or before a length. What is left is the day, read by when-dates.ts.

import type { ClockAtom, PartOfDay } from './when-rules.ts';
import { MONTH_PATTERN, mendWord, monthNumber, normalise, partOfDay } from './when-words.ts';

/** A date as written: already in order, or numeric (order decided by the co-op), or a day of the month. */
export type DateWords =
  | { kind: 'ymd'; year: number | null; month: number; day: number; text: string }
  | { kind: 'numeric'; first: number; second: number; year: number | null; text: string }
  | { kind: 'ordinal'; day: number; text: string };

export interface DayWords {
  dates: DateWords[];
  /** Mended words, for chrono ("sat" → "saturday"). */
  words: string[];
  /** As typed, for examples in refusals ("sat", "the 28th"); '' when no day was given. */
  text: string;
}

export interface WhenWords {
  start: ClockAtom | null;
  end: ClockAtom | null;
  lengthMinutes: number | null;
  startDay: DayWords;
  /** The end's own day ("sat 19:00 - sun 01:00"), or null. */
  endDay: DayWords | null;
  part: PartOfDay | null;
  /** The times as typed ("7-11pm"), for notes and examples; '' when none. */
  timesText: string;
  /** Why the words cannot be one sit, when they cannot. */
  problem: 'two-lengths' | 'not-one-sit' | null;
}

/** Where a token was in the tidied text, so a day can be quoted as typed ("mon-fri"). */
interface Span {
  at?: number;
  end?: number;
}

type Token = Span & (
  | { kind: 'time'; atom: ClockAtom; raw: string }
  | { kind: 'num'; value: number; raw: string }
  | { kind: 'join'; raw: string }
  | { kind: 'length'; minutes: number; raw: string }
  | { kind: 'date'; date: DateWords; raw: string }
  | { kind: 'word'; word: string; raw: string }
);

const ORDINAL = '(?:st|nd|rd|th)';
const AFTER_DAY = `(?![\\d:.]|\\s*(?:am\\b|pm\\b|a\\.m|p\\.m|[ap]\\b|h\\b|o'?clock|-|to\\b|till?\\b|until\\b))`;
const JOIN = "(?:-|(?:to|till?|until|'til|thru|through)(?![a-z]))";

type Scan = (m: RegExpExecArray) => Token[] | null;

const num = (s: string | undefined): number => Number(s ?? '0');
const year = (s: string | undefined): number | null => (s === undefined ? null : s.length === 2 ? 2000 + num(s) : num(s));

function atom(form: ClockAtom['form'], hour: number, minute: number, text: string, meridiem?: 'am' | 'pm'): ClockAtom {
  return meridiem ? { form, hour, minute, text, meridiem } : { form, hour, minute, text };
}

/** "19", "07:30", "7.30pm", "11 p.m.", "7 o'clock": a time, a bare number, or null when it is neither. */
function clockToken(m: RegExpExecArray): Token[] | null {
  const [raw, h, mm, ap, letter, oclock] = m;
  const hour = num(h);
  const minute = num(mm);
  if (minute > 59) return null;
  const meridiem = ap ?? letter;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    return [{ kind: 'time', atom: atom('ampm', hour, minute, raw.trim(), meridiem.startsWith('a') ? 'am' : 'pm'), raw }];
  }
  if (hour > 24 || (hour === 24 && minute > 0)) return null;
  if (mm === undefined) {
    if (oclock) return hour >= 1 && hour <= 12 ? [{ kind: 'time', atom: atom('bare', hour, 0, raw.trim()), raw }] : null;
    return [{ kind: 'num', value: hour, raw }];
  }
  const twentyFour = hour === 0 || hour >= 13 || (h ?? '').startsWith('0');
  return [{ kind: 'time', atom: atom(twentyFour ? '24h' : 'clock', hour, minute, raw.trim()), raw }];
}

function range(m: RegExpExecArray, h1: string | undefined, m1: string | undefined, h2: string | undefined, m2: string | undefined, joiner: string): Token[] | null {
  const [a, b] = [num(h1), num(h2)];
  if (a > 23 || b > 24 || num(m1) > 59 || num(m2) > 59 || (b === 24 && num(m2) > 0)) return null;
  const [left, right] = m[0].split(joiner);
  return [
    { kind: 'time', atom: atom('24h', a, num(m1), (left ?? '').trim()), raw: left ?? '' },
    { kind: 'join', raw: joiner },
    { kind: 'time', atom: atom('24h', b, num(m2), (right ?? '').trim()), raw: right ?? '' },
  ];
}

const SCANS: [RegExp, Scan][] = [
  [/(\d{4})-(\d{1,2})-(\d{1,2})(?![\d:])/y, (m) => [{ kind: 'date', date: { kind: 'ymd', year: num(m[1]), month: num(m[2]), day: num(m[3]), text: m[0] }, raw: m[0] }]],
  [/(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d:])/y, (m) => [{ kind: 'date', date: { kind: 'numeric', first: num(m[1]), second: num(m[2]), year: year(m[3]), text: m[0] }, raw: m[0] }]],
  [/(\d{1,2})\/(\d{1,2})(?![\d/:])/y, (m) => [{ kind: 'date', date: { kind: 'numeric', first: num(m[1]), second: num(m[2]), year: null, text: m[0] }, raw: m[0] }]],
  [
    new RegExp(`(\\d{1,2})${ORDINAL}?\\s*(?:of\\s+)?(${MONTH_PATTERN})\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'y'),
    (m) => [{ kind: 'date', date: { kind: 'ymd', year: year(m[3]), month: monthNumber(m[2] ?? ''), day: num(m[1]), text: m[0] }, raw: m[0] }],
  ],
  [
    new RegExp(`(${MONTH_PATTERN})\\b\\.?\\s*(\\d{1,2})${ORDINAL}?${AFTER_DAY}(?:,?\\s+(\\d{4})\\b)?`, 'y'),
    (m) => [{ kind: 'date', date: { kind: 'ymd', year: year(m[3]), month: monthNumber(m[1] ?? ''), day: num(m[2]), text: m[0] }, raw: m[0] }],
  ],
  [new RegExp(`(\\d{1,2})${ORDINAL}\\b`, 'y'), (m) => [{ kind: 'date', date: { kind: 'ordinal', day: num(m[1]), text: m[0] }, raw: m[0] }]],
  [new RegExp(`(\\d{1,2})h(\\d{2})?\\s*(${JOIN})\\s*(\\d{1,2})h(\\d{2})?(?![\\w:])`, 'y'), (m) => range(m, m[1], m[2], m[4], m[5], m[3] ?? '-')],
  [new RegExp(`([01]\\d|2[0-3])([0-5]\\d)\\s*(${JOIN})\\s*([01]\\d|2[0-4])([0-5]\\d)(?![\\d:])`, 'y'), (m) => range(m, m[1], m[2], m[4], m[5], m[3] ?? '-')],
  [
    /(?:for\s+)?(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?)(?:\s*(\d{1,2})\s*(?:m|mins?|minutes?)?)?(?![\w:./])/y,
    (m) => (num(m[2]) >= 60 ? null : [{ kind: 'length', minutes: Math.round(Number((m[1] ?? '').replace(',', '.')) * 60) + num(m[2]), raw: m[0] }]),
  ],
  [/(?:for\s+)?(\d+)\s*(?:m|mins?|minutes?)(?![\w:./])/y, (m) => [{ kind: 'length', minutes: num(m[1]), raw: m[0] }]],
  [
    /(?:for\s+)?(?:(?:an?|one)\s+hour(\s+and\s+a\s+half)?|(half)\s+an\s+hour|(an?|one|\d+)\s+and\s+a\s+half\s+hours?)\b/y,
    (m) => {
      const hours = m[3] === undefined ? (m[1] ? 1.5 : m[2] ? 0.5 : 1) : (/^\d+$/.test(m[3]) ? num(m[3]) : 1) + 0.5;
      return [{ kind: 'length', minutes: hours * 60, raw: m[0] }];
    },
  ],
  [/(noon|midday|midnight)\b/y, (m) => [{ kind: 'time', atom: atom(m[1] === 'midnight' ? 'midnight' : 'noon', m[1] === 'midnight' ? 0 : 12, 0, m[0]), raw: m[0] }]],
  [/(\d{1,2})(?:[:.](\d{2}))?(?:\s*(a\.m\.?|p\.m\.?|am|pm)(?![a-z])|([ap])(?![a-z]))?(\s*o'?clock\b)?(?![\w:])/y, clockToken],
  [new RegExp(JOIN, 'y'), (m) => [{ kind: 'join', raw: m[0] }]],
  [/and\b/y, (m) => [{ kind: 'join', raw: m[0] }]],
  [/@/y, (m) => [{ kind: 'word', word: 'at', raw: m[0] }]],
  [/[a-z'][a-z'.]*|\d+[a-z]*|[^\s,;]/y, (m) => [{ kind: 'word', word: mendWord(m[0]), raw: m[0] }]],
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const gap = /[\s,;]+/y;
    gap.lastIndex = at;
    if (gap.exec(text)) {
      at = gap.lastIndex;
      continue;
    }
    for (const [pattern, scan] of SCANS) {
      pattern.lastIndex = at;
      const m = pattern.exec(text);
      const found = m ? scan(m) : null;
      if (m && found) {
        tokens.push(...found.map((t) => ({ ...t, at, end: at + m[0].length })));
        at += m[0].length;
        break;
      }
    }
  }
  return tokens;
}

const isClock = (t: Token | undefined): boolean => t?.kind === 'time' || t?.kind === 'num';
const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && words.includes(t.word);

/** A bare number is an hour beside a "to"/"-" that has a time on its other side, after at/from, or before a length. */
function decideNumbers(tokens: Token[]): Token[] {
  return tokens.map((t, i) => {
    if (t.kind !== 'num') return t;
    const hour =
      (tokens[i + 1]?.kind === 'join' && isClock(tokens[i + 2])) ||
      (tokens[i - 1]?.kind === 'join' && isClock(tokens[i - 2])) ||
      isWord(tokens[i - 1], 'at', 'from', 'between', 'by') ||
      tokens[i + 1]?.kind === 'length';
    const span = { at: t.at, end: t.end };
    if (!hour) return { kind: 'word', word: t.raw.trim(), raw: t.raw, ...span };
    return { kind: 'time', atom: atom(t.value === 0 || t.value >= 13 ? '24h' : 'bare', t.value, 0, t.raw.trim()), raw: t.raw, ...span };
  });
}

function dayWords(tokens: Token[]): DayWords {
  const dates: DateWords[] = [];
  const words: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'date') dates.push(t.date);
    else if (t.kind === 'word') words.push(t.word);
    else if (t.kind === 'join') words.push(t.raw.trim());
  }
  const text = tokens.map((t, i) => (i > 0 && tokens[i - 1]?.end === t.at ? '' : ' ') + t.raw.trim()).join('');
  return { dates, words, text: text.trim() };
}

/** Splits `when:` text into its times, length, part of the day and day words. Never throws. */
export function readWhenWords(raw: string): WhenWords {
  const tokens = decideNumbers(tokenize(normalise(raw)));
  let part: PartOfDay | null = null;
  const kept: Token[] = [];
  for (const t of tokens) {
    const p = t.kind === 'word' ? partOfDay(t.word) : undefined;
    if (t.kind === 'word' && t.word === 'tonight') {
      part ??= 'evening';
      kept.push({ kind: 'word', word: 'today', raw: t.raw, at: t.at, end: t.end });
    } else if (p) part ??= p;
    else kept.push(t);
  }
  const lengths = kept.filter((t): t is Extract<Token, { kind: 'length' }> => t.kind === 'length');
  const times = kept.flatMap((t, i) => (t.kind === 'time' ? [i] : []));
  const [first, second] = times;
  const result: WhenWords = {
    start: null,
    end: null,
    lengthMinutes: lengths[0]?.minutes ?? null,
    startDay: dayWords(kept.filter((t) => t.kind !== 'length')),
    endDay: null,
    part,
    timesText: '',
    problem: lengths.length > 1 ? 'two-lengths' : times.length > 2 ? 'not-one-sit' : null,
  };
  if (first === undefined || result.problem) return result;
  const startToken = kept[first];
  if (startToken?.kind !== 'time') return result;
  result.start = startToken.atom;
  result.timesText = startToken.raw.trim();
  const outside = (from: number, to: number): Token[] => kept.filter((t, i) => (i < from || i > to) && t.kind !== 'length');
  if (second === undefined) {
    result.startDay = dayWords(outside(first, first));
    return result;
  }
  const endToken = kept[second];
  const between = kept.slice(first + 1, second);
  const joins = between.filter((t) => t.kind === 'join');
  const [join] = joins;
  const andWithoutBetween = join?.raw.trim() === 'and' && !kept.slice(0, first).some((t) => isWord(t, 'between'));
  if (endToken?.kind !== 'time' || joins.length !== 1 || andWithoutBetween || between[0]?.kind !== 'join') {
    result.problem = 'not-one-sit';
    return result;
  }
  result.end = endToken.atom;
  const joinText = join?.raw.trim() ?? '-';
  result.timesText = `${startToken.raw.trim()}${joinText === '-' ? '-' : ` ${joinText} `}${endToken.raw.trim()}`;
  result.startDay = dayWords(outside(first, second));
  const endDayTokens = between.slice(1);
  if (endDayTokens.length > 0) result.endDay = dayWords(endDayTokens);
  return result;
}
