// The small word tables behind `when:`: month names, weekday spellings and slips, parts of the day, fillers.

import type { PartOfDay } from './when-rules.ts';

export const MONTH_PATTERN =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** "sept" → 9. */
export function monthNumber(word: string): number {
  const i = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(word.slice(0, 3));
  return i + 1;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Short forms and slips parents type, to the words chrono reads. */
const FIXES: Record<string, string> = {
  mon: 'monday', mond: 'monday', mondy: 'monday',
  tue: 'tuesday', tues: 'tuesday', tuesdy: 'tuesday', teusday: 'tuesday',
  wed: 'wednesday', weds: 'wednesday', wedn: 'wednesday', wensday: 'wednesday', wendsday: 'wednesday', wednsday: 'wednesday', wedensday: 'wednesday',
  thu: 'thursday', thur: 'thursday', thurs: 'thursday', thr: 'thursday', thrs: 'thursday', thurday: 'thursday',
  fri: 'friday', fridy: 'friday',
  sat: 'saturday', satur: 'saturday', saterday: 'saturday', satday: 'saturday', sturday: 'saturday',
  sun: 'sunday', sundy: 'sunday',
  tmrw: 'tomorrow', tmr: 'tomorrow', tmw: 'tomorrow', tmrow: 'tomorrow', tomoz: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow',
  tomorow: 'tomorrow', tommorow: 'tomorrow', tommorrow: 'tomorrow', tomorro: 'tomorrow', tomrrow: 'tomorrow',
  tonite: 'tonight', '2nite': 'tonight', '2night': 'tonight', tonigt: 'tonight',
  wknd: 'weekend', wkend: 'weekend', 'week-end': 'weekend',
};

// Words a near miss is checked against (one letter off, or two swapped): "satuday", "thrusday", "tomorrw".
const NEAR_MISS_TARGETS = [...WEEKDAYS, 'tomorrow', 'tonight', 'weekend', 'evening', 'morning', 'afternoon'];

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
function oneSlipApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const rest = (x: string, y: string): boolean => x === y;
  return (
    rest(a.slice(i + 1), b.slice(i + 1)) || // substitution
    rest(a.slice(i + 1), b.slice(i)) || // a has one more
    rest(a.slice(i), b.slice(i + 1)) || // b has one more
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a.slice(i + 2), b.slice(i + 2))) // neighbours swapped
  );
}

/** The word chrono should see: short forms, plurals ("saturdays") and one-letter slips mended. */
export function mendWord(word: string): string {
  const w = word.replace(/\.+$/, '');
  const fixed = FIXES[w];
  if (fixed) return fixed;
  if (WEEKDAYS.includes(w.replace(/s$/, ''))) return w.replace(/s$/, '');
  if (w.length >= 5 && !NEAR_MISS_TARGETS.includes(w)) {
    const near = NEAR_MISS_TARGETS.find((target) => oneSlipApart(w, target));
    if (near) return near;
  }
  return w;
}

const PARTS: Record<string, PartOfDay> = {
  morning: 'morning', mornings: 'morning', am: 'morning',
  afternoon: 'afternoon', arvo: 'afternoon', lunchtime: 'afternoon',
  evening: 'evening', eve: 'evening', evenings: 'evening', pm: 'evening',
  night: 'night', nite: 'night', overnight: 'night', nights: 'night',
};

export function partOfDay(word: string): PartOfDay | undefined {
  return PARTS[word];
}

/** Words that join a day and a time and carry no meaning of their own. */
export const FILLERS = new Set(['from', 'at', 'on', 'the', 'starting', 'start', 'between', 'around', 'about', 'of', 'please', 'in', 'this']);

/** Lower case, one kind of dash and of apostrophe, single spaces, "in the evening" → "evening". */
export function normalise(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\b(?:in|during) the (morning|afternoon|evening|night)\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
