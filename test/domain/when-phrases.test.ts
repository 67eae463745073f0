import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { formatLocal } from '../../src/domain/timezone.ts';
import { readWhen, type DateOrder, type WhenReading } from '../../src/domain/when.ts';
import { NOW, PHRASES, type Outcome } from './when-phrases.ts';

const COOPS: { name: 'uk' | 'us'; timezone: string; dateOrder: DateOrder }[] = [
  { name: 'uk', timezone: 'Europe/London', dateOrder: 'dmy' },
  { name: 'us', timezone: 'America/New_York', dateOrder: 'mdy' },
];

type Got = { kind: 'read'; reading: Extract<WhenReading, { kind: 'read' }> } | { kind: 'ask'; reading: Extract<WhenReading, { kind: 'ask' }> } | { kind: 'refused'; message: string };

function attempt(text: string, timezone: string, dateOrder: DateOrder): Got {
  try {
    const reading = readWhen(text, { now: NOW, timezone, dateOrder });
    return reading.kind === 'read' ? { kind: 'read', reading } : { kind: 'ask', reading };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { kind: 'refused', message: error.message };
  }
}

function localEnd(start: number, end: number, timezone: string): string {
  const [s, e] = [formatLocal(start, timezone), formatLocal(end, timezone)];
  return s.slice(0, 10) === e.slice(0, 10) ? e.slice(11) : e;
}

/** The outcome in the table's own terms, so a failure shows both side by side. */
function described(got: Got, timezone: string): Outcome | { kind: 'refused'; message: string } {
  if (got.kind === 'refused') return got;
  if (got.kind === 'ask') return { kind: 'ask', labels: got.reading.choices.map((c) => c.label) };
  const { startsAt, endsAt, guessed } = got.reading;
  return { kind: 'read', start: formatLocal(startsAt, timezone), end: localEnd(startsAt, endsAt, timezone), guessed: guessed !== undefined };
}

const counts = Object.fromEntries(
  COOPS.map(({ name, timezone, dateOrder }) => {
    const tally = { read: 0, asked: 0, refused: 0 };
    for (const p of PHRASES) {
      const kind = attempt(p.text, timezone, dateOrder).kind;
      tally[kind === 'ask' ? 'asked' : kind] += 1;
    }
    return [name, tally];
  }),
);

/** What the closing note quotes: phrases in the table by outcome, per co-op. */
export const PHRASE_COUNTS = { phrases: PHRASES.length, ...counts };

describe(`when: ${PHRASES.length} phrases parents type (UK ${JSON.stringify(counts.uk)}; US ${JSON.stringify(counts.us)})`, () => {
  it('has at least 150 phrases, none twice', () => {
    expect(PHRASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(PHRASES.map((p) => p.text)).size).toBe(PHRASES.length);
  });

  for (const coop of COOPS) {
    describe(`${coop.name} co-op (${coop.timezone}, ${coop.dateOrder})`, () => {
      it.each(PHRASES.map((p) => [p.text, p[coop.name]] as const))('%s', (text, expected) => {
        const got = attempt(text, coop.timezone, coop.dateOrder);
        if (expected.kind === 'refused') {
          expect(got.kind).toBe('refused');
          if (got.kind === 'refused') {
            expect(got.message).toMatch(expected.message);
            expect(got.message.split('\n').length).toBeLessThanOrEqual(2);
          }
        } else {
          expect(described(got, coop.timezone)).toEqual(expected);
        }
        if (got.kind === 'read' && got.reading.guessed) expect(got.reading.guessed.length).toBeLessThanOrEqual(80);
      });
    });
  }
});
