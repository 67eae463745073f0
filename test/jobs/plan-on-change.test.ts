import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { silentLog } from '../support/harness.ts';
import { createWorld, DAY } from './world.ts';

// The planning pass drains a queue the database fills when something that moves a weekly job changes, so a pass
// with nothing queued plans nothing and reads one empty table, however many members there are.

const queue = (w: ReturnType<typeof createWorld>) =>
  w.store.db.prepare<[], { kind: string; target: number }>('SELECT kind, target FROM plan_queue ORDER BY kind, target').all();
const pendingCheckin = (w: ReturnType<typeof createWorld>, name: string) => w.store.jobs.pendingForMember(w.memberId(name), 'checkin');

describe('planning on change', () => {
  it('plans a new member once, then a pass with nothing queued plans nothing', async () => {
    const w = createWorld();
    await w.say('Alice', '/help');
    await w.say('Bob', '/help');
    const coop = w.store.coops.find('console', 'console')!;
    expect(queue(w)).toEqual(
      expect.arrayContaining([
        { kind: 'checkin', target: w.memberId('Alice') },
        { kind: 'checkin', target: w.memberId('Bob') },
        { kind: 'coop_weekly', target: coop.id },
      ]),
    );
    expect(w.scheduler.plan()).toEqual({ checkins: 2, digests: 1, nudgeRounds: 1, swaps: 0 });
    expect(queue(w)).toEqual([]);
    expect(w.scheduler.plan()).toEqual({ checkins: 0, digests: 0, nudgeRounds: 0, swaps: 0 });
    expect(pendingCheckin(w, 'Alice')).toHaveLength(1);
  });

  it('re-plans only the member whose timezone, day or on/off changed', async () => {
    const w = createWorld();
    for (const name of ['Alice', 'Bob']) await w.say(name, '/profile timezone:Europe/London');
    w.scheduler.plan();
    const bobsJob = pendingCheckin(w, 'Bob')[0];

    await w.say('Alice', '/profile timezone:America/New_York');
    expect(queue(w)).toEqual([{ kind: 'checkin', target: w.memberId('Alice') }]);
    expect(w.scheduler.plan().checkins).toBe(1);
    expect(pendingCheckin(w, 'Alice').map((j) => j.signature)).toEqual(['0:1140:America/New_York']);
    expect(pendingCheckin(w, 'Bob')).toEqual([bobsJob]);

    await w.say('Bob', '/checkin off');
    await w.say('Bob', '/checkin on');
    w.scheduler.plan();
    expect(queue(w)).toEqual([]);
    expect(pendingCheckin(w, 'Bob')).toHaveLength(1);
  });

  it("moves everyone's check-in when an admin moves the co-op's day", async () => {
    const w = createWorld();
    for (const name of ['Alice', 'Bob']) await w.say(name, '/profile timezone:Europe/London');
    w.scheduler.plan();
    await w.say('Alice', '/coop setup timezone:Europe/London checkin:"wed 18:00"');
    const coop = w.store.coops.find('console', 'console')!;
    expect(queue(w)).toEqual([
      { kind: 'coop_checkins', target: coop.id },
      { kind: 'coop_weekly', target: coop.id },
    ]);
    expect(w.scheduler.plan()).toMatchObject({ checkins: 2, digests: 1 });
    for (const name of ['Alice', 'Bob']) expect(pendingCheckin(w, name).map((j) => j.signature)).toEqual(['3:1080:Europe/London']);
  });

  it('sweeps everything once per process, for changes made outside the triggers', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    w.scheduler.plan();
    // As an older build would have left it: no check-in planned, nothing queued.
    w.store.db.exec("UPDATE jobs SET status = 'cancelled' WHERE kind = 'checkin'");
    expect(w.scheduler.plan().checkins).toBe(0);
    const restarted = new Scheduler(w.store, w.clock, silentLog);
    expect(restarted.plan().checkins).toBe(1);
    expect(pendingCheckin(w, 'Alice')).toHaveLength(1);
  });

  it('plans the daily prune once, for the whole install', async () => {
    const w = createWorld();
    await w.say('Alice', '/help');
    w.scheduler.plan();
    w.scheduler.plan();
    const prunes = w.store.db.prepare<[], { subject: string; due_at: number }>("SELECT subject, due_at FROM jobs WHERE kind = 'prune'").all();
    expect(prunes).toEqual([{ subject: 'install', due_at: Date.parse('2027-03-04T04:30:00Z') }]);
    await w.advanceBy(2 * DAY);
    const after = w.store.db.prepare<[], { status: string }>("SELECT status FROM jobs WHERE kind = 'prune' ORDER BY due_at").all();
    expect(after.map((r) => r.status)).toEqual(['done', 'done', 'pending']);
  });
});
