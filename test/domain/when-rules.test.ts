import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { readClock, shareMeridiem, type ClockAtom, type ClockOutcome } from '../../src/domain/when-rules.ts';
import { defaultDateOrder, formatWhen, formatWhenText, parseWhen, readWhen } from '../../src/domain/when.ts';

// The clock rules on their own, in wall minutes: no dates, no timezone, no chrono.
const bare = (hour: number): ClockAtom => ({ form: 'bare', hour, minute: 0, text: String(hour) });
const am = (hour: number, minute = 0): ClockAtom => ({ form: 'ampm', hour, minute, meridiem: 'am', text: `${hour}am` });
const pm = (hour: number, minute = 0): ClockAtom => ({ form: 'ampm', hour, minute, meridiem: 'pm', text: `${hour}pm` });
const h24 = (hour: number, minute = 0): ClockAtom => ({ form: '24h', hour, minute, text: `${hour}:${minute}` });
const hm = (hour: number, minute = 0): ClockAtom => ({ form: 'clock', hour, minute, text: `${hour}:${minute}` });
const NOON: ClockAtom = { form: 'noon', hour: 12, minute: 0, text: 'noon' };
const MIDNIGHT: ClockAtom = { form: 'midnight', hour: 0, minute: 0, text: 'midnight' };

/** "19:00-23:00", "+" for an end on the next day, "?" for a note; several readings joined by " | ". */
function shown(outcome: ClockOutcome): string {
  if (outcome.kind === 'refused') return `refused ${outcome.reason}`;
  const t = (m: number): string => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return outcome.sits
    .map((s) => `${s.startDayOffset ? '+' : ''}${t(s.start)}${s.end === null ? '' : `-${s.end >= 1440 && !s.startDayOffset ? '+' : ''}${t(s.end)}`}${s.note ? '?' : ''}`)
    .join(' | ');
}

describe('the clock rules (when-rules.ts)', () => {
  it('1: 24-hour times are read as written and never moved to p.m.', () => {
    expect(shown(readClock(h24(18), h24(8), null))).toBe('18:00-+08:00');
    expect(shown(readClock(h24(7), h24(11), null))).toBe('07:00-11:00');
    expect(shown(readClock(hm(7, 30), bare(11), null))).toBe('07:30-11:00');
    expect(shown(readClock(h24(18), hm(8), null))).toBe('18:00-+08:00');
  });

  it('1: an H:MM end after a start that is not plainly 24-hour may be p.m.', () => {
    expect(shown(readClock(hm(12, 30), hm(1, 30), null))).toBe('12:30-13:30');
    expect(shown(readClock(hm(10), hm(2), null))).toBe('10:00-14:00');
  });

  it('2: am/pm on one side goes to the other when that makes a same-day sit', () => {
    expect(shareMeridiem(bare(7), pm(11))[0]).toMatchObject({ form: 'ampm', meridiem: 'pm' });
    expect(shown(readClock(bare(7), pm(11), null))).toBe('19:00-23:00');
    expect(shown(readClock(hm(6, 30), pm(10, 30), null))).toBe('18:30-22:30');
    expect(shown(readClock(bare(11), pm(2), null))).toBe('11:00-14:00');
    expect(shown(readClock(bare(9), am(1), null))).toBe('21:00-+01:00');
  });

  it('3: an end before the start is overnight only from the afternoon on and for at most 16 h', () => {
    expect(shown(readClock(h24(19), hm(7, 30), null))).toBe('19:00-+07:30');
    expect(shown(readClock(h24(14), h24(6), null))).toBe('14:00-+06:00');
    expect(readClock(h24(13), h24(12), null)).toMatchObject({ kind: 'refused', reason: 'too-long', start: 780, end: 720 });
    expect(readClock(pm(6), am(11), null)).toMatchObject({ kind: 'refused', reason: 'too-long' });
    expect(readClock(h24(9), h24(5), null)).toMatchObject({ kind: 'refused', reason: 'before' });
    expect(readClock(am(9), am(1), null)).toMatchObject({ kind: 'refused', reason: 'before' });
  });

  it('4 and 5: a bare hour takes the half that makes the shortest sit; a bare start is never in the small hours', () => {
    expect(shown(readClock(bare(1), bare(3), null))).toBe('13:00-15:00');
    expect(shown(readClock(bare(12), bare(4), null))).toBe('12:00-16:00');
    expect(shown(readClock(NOON, bare(3), null))).toBe('12:00-15:00');
    expect(shown(readClock(pm(10), bare(2), null))).toBe('22:00-+02:00');
    expect(shown(readClock(h24(19), bare(1), null))).toBe('19:00-+01:00');
    expect(shown(readClock(bare(7), h24(23), null))).toBe('19:00-23:00');
  });

  it('6: the same length by day or overnight is read by day, and said as a guess', () => {
    expect(shown(readClock(bare(9), bare(5), null))).toBe('09:00-17:00?');
    expect(shown(readClock(bare(10), bare(2), null))).toBe('10:00-14:00?');
    const nine = readClock(bare(9), bare(5), null);
    expect(nine.kind === 'sits' && nine.sits[0]?.note).toBe('I took 9–5 as 09:00–17:00, not overnight.');
  });

  it('7: two same-day readings of the same length are asked, unless a word names the part of the day', () => {
    expect(shown(readClock(bare(7), bare(11), null))).toBe('07:00-11:00 | 19:00-23:00');
    expect(shown(readClock(bare(6), bare(10), null))).toBe('06:00-10:00 | 18:00-22:00');
    expect(shown(readClock(bare(7), null, null))).toBe('07:00 | 19:00');
    expect(shown(readClock(bare(7), bare(11), 'evening'))).toBe('19:00-23:00');
    expect(shown(readClock(bare(7), bare(11), 'morning'))).toBe('07:00-11:00');
    expect(shown(readClock(bare(9), bare(5), 'night'))).toBe('21:00-+05:00');
    expect(shown(readClock(bare(7), null, 'evening'))).toBe('19:00');
  });

  it('8: 12am and 12pm may be the other twelve; as written wins when no bare hour is in play', () => {
    expect(shown(readClock(pm(8), pm(12), null))).toBe('20:00-+00:00?');
    expect(shown(readClock(bare(10), pm(12), null))).toBe('10:00-12:00 | 22:00-+00:00?');
    expect(shown(readClock(pm(12), am(12), null))).toBe('12:00-+00:00');
    expect(shown(readClock(am(12), null, null))).toBe('00:00');
  });

  it('9: midnight ends the day; as a start it is the night after the day named', () => {
    expect(shown(readClock(pm(8), MIDNIGHT, null))).toBe('20:00-+00:00');
    expect(shown(readClock(MIDNIGHT, am(6), null))).toBe('+00:00-06:00?');
    expect(shown(readClock(NOON, MIDNIGHT, null))).toBe('12:00-+00:00');
  });

  it('11: the same clock time at both ends is refused', () => {
    expect(readClock(h24(19), h24(19), null)).toMatchObject({ kind: 'refused', reason: 'same' });
    expect(readClock(MIDNIGHT, MIDNIGHT, null)).toMatchObject({ kind: 'refused', reason: 'same' });
  });
});

describe('dates in the co-op’s order', () => {
  it('defaults from the timezone: most of the Americas month/day, Latin America and elsewhere day/month', () => {
    expect(defaultDateOrder('America/New_York')).toBe('mdy');
    expect(defaultDateOrder('America/Los_Angeles')).toBe('mdy');
    expect(defaultDateOrder('America/Toronto')).toBe('mdy');
    expect(defaultDateOrder('Pacific/Honolulu')).toBe('mdy');
    expect(defaultDateOrder('US/Eastern')).toBe('mdy');
    for (const zone of ['America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'America/Bogota', 'America/Lima', 'America/Santiago', 'America/Caracas', 'America/Mexico_City']) {
      expect(defaultDateOrder(zone), zone).toBe('dmy');
    }
    expect(defaultDateOrder('Europe/London')).toBe('dmy');
    expect(defaultDateOrder('Australia/Sydney')).toBe('dmy');
    expect(defaultDateOrder('UTC')).toBe('dmy');
  });

  it('reads 12/5 as 12 May in a UK co-op and December 5 in a US one, taking the order from the timezone when not given', () => {
    const spring = Date.parse('2027-04-20T12:00:00Z');
    const uk = parseWhen('12/5 7pm-11pm', { now: spring, timezone: 'Europe/London' });
    expect(formatWhen(uk.startsAt, uk.endsAt, 'Europe/London')).toBe('Wed 12 May, 19:00–23:00');
    const autumn = Date.parse('2026-11-22T12:00:00Z');
    const us = parseWhen('12/5 7pm-11pm', { now: autumn, timezone: 'America/New_York' });
    expect(formatWhen(us.startsAt, us.endsAt, 'America/New_York', 'mdy')).toBe('Sat Dec 5, 19:00–23:00');
    expect(() => parseWhen('12/5 7pm-11pm', { now: autumn, timezone: 'America/New_York', dateOrder: 'dmy' })).toThrow(/120 days/);
  });
});

describe('parseWhen for callers that cannot ask yet, and the canonical echo', () => {
  const ctx = { now: Date.parse('2026-11-22T12:00:00Z'), timezone: 'Europe/London', dateOrder: 'dmy' as const };

  it('turns a question into a refusal that names the choices and how to type each', () => {
    let message = '';
    try {
      parseWhen('sat 7 to 11', ctx);
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      message = (error as UserError).message;
    }
    expect(message).toBe(
      '"sat 7 to 11" could be Sat 19:00–23:00 (4 h) or Sat 07:00–11:00 (4 h). Say which, like `2026-11-28 19:00-23:00` or `2026-11-28 07:00-11:00`.',
    );
  });

  it('passes a guess on with the reading', () => {
    expect(parseWhen('sat 9-5', ctx)).toMatchObject({ guessed: 'I took 9–5 as 09:00–17:00, not overnight.' });
    expect(parseWhen('sat 19:00-23:00', ctx)).not.toHaveProperty('guessed');
  });

  it('a reading left alone when the other choice has passed says so', () => {
    const reading = readWhen('today 7 to 11', ctx);
    expect(reading).toMatchObject({ kind: 'read', guessed: 'I took "today 7 to 11" as Sun 19:00–23:00 (4 h).' });
  });

  it('writes a range when it reads back, else a start and a length', () => {
    const at = (iso: string): number => Date.parse(iso);
    expect(formatWhenText(at('2026-11-28T19:00Z'), at('2026-11-28T23:00Z'), 'Europe/London')).toBe('2026-11-28 19:00-23:00');
    expect(formatWhenText(at('2026-11-28T22:00Z'), at('2026-11-29T02:00Z'), 'Europe/London')).toBe('2026-11-28 22:00-02:00');
    expect(formatWhenText(at('2026-11-28T19:00Z'), at('2026-11-29T15:00Z'), 'Europe/London')).toBe('2026-11-28 19:00 20h');
    expect(formatWhenText(at('2026-11-28T19:00Z'), at('2026-11-28T19:45Z'), 'Europe/London')).toBe('2026-11-28 19:00-19:45');
    // 00:00 BST to the second 01:30 of the night the clocks go back: only a length says that.
    expect(formatWhenText(at('2026-10-24T23:00Z'), at('2026-10-25T01:30Z'), 'Europe/London')).toBe('2026-10-25 00:00 2h30');
  });
});
