import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  compareDates,
  formatLocal,
  isValidTimezone,
  localOccurrences,
  localToInstant,
  offsetMinutes,
  toInstant,
  wallClock,
  weekdayOf,
} from '../../src/domain/timezone.ts';

const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString().replace(':00.000Z', 'Z');
const HOUR = 3_600_000;
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kathmandu'];

describe('wallClock, offsetMinutes and formatLocal', () => {
  it('reads the wall clock, including half- and quarter-hour offsets', () => {
    const t = at('2027-03-10T12:00:00Z');
    expect(formatLocal(t, 'America/New_York')).toBe('2027-03-10 07:00');
    expect(formatLocal(t, 'Asia/Kathmandu')).toBe('2027-03-10 17:45');
    expect(formatLocal(t, 'Australia/Lord_Howe')).toBe('2027-03-10 23:00');
    expect(formatLocal(at('2027-07-10T12:00:00Z'), 'Australia/Lord_Howe')).toBe('2027-07-10 22:30');
    expect(wallClock(t, 'Australia/Sydney')).toEqual({ year: 2027, month: 3, day: 10, weekday: 3, hour: 23, minute: 0 });
    expect(wallClock(at('2027-03-13T23:30:00Z'), 'UTC').weekday).toBe(6);
    expect(wallClock(at('2026-11-22T23:30:00Z'), 'Europe/London').hour).toBe(23);
    expect(wallClock(at('2026-11-23T00:00:00Z'), 'Europe/London')).toMatchObject({ day: 23, hour: 0 });
  });

  it('gives the offset from UTC in minutes', () => {
    const t = at('2026-11-22T12:00:00Z');
    expect(offsetMinutes(t, 'America/New_York')).toBe(-300);
    expect(offsetMinutes(t, 'Australia/Sydney')).toBe(660);
    expect(offsetMinutes(t, 'Asia/Kathmandu')).toBe(345);
    expect(offsetMinutes(at('2027-07-01T12:00:00Z'), 'Europe/London')).toBe(60);
  });

  it('knows a real timezone from a made-up one', () => {
    expect(isValidTimezone('Australia/Lord_Howe')).toBe(true);
    expect(isValidTimezone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
    expect(isValidTimezone('   ')).toBe(false);
  });

  it('treats an unknown timezone as a programming error', () => {
    expect(() => wallClock(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localToInstant({ year: 2027, month: 1, day: 1 }, 0, 'Mars/Olympus_Mons')).toThrow(/Unknown timezone: Mars/);
  });
});

describe('local wall times back to instants', () => {
  it('is exact on an ordinary day', () => {
    expect(iso(toInstant({ year: 2027, month: 1, day: 9, hour: 19, minute: 0 }, 'America/New_York'))).toBe('2027-01-10T00:00Z');
    expect(iso(localToInstant({ year: 2027, month: 1, day: 9 }, 19 * 60, 'Asia/Kathmandu'))).toBe('2027-01-09T13:15Z');
  });

  it.each([
    ['America/New_York', 2027, 3, 14, 150, '2027-03-14T07:00Z', '2027-03-14 03:00'],
    ['America/New_York', 2027, 3, 14, 120, '2027-03-14T07:00Z', '2027-03-14 03:00'],
    ['Europe/London', 2027, 3, 28, 90, '2027-03-28T01:00Z', '2027-03-28 02:00'],
    ['Australia/Sydney', 2027, 10, 3, 150, '2027-10-02T16:00Z', '2027-10-03 03:00'],
    ['Australia/Lord_Howe', 2027, 10, 3, 135, '2027-10-02T15:30Z', '2027-10-03 02:30'],
    ['America/Santiago', 2027, 9, 5, 0, '2027-09-05T04:00Z', '2027-09-05 01:00'],
  ])('a time in a spring-forward gap (%s %i-%i-%i minute %i) moves to the first valid minute after it', (zone, year, month, day, minute, instant, shown) => {
    const date = { year, month, day };
    expect(localOccurrences(date, minute, zone)).toEqual([]);
    const t = localToInstant(date, minute, zone);
    expect(iso(t)).toBe(instant);
    expect(formatLocal(t, zone)).toBe(shown);
    expect(toInstant({ ...date, hour: Math.floor(minute / 60), minute: minute % 60 }, zone)).toBe(t);
  });

  it.each([
    ['America/New_York', 2027, 11, 7, 90, '2027-11-07T05:30Z', '2027-11-07T06:30Z'],
    ['Europe/London', 2026, 10, 25, 90, '2026-10-25T00:30Z', '2026-10-25T01:30Z'],
    ['Australia/Lord_Howe', 2027, 4, 4, 105, '2027-04-03T14:45Z', '2027-04-03T15:15Z'],
  ])('a time in a fall-back overlap (%s %i-%i-%i minute %i) is its first occurrence', (zone, year, month, day, minute, first, second) => {
    const date = { year, month, day };
    expect(localOccurrences(date, minute, zone).map(iso)).toEqual([first, second]);
    expect(iso(localToInstant(date, minute, zone))).toBe(first);
  });

  it('turns every wall clock back into an instant showing it, in every zone', () => {
    for (const zone of ZONES) {
      for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 7 * HOUR + 15 * 60_000) {
        const w = wallClock(t, zone);
        const back = toInstant(w, zone);
        // Only a repeated time may come back as its first occurrence, earlier (Lord Howe repeats half an hour).
        expect([0, HOUR / 2, HOUR]).toContain(t - back);
        expect(wallClock(back, zone)).toEqual(w);
      }
    }
  });
});

describe('calendar dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2027, month: 3, day: 1 }, -1)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addDays({ year: 50, month: 1, day: 1 }, 0)).toEqual({ year: 50, month: 1, day: 1 });
  });

  it('knows weekdays and orders dates', () => {
    expect(weekdayOf({ year: 2026, month: 11, day: 22 })).toBe(0);
    expect(weekdayOf({ year: 2027, month: 3, day: 13 })).toBe(6);
    expect(compareDates({ year: 2026, month: 12, day: 31 }, { year: 2027, month: 1, day: 1 })).toBeLessThan(0);
    expect(compareDates({ year: 2027, month: 1, day: 1 }, { year: 2027, month: 1, day: 1 })).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (days) => {
        const start = { year: 2027, month: 6, day: 15 };
        const moved = addDays(start, days);
        expect(Math.sign(compareDates(moved, start))).toBe(Math.sign(days));
        expect(weekdayOf(moved)).toBe((((weekdayOf(start) + days) % 7) + 7) % 7);
      }),
    );
  });
});
