import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { localToInstant, wallClock } from '../../src/domain/timezone.ts';
import {
  defaultDateOrder,
  formatWhen,
  formatWhenText,
  MAX_DAYS_AHEAD,
  MAX_SIT_MINUTES,
  MIN_SIT_MINUTES,
  readWhen,
  type DateOrder,
  type SitTime,
  type WhenContext,
  type WhenReading,
} from '../../src/domain/when.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'America/Sao_Paulo'];
// Nows across a year, with the DST changes of both hemispheres in it.
const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-01-01T00:00:00Z');

const contexts = fc.record({
  now: fc.integer({ min: FROM / MINUTE, max: TO / MINUTE }).map((m) => m * MINUTE),
  timezone: fc.constantFrom(...ZONES),
  dateOrder: fc.constantFrom<DateOrder | undefined>('dmy', 'mdy', undefined),
});

const pad = (n: number): string => String(n).padStart(2, '0');
const hour12 = fc.integer({ min: 1, max: 12 });
const hour24 = fc.integer({ min: 0, max: 23 });
const minutes = fc.constantFrom(0, 15, 30, 45);

/** One clock time in the many ways parents write them. */
const clockText = fc.oneof(
  hour12.map(String),
  fc.tuple(hour12, fc.constantFrom('am', 'pm', 'a', 'p', ' pm')).map(([h, ap]) => `${h}${ap}`),
  fc.tuple(hour12, minutes, fc.constantFrom('am', 'pm')).map(([h, m, ap]) => `${h}:${pad(m)}${ap}`),
  fc.tuple(hour24, minutes).map(([h, m]) => `${pad(h)}:${pad(m)}`),
  fc.tuple(hour12, minutes).map(([h, m]) => `${h}:${pad(m)}`),
  fc.constantFrom('noon', 'midnight', 'midday'),
);

function dayText(ctx: WhenContext): fc.Arbitrary<string> {
  const order = ctx.dateOrder ?? defaultDateOrder(ctx.timezone);
  const soon = fc.integer({ min: 0, max: 130 }).map((days) => wallClock(ctx.now + days * DAY, ctx.timezone));
  return fc.oneof(
    fc.constantFrom('', 'sat', 'saturday', 'fri', 'sun', 'tomorrow', 'tmrw', 'tonight', 'today', 'weekend', 'next tuesday', 'thurs', 'satuday'),
    soon.map((w) => `${w.year}-${pad(w.month)}-${pad(w.day)}`),
    soon.map((w) => (order === 'dmy' ? `${w.day}/${w.month}` : `${w.month}/${w.day}`)),
    soon.map((w) => `the ${w.day}th`),
  );
}

const timesText = fc.oneof(
  fc.tuple(clockText, fc.constantFrom('-', ' - ', ' to ', ' till ', '–'), clockText).map(([a, j, b]) => `${a}${j}${b}`),
  fc.tuple(clockText, fc.constantFrom('for 3h', 'for 90 min', '2h', 'for 2h30', 'for 4 hours', 'for an hour')).map(([a, l]) => `${a} ${l}`),
);

const phrases = contexts.chain((ctx) =>
  fc.tuple(fc.constant(ctx), dayText(ctx), timesText, fc.boolean()).map(([c, day, times, dayFirst]) => ({
    ctx: c,
    text: (dayFirst ? `${day} ${times}` : `${times} ${day}`).trim(),
  })),
);

/** readWhen, with any refusal a UserError (anything else is a bug and fails the property). */
function attempt(text: string, ctx: WhenContext): WhenReading | null {
  try {
    return readWhen(text, ctx);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
}

function withinLimits({ startsAt, endsAt }: SitTime, ctx: WhenContext): void {
  expect(startsAt).toBeGreaterThanOrEqual(ctx.now);
  expect(startsAt).toBeLessThanOrEqual(ctx.now + MAX_DAYS_AHEAD * DAY);
  expect(endsAt).toBeGreaterThan(startsAt);
  expect(endsAt - startsAt).toBeGreaterThanOrEqual(MIN_SIT_MINUTES * MINUTE);
  expect(endsAt - startsAt).toBeLessThanOrEqual(MAX_SIT_MINUTES * MINUTE);
}

function firstShowing(instant: number, timezone: string): boolean {
  const w = wallClock(instant, timezone);
  return localToInstant(w, w.hour * 60 + w.minute, timezone) === instant;
}

function readsBackTo(text: string, sit: SitTime, ctx: WhenContext): void {
  const again = readWhen(text, ctx);
  expect(again, text).toMatchObject({ kind: 'read', startsAt: sit.startsAt, endsAt: sit.endsAt });
}

describe('when: properties', () => {
  it('every reading lies within the limits and its echoes read back to the same times; every choice reads back to itself', () => {
    fc.assert(
      fc.property(phrases, ({ ctx, text }) => {
        const reading = attempt(text, ctx);
        if (!reading) return;
        if (reading.kind === 'read') {
          withinLimits(reading, ctx);
          const canonical = formatWhenText(reading.startsAt, reading.endsAt, ctx.timezone);
          readsBackTo(canonical, reading, ctx);
          expect(readWhen(canonical, ctx)).not.toHaveProperty('guessed');
          // The words echo too, unless the end is the second showing of a wall time the clocks repeat (then only
          // the canonical text, which gives a length, can say it).
          if (firstShowing(reading.endsAt, ctx.timezone)) {
            readsBackTo(formatWhen(reading.startsAt, reading.endsAt, ctx.timezone, ctx.dateOrder ?? 'dmy'), reading, ctx);
          }
          return;
        }
        expect(reading.choices.length).toBeGreaterThanOrEqual(2);
        expect(new Set(reading.choices.map((c) => c.label)).size).toBe(reading.choices.length);
        for (const choice of reading.choices) {
          withinLimits(choice, ctx);
          expect(choice.text.length).toBeLessThanOrEqual(40);
          readsBackTo(choice.text, choice, ctx);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('the canonical text of any sit within the limits reads back to it, whatever the timezone and season', () => {
    const sits = fc.record({
      timezone: fc.constantFrom(...ZONES),
      start: fc.integer({ min: FROM / MINUTE, max: TO / MINUTE }).map((m) => m * MINUTE),
      length: fc.integer({ min: MIN_SIT_MINUTES, max: MAX_SIT_MINUTES }),
      lead: fc.integer({ min: 0, max: MAX_DAYS_AHEAD * 24 * 60 }),
    });
    fc.assert(
      fc.property(sits, ({ timezone, start, length, lead }) => {
        // Only instants a reading can give: the wall clock's first (or only) showing of that minute.
        fc.pre(firstShowing(start, timezone));
        const sit = { startsAt: start, endsAt: start + length * MINUTE };
        const text = formatWhenText(sit.startsAt, sit.endsAt, timezone);
        expect(text.length).toBeLessThanOrEqual(40);
        readsBackTo(text, sit, { now: start - lead * MINUTE, timezone });
      }),
      { numRuns: 3000 },
    );
  });

  it('never fails with anything but a plain refusal, whatever is typed', () => {
    fc.assert(
      fc.property(contexts, fc.string({ maxLength: 40 }), (ctx, text) => {
        const reading = attempt(text, ctx);
        if (reading?.kind === 'read') withinLimits(reading, ctx);
      }),
      { numRuns: 2000 },
    );
  });
});
