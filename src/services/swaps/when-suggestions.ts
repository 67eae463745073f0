import type { Platform } from '../../core/types.ts';
import type { Store } from '../../db/store.ts';
import { UserError } from '../../domain/errors.ts';
import { timezoneOf } from '../../domain/members.ts';
import { MINUTE } from '../../domain/time.ts';
import { formatLength, formatWhen, formatWhenText, readWhen, type SitTime } from '../../domain/when.ts';
import { readWhenWords } from '../../domain/when-text.ts';

// Read-only suggestions while a member types `when:` (Discord autocomplete): what they typed, read in their
// timezone, plus the usual evenings and afternoons for a day typed without times, or lengths for a start alone.
// Each suggestion's value is the canonical text ("2026-11-28 19:00-23:00"), which reads back to exactly that sit.

export interface WhenSuggestionQuery {
  platform: Platform;
  coopRef: string;
  memberRef: string;
  typed: string;
  now: number;
  /** For a member the co-op has not met yet. */
  defaultTimezone: string;
  limit?: number;
}

export interface WhenSuggestion {
  /** "Sat 28 Nov, 19:00–23:00 (4 h)", ≤ 100 characters. */
  label: string;
  /** "2026-11-28 19:00-23:00" */
  text: string;
}

const SLOTS = ['19:00-23:00', '18:00-22:00', '10:00-13:00', '14:00-17:00'];
const LENGTHS = ['for 3h', 'for 4h', 'for 2h'];
const DAYS = ['tomorrow', 'fri', 'sat', 'sun'];

function candidates(typed: string): string[] {
  const text = typed.trim().slice(0, 100);
  if (text === '') return DAYS.map((day) => `${day} ${SLOTS[0]}`);
  const words = readWhenWords(text);
  if (words.start === null) return [text, ...SLOTS.map((slot) => `${text} ${slot}`)];
  if (words.end === null && words.lengthMinutes === null) return LENGTHS.map((length) => `${text} ${length}`);
  return [text];
}

export function whenSuggestions(store: Store, query: WhenSuggestionQuery): WhenSuggestion[] {
  const coop = store.coops.find(query.platform, query.coopRef);
  const member = coop ? store.members.find(coop.id, query.memberRef) : undefined;
  const timezone = coop && member ? timezoneOf(member, coop) : (coop?.timezone ?? query.defaultTimezone);
  const found = new Map<string, WhenSuggestion>();
  const add = (sit: SitTime) => {
    const text = formatWhenText(sit.startsAt, sit.endsAt, timezone);
    const length = formatLength(Math.round((sit.endsAt - sit.startsAt) / MINUTE));
    if (!found.has(text)) found.set(text, { label: `${formatWhen(sit.startsAt, sit.endsAt, timezone)} (${length})`.slice(0, 100), text });
  };
  for (const candidate of candidates(query.typed)) {
    try {
      const reading = readWhen(candidate, { now: query.now, timezone });
      if (reading.kind === 'read') add(reading);
      else reading.choices.forEach(add);
    } catch (error) {
      if (!(error instanceof UserError)) throw error; // a candidate that does not read is simply not suggested
    }
  }
  return [...found.values()].slice(0, Math.min(query.limit ?? 10, 25));
}
