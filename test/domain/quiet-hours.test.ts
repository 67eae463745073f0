import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UserError } from '../../src/domain/errors.ts';
import {
  formatQuietHours,
  isQuietAt,
  nextNonQuietInstant,
  parseQuietHours,
  type QuietHours,
} from '../../src/domain/quiet-hours.ts';

const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString().replace(':00.000Z', 'Z');
const NIGHT: QuietHours = { start: 21 * 60, end: 8 * 60 };
const NY = 'America/New_York';

describe('parseQuietHours and formatQuietHours', () => {
  it.each([
    ['21:00-08:00', 1260, 480],
    ['22-7', 1320, 420],
    ['9pm-7:30am', 1260, 450],
    ['22:30 to 06:45', 1350, 405],
    ['13:00 – 14:30', 780, 870],
    ['22:00-24:00', 1320, 0],
    ['  OFF ', 0, 0],
    ['none', 0, 0],
  ])('%j', (text, start, end) => {
    expect(parseQuietHours(text)).toEqual({ start, end });
  });

  it.each([
    ['', /start and an end/],
    ['21:00', /couldn't read "21:00" as quiet hours.*"21:00-08:00"/],
    ['late-early', /couldn't read/],
    ['25-7', /couldn't read/],
    ['21:00-21:00', /different from the start.*"off"/],
  ])('refuses %j with a hint', (text, message) => {
    expect(() => parseQuietHours(text)).toThrow(UserError);
    expect(() => parseQuietHours(text)).toThrow(message);
  });

  it('formats and reads back', () => {
    expect(formatQuietHours(NIGHT)).toBe('21:00-08:00');
    expect(formatQuietHours({ start: 0, end: 0 })).toBe('off');
    expect(formatQuietHours({ start: 5, end: 5 })).toBe('off');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (start, end) => {
        fc.pre(start !== end);
        expect(parseQuietHours(formatQuietHours({ start, end }))).toEqual({ start, end });
      }),
    );
  });
});

describe('isQuietAt', () => {
  it('wraps midnight; the end minute is not quiet', () => {
    // New York in winter is UTC−5.
    expect(isQuietAt(at('2027-01-11T01:59:00Z'), NY, NIGHT)).toBe(false); // 20:59
    expect(isQuietAt(at('2027-01-11T02:00:00Z'), NY, NIGHT)).toBe(true); // 21:00
    expect(isQuietAt(at('2027-01-11T05:00:00Z'), NY, NIGHT)).toBe(true); // 00:00
    expect(isQuietAt(at('2027-01-11T12:59:59Z'), NY, NIGHT)).toBe(true); // 07:59:59
    expect(isQuietAt(at('2027-01-11T13:00:00Z'), NY, NIGHT)).toBe(false); // 08:00
  });

  it('handles a daytime period and no period', () => {
    const nap = { start: 13 * 60, end: 14 * 60 };
    expect(isQuietAt(at('2027-01-11T13:15:00Z'), 'Asia/Kathmandu', nap)).toBe(false); // 19:00
    expect(isQuietAt(at('2027-01-11T07:15:00Z'), 'Asia/Kathmandu', nap)).toBe(true); // 13:00
    expect(isQuietAt(at('2027-01-11T08:15:00Z'), 'Asia/Kathmandu', nap)).toBe(false); // 14:00
    expect(isQuietAt(at('2027-01-11T05:00:00Z'), NY, { start: 0, end: 0 })).toBe(false);
  });
});

describe('nextNonQuietInstant', () => {
  it('returns the instant itself when it is not quiet', () => {
    const t = at('2027-01-11T15:00:00Z');
    expect(nextNonQuietInstant(t, NY, NIGHT)).toBe(t);
    expect(nextNonQuietInstant(t, NY, { start: 0, end: 0 })).toBe(t);
  });

  it('moves an evening or early-morning instant to 08:00 local', () => {
    expect(iso(nextNonQuietInstant(at('2027-01-11T03:00:00Z'), NY, NIGHT))).toBe('2027-01-11T13:00Z'); // 22:00 → 08:00
    expect(iso(nextNonQuietInstant(at('2027-01-11T10:00:00Z'), NY, NIGHT))).toBe('2027-01-11T13:00Z'); // 05:00 → 08:00
    expect(iso(nextNonQuietInstant(at('2027-01-11T07:30:00Z'), 'Asia/Kathmandu', { start: 780, end: 840 }))).toBe('2027-01-11T08:15Z');
  });

  it('knows the morning after a change has another offset', () => {
    // 22:00 Saturday EST → 08:00 Sunday EDT: ten hours on the wall clock, nine real ones.
    expect(iso(nextNonQuietInstant(at('2027-03-14T03:00:00Z'), NY, NIGHT))).toBe('2027-03-14T12:00Z');
    // Sydney leaves DST overnight: 22:00 AEDT (11:00Z) → 08:00 AEST (22:00Z).
    expect(iso(nextNonQuietInstant(at('2027-04-03T11:00:00Z'), 'Australia/Sydney', NIGHT))).toBe('2027-04-03T22:00Z');
  });

  it('moves an end inside a spring-forward gap to the end of the gap', () => {
    const q = { start: 0, end: 150 }; // quiet until 02:30, which does not exist that night
    expect(iso(nextNonQuietInstant(at('2027-03-14T05:30:00Z'), NY, q))).toBe('2027-03-14T07:00Z'); // 00:30 → 03:00
    const lordHowe = { start: 60, end: 135 }; // 01:00-02:15; 02:00 jumps to 02:30
    const t = nextNonQuietInstant(at('2027-10-02T14:30:00Z'), 'Australia/Lord_Howe', lordHowe); // 01:00
    expect(iso(t)).toBe('2027-10-02T15:30Z'); // 02:30 +11
  });

  it('in a fall-back overlap, ends at the reading of the end still ahead', () => {
    const q = { start: 21 * 60, end: 90 }; // until 01:30, which New York reads twice on 2027-11-07
    // 00:30 EDT → the first 01:30 (EDT).
    expect(iso(nextNonQuietInstant(at('2027-11-07T04:30:00Z'), NY, q))).toBe('2027-11-07T05:30Z');
    // 01:10 EST (the second pass, after the first 01:30) → the second 01:30 (EST).
    expect(iso(nextNonQuietInstant(at('2027-11-07T06:10:00Z'), NY, q))).toBe('2027-11-07T06:30Z');
  });

  it('always lands on a non-quiet instant no earlier than asked, within a day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(NY, 'Europe/London', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago'),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2029-01-01T00:00:00Z') }),
        (zone, start, end, instant) => {
          const q = { start, end };
          const free = nextNonQuietInstant(instant, zone, q);
          expect(free).toBeGreaterThanOrEqual(instant);
          expect(free - instant).toBeLessThanOrEqual(25 * 3_600_000);
          expect(isQuietAt(free, zone, q)).toBe(false);
          if (!isQuietAt(instant, zone, q)) expect(free).toBe(instant);
        },
      ),
      { numRuns: 500 },
    );
  });
});
