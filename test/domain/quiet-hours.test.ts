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

  // Zones whose clocks change at midnight (Asuncion kept summer time all year from October 2024).
  describe('at a clock change at midnight', () => {
    const ALL_BUT_MIDNIGHT = { start: 1, end: 0 }; // quiet 00:01-00:00: everything but the minute 00:00
    const SANTIAGO = 'America/Santiago'; // 2028-09-03 00:00 -04 → 01:00 -03; 2028-04-02 00:00 -03 → 2028-04-01 23:00 -04
    /** Checks the answer is the first instant that is not quiet: every minute before it, from `from`, is quiet. */
    const firstFree = (from: number, zone: string, q: QuietHours): number => {
      const free = nextNonQuietInstant(from, zone, q);
      expect(isQuietAt(free, zone, q)).toBe(false);
      for (let t = from; t < free; t += 60_000) expect(isQuietAt(t, zone, q), iso(t)).toBe(true);
      return free;
    };

    it('gives the minute after a spring-forward gap that skipped every minute that is not quiet', () => {
      // fast-check's counterexample (seed 1543535709): 00:01 on the day before → 01:00 on the day of the change, not
      // the next midnight 47 h later.
      expect(iso(firstFree(1851480060000, SANTIAGO, ALL_BUT_MIDNIGHT))).toBe('2028-09-03T04:00Z');
      expect(iso(firstFree(at('2028-09-03T03:30:00Z'), SANTIAGO, ALL_BUT_MIDNIGHT))).toBe('2028-09-03T04:00Z'); // 23:30
      expect(iso(firstFree(at('2028-09-02T23:00:00Z'), SANTIAGO, { start: 30, end: 20 }))).toBe('2028-09-03T04:00Z');
      expect(iso(firstFree(at('2028-04-26T22:01:00Z'), 'Africa/Cairo', ALL_BUT_MIDNIGHT))).toBe('2028-04-27T22:00Z');
      expect(iso(firstFree(at('2028-03-11T05:01:00Z'), 'America/Havana', ALL_BUT_MIDNIGHT))).toBe('2028-03-12T05:00Z');
    });

    it('keeps that reopening to the first minute after the gap', () => {
      expect(isQuietAt(at('2028-09-03T04:00:59Z'), SANTIAGO, ALL_BUT_MIDNIGHT)).toBe(false); // 01:00:59
      expect(isQuietAt(at('2028-09-03T04:01:00Z'), SANTIAGO, ALL_BUT_MIDNIGHT)).toBe(true); // 01:01
      expect(iso(firstFree(at('2028-09-03T04:01:00Z'), SANTIAGO, ALL_BUT_MIDNIGHT))).toBe('2028-09-04T03:00Z'); // 00:00
      // A gap that skips only part of the time that is not quiet changes nothing: 23:59 was not quiet.
      expect(isQuietAt(at('2028-09-03T04:00:00Z'), SANTIAGO, { start: 30, end: 23 * 60 })).toBe(true);
    });

    it('in a fall-back overlap, frees a time the clock turns back to', () => {
      // Santiago reads 23:00-23:59 twice on 2028-04-01: from the first 23:03 to the second 23:00, not to midnight.
      expect(iso(firstFree(at('2028-04-02T02:03:00Z'), SANTIAGO, { start: 1381, end: 0 }))).toBe('2028-04-02T03:00Z');
      expect(iso(firstFree(at('2028-10-26T20:03:00Z'), 'Africa/Cairo', { start: 1381, end: 0 }))).toBe('2028-10-26T21:00Z');
      // Havana reads 00:00-00:59 twice on 2028-11-05: the second midnight is not quiet either.
      expect(iso(firstFree(at('2028-11-05T04:03:00Z'), 'America/Havana', ALL_BUT_MIDNIGHT))).toBe('2028-11-05T05:00Z');
      // The second reading of a quiet hour stays quiet: from the first 23:30 on to midnight -04.
      expect(iso(firstFree(at('2028-04-02T02:30:00Z'), SANTIAGO, ALL_BUT_MIDNIGHT))).toBe('2028-04-02T04:00Z');
    });
  });

  it('always lands on the first non-quiet instant no earlier than asked, within a day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(NY, 'Europe/London', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'Africa/Cairo', 'America/Havana'),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2029-01-01T00:00:00Z') }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (zone, start, end, instant, between) => {
          const q = { start, end };
          const free = nextNonQuietInstant(instant, zone, q);
          expect(free).toBeGreaterThanOrEqual(instant);
          expect(free - instant).toBeLessThanOrEqual(25 * 3_600_000);
          expect(isQuietAt(free, zone, q)).toBe(false);
          if (!isQuietAt(instant, zone, q)) expect(free).toBe(instant);
          // Nothing earlier was free: a second before and any instant on the way are quiet.
          if (free > instant) expect(isQuietAt(Math.max(instant, free - 1000), zone, q)).toBe(true);
          expect(isQuietAt(instant + Math.floor(between * (free - instant)), zone, q)).toBe(free > instant);
        },
      ),
      { numRuns: 500 },
    );
  });
});
