import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { createWorld, isCheckin } from './world.ts';

// A tick on Discord and Slack works in short slices, each its own transaction, and lets the event loop run in
// between: a command arriving during a wave of check-ins is answered after one slice, not after the wave.

const SUNDAY_EVENING = Date.parse('2027-03-07T19:00:00Z');

async function waveOf(members: number) {
  const w = createWorld();
  for (let i = 0; i < members; i++) w.dispatcher.join({ platform: 'console', coopRef: 'console', member: { ref: `p${i}`, name: `Parent${i}` } });
  w.scheduler.plan();
  w.clock.set(SUNDAY_EVENING);
  return w;
}

const checkinRows = (w: ReturnType<typeof createWorld>) =>
  w.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE message LIKE '%did you take a break%'").get()?.n ?? 0;

describe('a tick in slices', () => {
  it('answers commands between slices, and runs every job once', async () => {
    const w = await waveOf(40);
    let pauses = 0;
    let answered: Reply | undefined;
    let rowsWhenAnswered = 0;
    const report = await w.scheduler.runDueInSlices(w.clock.now(), {
      sliceMs: 0, // at least one job per slice
      pause: async () => {
        pauses += 1;
        if (pauses === 5) {
          answered = w.run('Parent3', '/credits balance');
          rowsWhenAnswered = checkinRows(w);
        }
      },
    });
    expect(report.done).toBe(41); // the check-ins and the daily prune
    expect(pauses).toBeGreaterThanOrEqual(40);
    expect(answered?.text).toMatch(/^You have/);
    expect(rowsWhenAnswered).toBeGreaterThan(0);
    expect(rowsWhenAnswered).toBeLessThan(40);
    expect(checkinRows(w)).toBe(40);
    await w.deliver();
    expect(w.sent.filter(isCheckin)).toHaveLength(40);
  });

  it('stops after the slice in hand when the process is stopping; the rest runs next time', async () => {
    const w = await waveOf(20);
    let pauses = 0;
    const first = await w.scheduler.runDueInSlices(w.clock.now(), {
      sliceMs: 0,
      pause: async () => void (pauses += 1),
      stopped: () => pauses >= 3,
    });
    expect(first.done).toBeLessThan(20);
    expect(first.done + w.scheduler.runDue(w.clock.now()).done).toBe(21); // and the daily prune
    expect(checkinRows(w)).toBe(20);
  });

  it('plans in slices too', async () => {
    const w = createWorld();
    for (let i = 0; i < 30; i++) w.dispatcher.join({ platform: 'console', coopRef: 'console', member: { ref: `p${i}`, name: `Parent${i}` } });
    let pauses = 0;
    const report = await w.scheduler.planInSlices(w.clock.now(), { sliceMs: 0, pause: async () => void (pauses += 1) });
    expect(report.checkins).toBe(30);
    expect(pauses).toBeGreaterThan(0);
  });
});
