import { escapeText, foldLine } from './calendar.ts';
import { FORMER_MEMBER } from './names.ts';

// What /privacy forget does to text that stays in the co-op (messages other members received, answers kept for
// replays, other people's notes): the forgotten member's name becomes "a former member", their platform id becomes
// their anonymous one, and their own notes are taken out. Pure: the caller reads the rows and writes them back.

export interface Secrets {
  /** Their display name: replaced as a whole word, in any case. */
  name: string;
  /** Their platform user id and what it becomes. */
  ref: { from: string; to: string };
  /** What they wrote (swap notes, gift notes, break notes): taken out wherever it was quoted. */
  notes: readonly string[];
}

export const REMOVED_NOTE = '(removed)';
/** Shorter notes ("ok", "hi") are left where others quoted them: replacing them everywhere would garble other text. */
export const MIN_NOTE_LENGTH = 4;
/** A platform id this short (a console name) is replaced only as a whole word, like a name. */
const MIN_BARE_REF = 6;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWord = (text: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(text)}(?![\\p{L}\\p{N}_])`, flags);

/** The strings to look for when finding rows that may need redacting (matched with LIKE, so in any ASCII case). */
export function searchTerms(secrets: Secrets): string[] {
  const terms = [secrets.ref.from, ...usable(secrets).notes];
  if (secrets.name.length >= 2) terms.push(secrets.name);
  // JSON and iCalendar escape quotes, backslashes, commas and newlines, so a note is looked for as they write it too,
  // and as JSON writes it twice: a JSON file inside a remembered answer (someone's /privacy export).
  const asJson = (t: string) => JSON.stringify(t).slice(1, -1);
  const escaped = terms.flatMap((t) => [asJson(t), asJson(asJson(t)), escapeText(t)]);
  return [...new Set([...terms, ...escaped])].filter((t) => t.length > 0);
}

function usable(secrets: Secrets): { notes: string[] } {
  return { notes: [...new Set(secrets.notes.map((n) => n.trim()).filter((n) => n.length >= MIN_NOTE_LENGTH))].sort((a, b) => b.length - a.length) };
}

const isFile = (value: object): value is { filename: string; content: string } =>
  'filename' in value && 'content' in value && typeof value.content === 'string';

/** Their platform id as found in text: anywhere when long enough to be unmistakable, else as a whole word. */
function refPattern(secrets: Secrets): RegExp {
  return secrets.ref.from.length >= MIN_BARE_REF ? new RegExp(escapeRegExp(secrets.ref.from)) : wholeWord(secrets.ref.from, 'u');
}

/** A function that redacts one plain text. */
export function textRedactor(secrets: Secrets): (text: string) => string {
  const { notes } = usable(secrets);
  const name = secrets.name.length >= 2 ? wholeWord(secrets.name, 'giu') : undefined;
  const ref = new RegExp(refPattern(secrets).source, 'gu');
  return (text: string) => {
    let out = text;
    for (const note of notes) for (const form of new Set([note, escapeText(note)])) out = out.split(form).join(REMOVED_NOTE);
    out = out.replace(ref, secrets.ref.to);
    if (name) out = out.replace(name, FORMER_MEMBER);
    return out;
  };
}

/** Redacts every string inside a JSON text (a stored message, a remembered reply); an iCalendar file is unfolded first. */
export function jsonRedactor(secrets: Secrets): (json: string) => string {
  const plain = textRedactor(secrets);
  const calendar = (text: string) =>
    plain(text.replace(/\r\n[ \t]/g, ''))
      .split('\r\n')
      .map((line) => (line ? foldLine(line) : line))
      .join('\r\n');
  const redactString = (text: string): string => {
    if (text.startsWith('BEGIN:VCALENDAR')) return calendar(text);
    return jsonFile(text) ?? plain(text);
  };
  // A JSON file (someone else's /privacy export, remembered for a re-delivery) is redacted string by string, like the
  // message around it: read as plain text, its escapes would hide a name or a note on a line of its own. It keeps its
  // layout (indentation, the newline at its end).
  const jsonFile = (text: string): string | undefined => {
    if (!/^[[{]/.test(text)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    const redacted = walk(parsed);
    if (JSON.stringify(redacted) === JSON.stringify(parsed)) return text;
    const indent = /^[[{]\r?\n([ \t]+)/.exec(text)?.[1];
    return JSON.stringify(redacted, null, indent) + text.slice(text.trimEnd().length);
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      // A file holding their platform id is their own /privacy export, remembered for replays: nothing of it stays.
      if (isFile(value) && refPattern(secrets).test(value.content)) return { ...value, content: '' };
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return (json: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return plain(json);
    }
    return JSON.stringify(walk(parsed));
  };
}
