// Tidying what a person typed for `when:` before chrono reads it: lengths ("for 3h", "4h", "90 min") are
// taken out here, and bare hour ranges ("sat 19-23") get their minutes.

export interface PreparedWhen {
  /** Lower-cased, dashes unified, the length taken out. */
  text: string;
  /** The length typed, in minutes, or null when none was. */
  lengthMinutes: number | null;
}

const HOURS =
  /(?:\bfor\s+)?(?<![\w:.,])(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?)(?:\s*(\d{1,2})\s*(?:m|mins?|minutes?)?)?(?![\w:.])/g;
const MINUTES = /(?:\bfor\s+)?(?<![\w:.,])(\d+)\s*(?:m|mins?|minutes?)(?![\w:.])/g;
const MONTH_BEFORE = '(?<!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s*)';
const BARE_HOURS = new RegExp(
  `(?<![\\d:./-])${MONTH_BEFORE}\\b([01]?\\d|2[0-3])\\s*-\\s*([01]?\\d|2[0-3])\\b(?!\\s*(?:[:.]\\d|[ap]\\.?m\\b|[ap]\\b|h\\b))`,
);
const FILLERS = new Set(['from', 'at', 'on', 'the', 'starting', 'start', 'between', 'around', 'about', '@', '-', 'to']);

/** Returns null when the text holds more than one length, or a length that makes no sense ("2h75"). */
export function prepareWhenText(raw: string): PreparedWhen | null {
  let text = raw
    .toLowerCase()
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/\b(?:noon|midday)\b/g, '12:00') // chrono misreads "noon-4pm"
    .replace(/\s+/g, ' ')
    .trim();
  const hours = [...text.matchAll(HOURS)];
  const minutes = [...text.replace(HOURS, ' ').matchAll(MINUTES)];
  if (hours.length + minutes.length > 1) return null;

  let lengthMinutes: number | null = null;
  const [hourMatch] = hours;
  const [minuteMatch] = minutes;
  if (hourMatch) {
    const extra = hourMatch[2] === undefined ? 0 : Number(hourMatch[2]);
    if (extra >= 60) return null;
    lengthMinutes = Math.round(Number((hourMatch[1] ?? '').replace(',', '.')) * 60) + extra;
    text = text.replace(HOURS, ' ');
  } else if (minuteMatch) {
    lengthMinutes = Number(minuteMatch[1]);
    text = text.replace(MINUTES, ' ');
  }
  text = text
    .replace(BARE_HOURS, (_all, from: string, to: string) => `${from}:00-${to}:00`)
    .replace(/\s+/g, ' ')
    .trim();
  return { text, lengthMinutes };
}

/** True when what chrono left unread is only punctuation and small joining words. */
export function onlyFillersLeft(text: string, read: { index: number; text: string }[]): boolean {
  let rest = text;
  for (const span of [...read].sort((a, b) => b.index - a.index)) {
    rest = rest.slice(0, span.index) + ' ' + rest.slice(span.index + span.text.length);
  }
  return rest
    .split(/[\s,;]+/)
    .filter((word) => word !== '' && word !== '.')
    .every((word) => FILLERS.has(word));
}
