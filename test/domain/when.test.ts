import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { formatMoment, formatWhen, parseWhen } from '../../src/domain/when.ts';

// Sunday 22 Nov 2026, 12:00 UTC: London 12:00, New York 07:00, Sydney 23:00, Kathmandu 17:45, all on Sunday.
const NOW = Date.parse('2026-11-22T12:00:00Z');

type Zone = 'Europe/London' | 'America/New_York' | 'Australia/Sydney' | 'Asia/Kathmandu';
const ZONES: Zone[] = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu'];

function read(text: string, timezone: string, now = NOW): [string, string] {
  const { startsAt, endsAt } = parseWhen(text, { now, timezone });
  return [new Date(startsAt).toISOString(), new Date(endsAt).toISOString()];
}

function refusal(text: string, timezone: string, now = NOW): string {
  try {
    parseWhen(text, { now, timezone });
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused in ${timezone}`);
}

// Local wall times, then the exact UTC instants each zone must give.
const SAT_28_19_23: Record<Zone, [string, string]> = {
  'Europe/London': ['2026-11-28T19:00:00.000Z', '2026-11-28T23:00:00.000Z'],
  'America/New_York': ['2026-11-29T00:00:00.000Z', '2026-11-29T04:00:00.000Z'],
  'Australia/Sydney': ['2026-11-28T08:00:00.000Z', '2026-11-28T12:00:00.000Z'],
  'Asia/Kathmandu': ['2026-11-28T13:15:00.000Z', '2026-11-28T17:15:00.000Z'],
};
const DEC_5_19_23: Record<Zone, [string, string]> = {
  'Europe/London': ['2026-12-05T19:00:00.000Z', '2026-12-05T23:00:00.000Z'],
  'America/New_York': ['2026-12-06T00:00:00.000Z', '2026-12-06T04:00:00.000Z'],
  'Australia/Sydney': ['2026-12-05T08:00:00.000Z', '2026-12-05T12:00:00.000Z'],
  'Asia/Kathmandu': ['2026-12-05T13:15:00.000Z', '2026-12-05T17:15:00.000Z'],
};
const EXAMPLES: [string, Record<Zone, [string, string]>][] = [
  ['sat 19:00-23:00', SAT_28_19_23],
  ['saturday 19:00 to 23:00', SAT_28_19_23],
  ['sat 19-23', SAT_28_19_23],
  ['Sat 7PM \u2013 11PM', SAT_28_19_23],
  ['2026-12-05 19:00 4h', DEC_5_19_23],
  ['dec 5 7pm-11pm', DEC_5_19_23],
  ['5 dec 2026 19:00 for 4 hours', DEC_5_19_23],
  [
    'tomorrow 6pm for 3h', // Mon 23 Nov 18:00-21:00
    {
      'Europe/London': ['2026-11-23T18:00:00.000Z', '2026-11-23T21:00:00.000Z'],
      'America/New_York': ['2026-11-23T23:00:00.000Z', '2026-11-24T02:00:00.000Z'],
      'Australia/Sydney': ['2026-11-23T07:00:00.000Z', '2026-11-23T10:00:00.000Z'],
      'Asia/Kathmandu': ['2026-11-23T12:15:00.000Z', '2026-11-23T15:15:00.000Z'],
    },
  ],
  [
    'fri 7pm-1am', // Fri 27 Nov 19:00 to Sat 28 Nov 01:00
    {
      'Europe/London': ['2026-11-27T19:00:00.000Z', '2026-11-28T01:00:00.000Z'],
      'America/New_York': ['2026-11-28T00:00:00.000Z', '2026-11-28T06:00:00.000Z'],
      'Australia/Sydney': ['2026-11-27T08:00:00.000Z', '2026-11-27T14:00:00.000Z'],
      'Asia/Kathmandu': ['2026-11-27T13:15:00.000Z', '2026-11-27T19:15:00.000Z'],
    },
  ],
  [
    'next friday 8pm for 2.5 hours', // Fri 27 Nov 20:00-22:30
    {
      'Europe/London': ['2026-11-27T20:00:00.000Z', '2026-11-27T22:30:00.000Z'],
      'America/New_York': ['2026-11-28T01:00:00.000Z', '2026-11-28T03:30:00.000Z'],
      'Australia/Sydney': ['2026-11-27T09:00:00.000Z', '2026-11-27T11:30:00.000Z'],
      'Asia/Kathmandu': ['2026-11-27T14:15:00.000Z', '2026-11-27T16:45:00.000Z'],
    },
  ],
  [
    'sat 19:00 - sun 01:00', // two readings joined by us
    {
      'Europe/London': ['2026-11-28T19:00:00.000Z', '2026-11-29T01:00:00.000Z'],
      'America/New_York': ['2026-11-29T00:00:00.000Z', '2026-11-29T06:00:00.000Z'],
      'Australia/Sydney': ['2026-11-28T08:00:00.000Z', '2026-11-28T14:00:00.000Z'],
      'Asia/Kathmandu': ['2026-11-28T13:15:00.000Z', '2026-11-28T19:15:00.000Z'],
    },
  ],
  [
    '2026-12-05 19:00-01:00', // overnight after an explicit date
    {
      'Europe/London': ['2026-12-05T19:00:00.000Z', '2026-12-06T01:00:00.000Z'],
      'America/New_York': ['2026-12-06T00:00:00.000Z', '2026-12-06T06:00:00.000Z'],
      'Australia/Sydney': ['2026-12-05T08:00:00.000Z', '2026-12-05T14:00:00.000Z'],
      'Asia/Kathmandu': ['2026-12-05T13:15:00.000Z', '2026-12-05T19:15:00.000Z'],
    },
  ],
  [
    'sat noon-4pm',
    {
      'Europe/London': ['2026-11-28T12:00:00.000Z', '2026-11-28T16:00:00.000Z'],
      'America/New_York': ['2026-11-28T17:00:00.000Z', '2026-11-28T21:00:00.000Z'],
      'Australia/Sydney': ['2026-11-28T01:00:00.000Z', '2026-11-28T05:00:00.000Z'],
      'Asia/Kathmandu': ['2026-11-28T06:15:00.000Z', '2026-11-28T10:15:00.000Z'],
    },
  ],
];

describe('parseWhen: the examples, in four timezones', () => {
  for (const [text, expected] of EXAMPLES) {
    it.each(ZONES)(`${text} in %s`, (zone) => {
      expect(read(text, zone)).toEqual(expected[zone]);
    });
  }

  it('reads `today 18:00-20:30` where 18:00 is still ahead', () => {
    expect(read('today 18:00-20:30', 'Europe/London')).toEqual(['2026-11-22T18:00:00.000Z', '2026-11-22T20:30:00.000Z']);
    expect(read('today 18:00-20:30', 'America/New_York')).toEqual(['2026-11-22T23:00:00.000Z', '2026-11-23T01:30:00.000Z']);
    // Kathmandu is at 17:45: a quarter of an hour to spare.
    expect(read('today 18:00-20:30', 'Asia/Kathmandu')).toEqual(['2026-11-22T12:15:00.000Z', '2026-11-22T14:45:00.000Z']);
  });

  it('refuses `today 18:00-20:30` in Sydney, where it is already 23:00', () => {
    expect(refusal('today 18:00-20:30', 'Australia/Sydney')).toMatch(/Sun 22 Nov, 18:00 has already passed/);
  });
});

describe('parseWhen: which day', () => {
  it('counts today for a weekday while the time is still ahead', () => {
    // London is at Sunday 12:00.
    expect(read('sun 13:00-14:00', 'Europe/London')).toEqual(['2026-11-22T13:00:00.000Z', '2026-11-22T14:00:00.000Z']);
    expect(read('sun 11:00-12:00', 'Europe/London')).toEqual(['2026-11-29T11:00:00.000Z', '2026-11-29T12:00:00.000Z']);
    // New York is at Sunday 07:00, so 11:00 is still today.
    expect(read('sun 11:00-12:00', 'America/New_York')).toEqual(['2026-11-22T16:00:00.000Z', '2026-11-22T17:00:00.000Z']);
  });

  it('takes a bare clock time as today, or tomorrow once it has passed', () => {
    expect(read('19:00-23:00', 'Europe/London')).toEqual(['2026-11-22T19:00:00.000Z', '2026-11-22T23:00:00.000Z']);
    expect(read('19:00-23:00', 'Australia/Sydney')).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T12:00:00.000Z']);
  });

  it('uses the date the member sees, not the UTC date', () => {
    // At 2026-11-22T20:00Z it is already Monday 23 Nov 07:00 in Sydney: "tomorrow" is Tuesday there.
    const now = Date.parse('2026-11-22T20:00:00Z');
    expect(read('tomorrow 6pm for 3h', 'Australia/Sydney', now)).toEqual(['2026-11-24T07:00:00.000Z', '2026-11-24T10:00:00.000Z']);
    expect(read('tomorrow 6pm for 3h', 'Europe/London', now)).toEqual(['2026-11-23T18:00:00.000Z', '2026-11-23T21:00:00.000Z']);
  });

  it('moves a month-and-day that has passed this year to next year', () => {
    const now = Date.parse('2026-12-20T12:00:00Z');
    expect(read('jan 2 10:00 for 2h', 'Europe/London', now)).toEqual(['2027-01-02T10:00:00.000Z', '2027-01-02T12:00:00.000Z']);
  });

  it('reads other lengths and forms', () => {
    expect(read('sat 7pm for 2h30', 'Europe/London')).toEqual(['2026-11-28T19:00:00.000Z', '2026-11-28T21:30:00.000Z']);
    expect(read('sat 7pm for 90 min', 'Europe/London')).toEqual(['2026-11-28T19:00:00.000Z', '2026-11-28T20:30:00.000Z']);
    expect(read('sat 19:00-midnight', 'Europe/London')).toEqual(['2026-11-28T19:00:00.000Z', '2026-11-29T00:00:00.000Z']);
    expect(read('sat 19:00-23:00 for 4h', 'Europe/London')).toEqual(['2026-11-28T19:00:00.000Z', '2026-11-28T23:00:00.000Z']);
    expect(read('2026-12-05 19:00 - 2026-12-06 01:00', 'Europe/London')).toEqual(['2026-12-05T19:00:00.000Z', '2026-12-06T01:00:00.000Z']);
  });

  it('refuses an end at the same clock time as the start (a slip, not a 24-hour sit)', () => {
    expect(() => read('sat 19:00-19:00', 'Europe/London')).toThrow(/starts and ends at the same time/);
    // Issue 10: an overnight of more than 16 h is not plausible (was: read as 23 h 45); both days make it deliberate.
    expect(() => read('sat 19:00-18:45', 'Europe/London')).toThrow(/would be a 23\.75 h sit/);
    expect(read('sat 19:00 - sun 18:45', 'Europe/London')).toEqual(['2026-11-28T19:00:00.000Z', '2026-11-29T18:45:00.000Z']);
  });
});

describe('parseWhen: across DST changes', () => {
  it('an overnight sit in London as the clocks go back is 9 real hours', () => {
    const now = Date.parse('2026-10-20T12:00:00Z');
    expect(read('sat 7pm-3am', 'Europe/London', now)).toEqual(['2026-10-24T18:00:00.000Z', '2026-10-25T03:00:00.000Z']);
  });

  it('an overnight sit in New York as the clocks go back is 9 real hours', () => {
    const now = Date.parse('2026-10-28T12:00:00Z');
    expect(read('sat 10pm-6am', 'America/New_York', now)).toEqual(['2026-11-01T02:00:00.000Z', '2026-11-01T11:00:00.000Z']);
  });

  it('an overnight sit in Sydney as the clocks go forward is 7 real hours', () => {
    const now = Date.parse('2026-09-30T00:00:00Z');
    expect(read('sat 10pm-6am', 'Australia/Sydney', now)).toEqual(['2026-10-03T12:00:00.000Z', '2026-10-03T19:00:00.000Z']);
  });

  it('a time that happens twice is the first one', () => {
    const autumn = Date.parse('2026-10-20T12:00:00Z');
    expect(read('2026-10-25 01:30 for 1h', 'Europe/London', autumn)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  });

  it('a time that never happens moves to the first valid minute after the gap (DESIGN rule; was: shifted by the gap length)', () => {
    const spring = Date.parse('2027-03-01T12:00:00Z');
    // London 01:30 on 28 Mar 2027 does not exist: the sit starts at 02:00 BST (01:00Z), not 02:30 BST.
    expect(read('2027-03-28 01:30 for 1h', 'Europe/London', spring)).toEqual(['2027-03-28T01:00:00.000Z', '2027-03-28T02:00:00.000Z']);
    // New York 02:30 on 14 Mar 2027 → 03:00 EDT (07:00Z); an end in the gap moves the same way.
    expect(read('2027-03-14 01:00-02:30', 'America/New_York', spring)).toEqual(['2027-03-14T06:00:00.000Z', '2027-03-14T07:00:00.000Z']);
  });
});

describe('parseWhen: refusals', () => {
  const cases: [string, string, RegExp][] = [
    // Issue 10: a refusal names what was not understood.
    ['unreadable text', 'blah', /couldn't read that time: "blah" isn't a day or time I know\. Try `sat 19:00-23:00`/],
    ['empty text', '   ', /couldn't read that time/],
    ['two separate times', 'sat 19:00 and sun 10:00', /couldn't read that time/],
    ['words left over', 'sat 19:00-23:00 for 2 kids', /couldn't read "for 2 kids" as a time\. Put the number of children in kids:/],
    ['a month with no day', 'december 7pm for 2h', /couldn't read that time/],
    ['two lengths', 'sat 19:00 for 2h for 3h', /couldn't read that time/],
    ['no end and no length', 'sat 19:00', /^Add an end time or a length, like `sat 19:00-23:00` or `sat 19:00 for 4h`\.$/],
    ['no end and no length (tomorrow)', 'tomorrow 6pm', /Add an end time or a length/],
    ['no start time', 'sat for 3h', /Add a start time/],
    ['no time at all', 'tomorrow', /Add a start time/],
    ['a start in the past', 'today 06:00-07:00', /Sun 22 Nov, 06:00 has already passed\. Pick a time ahead/],
    ['a past date', '2026-11-01 19:00 2h', /Sun 1 Nov, 19:00 has already passed/],
    ['an end before the start', '2026-12-05 19:00 - 2026-12-05 17:00', /ends \(Sat 5 Dec, 17:00\) before it starts \(Sat 5 Dec, 19:00\)/],
    ['an end weekday before the start', 'sat 19:00 - sat 18:00', /before it starts/],
    ['a length over 24 h', 'sat 19:00 for 25h', /at most 24 h, and that one is 25 h/],
    ['explicit dates over 24 h', '2026-12-05 19:00 - 2026-12-06 20:00', /at most 24 h, and that one is 25 h/],
    ['a start over 120 days ahead', '2027-04-01 19:00 2h', /more than 120 days ahead\. Pick a start up to Mon 22 Mar 2027/],
    ['a zero length', 'sat 19:00 for 0h', /no length/],
    ['an end equal to an explicit start', '2026-12-05 19:00 - 2026-12-05 19:00', /no length/],
    ['an end and a length that disagree', 'sat 19:00-23:00 for 2h', /don't match/],
    ['a weekday that is not the date', 'fri 5 dec 19:00-23:00', /5 Dec 2026 is a Saturday, not a Friday/],
  ];
  for (const [what, text, message] of cases) {
    it.each(ZONES)(`refuses ${what} (${text}) in %s`, (zone) => {
      expect(refusal(text, zone)).toMatch(message);
    });
  }

  it('accepts a start just inside 120 days and refuses one just past it', () => {
    expect(read('2027-03-21 19:00 2h', 'Europe/London')).toEqual(['2027-03-21T19:00:00.000Z', '2027-03-21T21:00:00.000Z']);
    expect(refusal('2027-03-23 10:00 2h', 'Europe/London')).toMatch(/120 days/);
  });

  it('accepts exactly 24 h and a start at exactly now', () => {
    expect(read('sat 19:00 for 24h', 'Europe/London')).toEqual(['2026-11-28T19:00:00.000Z', '2026-11-29T19:00:00.000Z']);
    expect(read('today 12:00-13:00', 'Europe/London')).toEqual(['2026-11-22T12:00:00.000Z', '2026-11-22T13:00:00.000Z']);
  });

  it('keeps every refusal to one or two lines', () => {
    for (const [, text] of cases) expect(refusal(text, 'Europe/London').split('\n').length).toBeLessThanOrEqual(2);
  });

  it('treats an unknown timezone as a programming error, not a refusal', () => {
    expect(() => parseWhen('sat 19:00-23:00', { now: NOW, timezone: 'Mars/Olympus' })).toThrow(/Unknown timezone/);
    expect(() => parseWhen('sat 19:00-23:00', { now: NOW, timezone: 'Mars/Olympus' })).not.toThrow(UserError);
  });
});

describe('formatWhen', () => {
  it('shows a same-day sit on one day', () => {
    const [s, e] = DEC_5_19_23['Europe/London'].map(Date.parse) as [number, number];
    expect(formatWhen(s, e, 'Europe/London')).toBe('Sat 5 Dec, 19:00–23:00');
  });

  it('shows the same instants in the viewer’s own timezone', () => {
    const [s, e] = DEC_5_19_23['America/New_York'].map(Date.parse) as [number, number];
    expect(formatWhen(s, e, 'America/New_York')).toBe('Sat 5 Dec, 19:00–23:00');
    expect(formatWhen(s, e, 'Europe/London')).toBe('Sun 6 Dec, 00:00–04:00');
    expect(formatWhen(s, e, 'Asia/Kathmandu')).toBe('Sun 6 Dec, 05:45–09:45');
  });

  it('shows both days for an overnight sit', () => {
    expect(formatWhen(Date.parse('2026-12-04T19:00:00Z'), Date.parse('2026-12-05T01:00:00Z'), 'Europe/London')).toBe(
      'Fri 4 Dec, 19:00 – Sat 5 Dec, 01:00',
    );
  });

  it('shows years only across New Year', () => {
    expect(formatWhen(Date.parse('2026-12-31T22:00:00Z'), Date.parse('2027-01-01T02:00:00Z'), 'Europe/London')).toBe(
      'Thu 31 Dec 2026, 22:00 – Fri 1 Jan 2027, 02:00',
    );
  });

  it('formats a single moment', () => {
    expect(formatMoment(Date.parse('2026-11-28T08:00:00Z'), 'Australia/Sydney')).toBe('Sat 28 Nov, 19:00');
  });
});
