import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UserError } from '../../src/domain/errors.ts';
import { formatLocal, localOccurrences, wallClock } from '../../src/domain/timezone.ts';
import {
  formatWeeklyTime,
  nextWeeklyOccurrence,
  parseWeeklyTime,
  startOfLocalWeek,
  type WeeklyTime,
} from '../../src/domain/weekly-time.ts';

const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString().replace(':00.000Z', 'Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
const SUN_19: WeeklyTime = { weekday: 0, minute: 19 * 60 };

/** An oracle independent of the code under test: "Sun 19:00" as Intl prints it. */
function wall(instant: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return f.format(instant).replace(',', '');
}

describe('nextWeeklyOccurrence: six Sunday 19:00 check-ins across each change', () => {
  // Each run starts three weeks before a change; the UTC instant moves, the local time must not.
  const runs: [string, string, string[]][] = [
    ['America/New_York', '2027-02-22T00:00:00Z', ['2027-03-01T00:00Z', '2027-03-08T00:00Z', '2027-03-14T23:00Z', '2027-03-21T23:00Z', '2027-03-28T23:00Z', '2027-04-04T23:00Z']],
    ['America/New_York', '2027-10-18T00:00:00Z', ['2027-10-24T23:00Z', '2027-10-31T23:00Z', '2027-11-08T00:00Z', '2027-11-15T00:00Z', '2027-11-22T00:00Z', '2027-11-29T00:00Z']],
    ['Europe/London', '2027-03-08T00:00:00Z', ['2027-03-14T19:00Z', '2027-03-21T19:00Z', '2027-03-28T18:00Z', '2027-04-04T18:00Z', '2027-04-11T18:00Z', '2027-04-18T18:00Z']],
    ['Europe/London', '2027-10-18T00:00:00Z', ['2027-10-24T18:00Z', '2027-10-31T19:00Z', '2027-11-07T19:00Z', '2027-11-14T19:00Z', '2027-11-21T19:00Z', '2027-11-28T19:00Z']],
    ['Australia/Sydney', '2027-03-15T00:00:00Z', ['2027-03-21T08:00Z', '2027-03-28T08:00Z', '2027-04-04T09:00Z', '2027-04-11T09:00Z', '2027-04-18T09:00Z', '2027-04-25T09:00Z']],
    ['Australia/Sydney', '2027-09-20T00:00:00Z', ['2027-09-26T09:00Z', '2027-10-03T08:00Z', '2027-10-10T08:00Z', '2027-10-17T08:00Z', '2027-10-24T08:00Z', '2027-10-31T08:00Z']],
    ['Australia/Lord_Howe', '2027-03-15T00:00:00Z', ['2027-03-21T08:00Z', '2027-03-28T08:00Z', '2027-04-04T08:30Z', '2027-04-11T08:30Z', '2027-04-18T08:30Z', '2027-04-25T08:30Z']],
    ['Australia/Lord_Howe', '2027-09-20T00:00:00Z', ['2027-09-26T08:30Z', '2027-10-03T08:00Z', '2027-10-10T08:00Z', '2027-10-17T08:00Z', '2027-10-24T08:00Z', '2027-10-31T08:00Z']],
    ['Asia/Kathmandu', '2027-03-08T00:00:00Z', ['2027-03-14T13:15Z', '2027-03-21T13:15Z', '2027-03-28T13:15Z', '2027-04-04T13:15Z', '2027-04-11T13:15Z', '2027-04-18T13:15Z']],
  ];

  it.each(runs)('%s from %s', (zone, from, expected) => {
    let t = at(from);
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      t = nextWeeklyOccurrence(SUN_19, zone, t);
      expect(wall(t, zone)).toBe('Sun 19:00');
      got.push(iso(t));
    }
    expect(got).toEqual(expected);
  });
});

describe('nextWeeklyOccurrence: a time skipped by spring-forward moves to the end of the gap', () => {
  it.each([
    ['America/New_York', 150, '2027-03-13T00:00:00Z', '2027-03-14T07:00Z', 'Sun 03:00'],
    ['America/New_York', 120, '2027-03-13T00:00:00Z', '2027-03-14T07:00Z', 'Sun 03:00'],
    ['Europe/London', 90, '2027-03-27T00:00:00Z', '2027-03-28T01:00Z', 'Sun 02:00'],
    ['Australia/Sydney', 150, '2027-10-02T00:00:00Z', '2027-10-02T16:00Z', 'Sun 03:00'],
    ['Australia/Lord_Howe', 135, '2027-10-02T00:00:00Z', '2027-10-02T15:30Z', 'Sun 02:30'],
  ])('%s minute %i', (zone, minute, after, expected, shown) => {
    const t = nextWeeklyOccurrence({ weekday: 0, minute }, zone, at(after));
    expect(iso(t)).toBe(expected);
    expect(wall(t, zone)).toBe(shown);
    // The week after, the time exists again and is kept exactly.
    const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    expect(wall(nextWeeklyOccurrence({ weekday: 0, minute }, zone, t), zone)).toBe(`Sun ${hhmm}`);
  });

  it('keeps the minute just before and just after the gap as they are', () => {
    const zone = 'America/New_York';
    expect(iso(nextWeeklyOccurrence({ weekday: 0, minute: 119 }, zone, at('2027-03-13T00:00:00Z')))).toBe('2027-03-14T06:59Z');
    expect(iso(nextWeeklyOccurrence({ weekday: 0, minute: 180 }, zone, at('2027-03-13T00:00:00Z')))).toBe('2027-03-14T07:00Z');
    expect(localOccurrences({ year: 2027, month: 3, day: 14 }, 150, zone)).toEqual([]);
  });
});

describe('nextWeeklyOccurrence: a time that occurs twice on fall-back day runs once', () => {
  it.each([
    ['America/New_York', 90, '2027-11-06T00:00:00Z', '2027-11-07T05:30Z', '2027-11-07T06:30Z', '2027-11-14T06:30Z'],
    ['Europe/London', 90, '2027-10-30T00:00:00Z', '2027-10-31T00:30Z', '2027-10-31T01:30Z', '2027-11-07T01:30Z'],
    ['Australia/Sydney', 150, '2027-04-02T00:00:00Z', '2027-04-03T15:30Z', '2027-04-03T16:30Z', '2027-04-10T16:30Z'],
    ['Australia/Lord_Howe', 105, '2027-04-02T00:00:00Z', '2027-04-03T14:45Z', '2027-04-03T15:15Z', '2027-04-10T15:15Z'],
  ])('%s minute %i', (zone, minute, after, first, second, nextWeek) => {
    const t: WeeklyTime = { weekday: 0, minute };
    const once = nextWeeklyOccurrence(t, zone, at(after));
    expect(iso(once)).toBe(first);
    // Both readings exist, but only the first is used; from either, the next is a week on.
    const local = wallClock(once, zone);
    expect(localOccurrences(local, minute, zone).map(iso)).toEqual([first, second]);
    expect(iso(nextWeeklyOccurrence(t, zone, once))).toBe(nextWeek);
    expect(iso(nextWeeklyOccurrence(t, zone, at(second) - 60_000))).toBe(nextWeek);
    expect(iso(nextWeeklyOccurrence(t, zone, at(second)))).toBe(nextWeek);
  });
});

describe('nextWeeklyOccurrence: walking 60 weeks', () => {
  const times: WeeklyTime[] = [
    SUN_19,
    { weekday: 0, minute: 150 }, // in New York's and Sydney's gaps
    { weekday: 0, minute: 90 }, // in New York's and London's overlaps
    { weekday: 0, minute: 135 }, // in Lord Howe's gap
    { weekday: 0, minute: 105 }, // in Lord Howe's overlap
    { weekday: 6, minute: 1439 },
    { weekday: 1, minute: 0 },
  ];
  it.each(ZONES)('%s', (zone) => {
    for (const t of times) {
      let prev = at('2026-12-30T12:00:00Z');
      const seen = new Set<number>();
      const weeks = new Set<number>();
      for (let i = 0; i < 60; i++) {
        const next = nextWeeklyOccurrence(t, zone, prev);
        if (i > 0) {
          expect(next - prev).toBeGreaterThanOrEqual(6 * DAY);
          expect(next - prev).toBeLessThanOrEqual(8 * DAY);
        }
        expect(seen.has(next)).toBe(false);
        seen.add(next);
        weeks.add(startOfLocalWeek(next, zone));
        const p = wallClock(next, zone);
        // Either the exact wall time, or (in a gap) less than an hour later the same day.
        expect(p.weekday).toBe(t.weekday);
        const drift = p.hour * 60 + p.minute - t.minute;
        expect(drift === 0 || (drift > 0 && drift <= 60 && localOccurrences(p, t.minute, zone).length === 0)).toBe(true);
        prev = next;
      }
      expect(weeks.size).toBe(60);
    }
  });

  it('is strictly after `after`, within 8 days, for any zone, time and instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES, 'UTC', 'America/Santiago', 'Asia/Beirut', 'Pacific/Chatham'),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
        (zone, weekday, minute, after) => {
          const next = nextWeeklyOccurrence({ weekday, minute }, zone, after);
          expect(next).toBeGreaterThan(after);
          expect(next - after).toBeLessThanOrEqual(8 * DAY);
          expect(wallClock(next, zone).weekday).toBe(weekday);
          // Nothing earlier in between would do.
          const again = nextWeeklyOccurrence({ weekday, minute }, zone, next);
          expect(again - next).toBeGreaterThanOrEqual(6 * DAY);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a malformed weekly time as a bug', () => {
    expect(() => nextWeeklyOccurrence({ weekday: 7, minute: 0 }, 'UTC', 0)).toThrow(RangeError);
    expect(() => nextWeeklyOccurrence({ weekday: 0, minute: 1440 }, 'UTC', 0)).toThrow(RangeError);
  });
});

describe('startOfLocalWeek', () => {
  it('is Monday 00:00 local by default', () => {
    expect(iso(startOfLocalWeek(at('2027-03-17T12:00:00Z'), 'America/New_York'))).toBe('2027-03-15T04:00Z');
    expect(iso(startOfLocalWeek(at('2027-03-15T03:59:00Z'), 'America/New_York'))).toBe('2027-03-08T05:00Z');
    expect(iso(startOfLocalWeek(at('2027-03-14T13:15:00Z'), 'Asia/Kathmandu'))).toBe('2027-03-07T18:15Z');
    expect(iso(startOfLocalWeek(at('2027-03-14T13:15:00Z'), 'Asia/Kathmandu', 0))).toBe('2027-03-13T18:15Z');
  });

  it('starts at the first valid minute when midnight is skipped', () => {
    // Santiago and Beirut spring forward at midnight into Sunday.
    const santiago = startOfLocalWeek(at('2027-09-08T12:00:00Z'), 'America/Santiago', 0);
    expect(formatLocal(santiago, 'America/Santiago')).toBe('2027-09-05 01:00');
    const beirut = startOfLocalWeek(at('2027-03-30T12:00:00Z'), 'Asia/Beirut', 0);
    expect(formatLocal(beirut, 'Asia/Beirut')).toBe('2027-03-28 01:00');
  });
});

describe('parseWeeklyTime and formatWeeklyTime', () => {
  it.each([
    ['sun 19:00', 0, 1140],
    ['Sunday 7pm', 0, 1140],
    ['mon 08:30', 1, 510],
    ['fri 9am', 5, 540],
    ['  SAT   7:30 pm ', 6, 1170],
    ['every Thursday at 18:15', 4, 1095],
    ['tues 12am', 2, 0],
    ['wed noon', 3, 720],
    ['19:00 sun', 0, 1140],
    ['sundays 21h', 0, 1260],
    ['thurs 07', 4, 420],
  ])('%s', (text, weekday, minute) => {
    expect(parseWeeklyTime(text)).toEqual({ weekday, minute });
  });

  it.each([
    ['', /day and a time/],
    ['19:00', /Which day\?/],
    ['sunday', /What time on Sunday\?.*"sun 19:00"/],
    ['sun 7', /7am or 7pm\?/],
    ['sun 25:00', /couldn't read "sun 25:00"/],
    ['sun 13pm', /couldn't read/],
    ['sun 19:75', /couldn't read/],
    ['sun mon 19:00', /one day only/],
    ['sun 24:00', /00:00 on the next day/],
    ['funday 19:00', /couldn't read/],
  ])('refuses %j with a hint', (text, message) => {
    expect(() => parseWeeklyTime(text)).toThrow(UserError);
    expect(() => parseWeeklyTime(text)).toThrow(message);
  });

  it('formats as "Sunday 19:00" and reads its own output back', () => {
    expect(formatWeeklyTime({ weekday: 0, minute: 1140 })).toBe('Sunday 19:00');
    expect(formatWeeklyTime({ weekday: 1, minute: 5 })).toBe('Monday 00:05');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1439 }), (weekday, minute) => {
        expect(parseWeeklyTime(formatWeeklyTime({ weekday, minute }))).toEqual({ weekday, minute });
      }),
    );
  });
});
