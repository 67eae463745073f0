import { describe, expect, it } from 'vitest';
import { createWorld, isCheckin } from '../jobs/world.ts';

// A year of weekly check-ins in the zones DESIGN.md names, at times that fall into their DST gaps and overlaps.
const CASES = [
  { name: 'Nia', zone: 'America/New_York', time: '02:30', gap: { date: '2027-03-14', at: '03:00' } },
  { name: 'Lou', zone: 'Europe/London', time: '01:30', gap: { date: '2027-03-28', at: '02:00' } },
  { name: 'Syd', zone: 'Australia/Sydney', time: '02:30', gap: { date: '2027-10-03', at: '03:00' } },
  { name: 'Lord', zone: 'Australia/Lord_Howe', time: '02:15', gap: { date: '2027-10-03', at: '02:30' } },
  { name: 'Kat', zone: 'Asia/Kathmandu', time: '19:00', gap: undefined },
] as const;

describe('weekly check-ins across DST in five zones', () => {
  it('go once a week on Sunday at the chosen local time; a skipped time moves to the first minute after; a repeated one goes once', async () => {
    const w = createWorld({ start: '2026-12-31T00:00:00Z' });
    for (const c of CASES) {
      await w.say(c.name, `/profile timezone:${c.zone} quiet:off`);
      await w.say(c.name, `/checkin time when:"sun ${c.time}"`);
    }
    await w.advanceUntil('2028-01-01T00:00:00Z');
    for (const c of CASES) {
      const times = w.dmsTo(c.name).filter(isCheckin).map((n) => n.localTime ?? '');
      expect(times, c.zone).toHaveLength(52); // the Sundays of 2027 (local)
      expect(new Set(times.map((t) => t.slice(0, 10))).size, c.zone).toBe(52);
      for (const t of times) {
        const [date = '', clock = ''] = t.split(' ');
        expect(new Date(`${date}T12:00:00Z`).getUTCDay(), `${c.zone} ${t}`).toBe(0);
        expect(clock, `${c.zone} ${t}`).toBe(c.gap && date === c.gap.date ? c.gap.at : c.time);
      }
    }
  });
});
