import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ICAL from 'ical.js';
import {
  buildSwapCalendar,
  escapeText,
  foldLine,
  swapCalendarFileName,
  swapCalendarUid,
  type SwapCalendarEvent,
} from '../../src/domain/calendar.ts';

const at = (iso: string): number => Date.parse(iso);
const octets = (s: string): number => new TextEncoder().encode(s).length;

const base: SwapCalendarEvent = {
  uid: swapCalendarUid(12, '0123abcd'),
  sequence: 0,
  startsAt: at('2027-03-13T19:00:00-05:00'),
  endsAt: at('2027-03-13T23:00:00-05:00'),
  summary: 'Babysitting swap: Ana sits for the Okafors',
  now: at('2027-03-12T19:00:00Z'),
};

function parse(text: string): { cal: ICAL.Component; vevent: ICAL.Component; event: ICAL.Event } {
  const cal = new ICAL.Component(ICAL.parse(text));
  const vevent = cal.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { cal, vevent, event: new ICAL.Event(vevent) };
}

/** Physical lines, after checking every line ends with CRLF and none is longer than 75 octets. */
function physicalLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
  return lines;
}

describe('buildSwapCalendar', () => {
  it('is a VCALENDAR with one VEVENT at the right UTC instants, and a one-hour alarm', () => {
    const text = buildSwapCalendar({ ...base, location: '14 Elm St', description: 'Two kids, bedtime 8pm' });
    const lines = physicalLines(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toEqual(expect.arrayContaining([
      'VERSION:2.0',
      'METHOD:PUBLISH',
      'UID:swap-12.0123abcd@breather',
      'SEQUENCE:0',
      'STATUS:CONFIRMED',
      'DTSTAMP:20270312T190000Z',
      'DTSTART:20270314T000000Z',
      'DTEND:20270314T040000Z',
    ]));
    expect(lines.some((l) => l.startsWith('PRODID:-//Breather//'))).toBe(true);

    const { cal, vevent, event } = parse(text);
    expect(cal.name).toBe('vcalendar');
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(event.uid).toBe('swap-12.0123abcd@breather');
    expect(event.startDate.toJSDate().getTime()).toBe(base.startsAt);
    expect(event.endDate.toJSDate().getTime()).toBe(base.endsAt);
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.summary).toBe(base.summary);
    expect(event.location).toBe('14 Elm St');
    expect(event.description).toBe('Two kids, bedtime 8pm');
    const stamp = vevent.getFirstPropertyValue('dtstamp');
    expect(stamp instanceof ICAL.Time && stamp.toJSDate().getTime()).toBe(base.now);

    const alarm = vevent.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
    const trigger = alarm?.getFirstPropertyValue('trigger');
    expect(trigger instanceof ICAL.Duration && trigger.toSeconds()).toBe(-3600);
    expect(alarm?.getFirstPropertyValue('description')).toBe(base.summary);
  });

  it('leaves out an empty description and location', () => {
    const text = buildSwapCalendar(base);
    expect(text).not.toMatch(/^(LOCATION|DESCRIPTION:(?!Babysitting))/m);
    expect(parse(text).event.location).toBeNull();
  });

  it('keeps commas, semicolons, backslashes and newlines in text through escaping', () => {
    const summary = 'Sit: Ana, Ben; the "Okafor" kids \\ pizza\nthen bed';
    const description = 'Line one,\r\nline two; with a \\n that is not a newline\rline three';
    const location = 'Flat 2; 14 Elm St, Springfield';
    const text = buildSwapCalendar({ ...base, summary, description, location });
    expect(text).toContain('SUMMARY:Sit: Ana\\, Ben\\; the "Okafor" kids \\\\ pizza\\nthen bed\r\n');
    const { event } = parse(text);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe('Line one,\nline two; with a \\n that is not a newline\nline three');
    expect(event.location).toBe(location);
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const description = `${'Bedtime is 8pm, stories first; '.repeat(12)}— merci, ça va 😊 ${'é'.repeat(90)}`;
    const text = buildSwapCalendar({ ...base, description });
    const lines = physicalLines(text);
    const start = lines.findIndex((l) => l.startsWith('DESCRIPTION:'));
    expect(lines[start + 1]?.startsWith(' ')).toBe(true);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    expect(lines.some((l) => octets(l) === 75)).toBe(true);
    expect(parse(text).event.description).toBe(description);
  });

  it('round-trips any text through ical.js', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ minLength: 1, maxLength: 120 }), (description, summary) => {
        const clean = (s: string): string => s.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        fc.pre(clean(summary) !== '');
        const text = buildSwapCalendar({ ...base, summary, description });
        physicalLines(text);
        const { event } = parse(text);
        expect(event.summary).toBe(clean(summary));
        if (clean(description) !== '') expect(event.description).toBe(clean(description));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an event that ends before it starts', () => {
    expect(() => buildSwapCalendar({ ...base, endsAt: base.startsAt })).toThrow(RangeError);
    expect(() => buildSwapCalendar({ ...base, now: Number.NaN })).toThrow(RangeError);
  });
});

describe('a sit called off or changed', () => {
  it('a cancellation is METHOD:CANCEL with the same UID, a higher SEQUENCE, STATUS:CANCELLED and no alarm', () => {
    const { cal, vevent, event } = parse(buildSwapCalendar({ ...base, sequence: 2, cancelled: true }));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(2);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('an update keeps the UID and raises the SEQUENCE', () => {
    const first = parse(buildSwapCalendar(base)).event;
    const later = parse(buildSwapCalendar({ ...base, sequence: 1, summary: 'Babysitting: Cat sits for the Okafors' })).event;
    expect(later.uid).toBe(first.uid);
    expect(later.sequence).toBeGreaterThan(first.sequence);
  });
});

describe('helpers', () => {
  it('names swap events per installation, and files', () => {
    expect(swapCalendarUid(12, 'a1b2')).toBe('swap-12.a1b2@breather');
    expect(swapCalendarUid(12, 'a1b2')).not.toBe(swapCalendarUid(12, 'c3d4'));
    expect(swapCalendarFileName(12)).toBe('sit-12.ics');
  });

  it('escapes text and folds lines', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    expect(foldLine('x'.repeat(74) + 'é')).toBe(`${'x'.repeat(74)}\r\n é`);
  });
});
