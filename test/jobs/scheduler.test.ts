import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catchUp } from '../../src/jobs/console-advance.ts';
import { startScheduler } from '../../src/jobs/cron.ts';
import { dmFromJob, type JobHandler } from '../../src/jobs/job-run.ts';
import { jobRetryDelay, MAX_JOB_ATTEMPTS, Scheduler } from '../../src/jobs/scheduler.ts';
import { silentLog } from '../support/harness.ts';
import { createWorld, DAY, HOUR, isCheckin, isReminder, MINUTE } from './world.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breather-jobs-'));
  dirs.push(dir);
  return join(dir, 'breather.db');
}

const outboxCount = (w: ReturnType<typeof createWorld>) =>
  w.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;

describe('durable jobs', () => {
  it('claims a due job, writes its message and plans the next week in one go; running again sends nothing twice', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    w.scheduler.plan();
    const [job] = w.store.jobs.pendingForMember(w.memberId('Alice'), 'checkin');
    expect(job?.dueAt).toBe(Date.parse('2027-03-07T19:00:00Z'));
    w.clock.set(job!.dueAt);
    const before = outboxCount(w);
    expect(w.scheduler.runDue()).toMatchObject({ done: 2 }); // the check-in, and the daily prune due since Thursday
    expect(outboxCount(w)).toBe(before + 1);
    expect(w.store.jobs.get(job!.id)?.status).toBe('done');
    expect(w.store.jobs.pendingForMember(w.memberId('Alice'), 'checkin')[0]?.dueAt).toBe(Date.parse('2027-03-14T19:00:00Z'));
    expect(w.scheduler.runDue()).toMatchObject({ done: 0 });
    w.scheduler.plan();
    expect(w.scheduler.runDue()).toMatchObject({ done: 0 });
    expect(outboxCount(w)).toBe(before + 1);
  });

  it('rolls back a job that throws, retries it with back-off, and gives up after a few attempts', () => {
    const w = createWorld();
    w.run('Alice', '/help');
    const memberId = w.memberId('Alice');
    const coop = w.store.coops.find('console', 'console')!;
    const boom: JobHandler = {
      run(run) {
        dmFromJob(run, coop, w.store.members.get(memberId), { text: 'half-done' }, { kind: 'answer' });
        throw new Error('boom');
      },
    };
    const scheduler = new Scheduler(w.store, w.clock, silentLog, { boom });
    w.store.transaction(() =>
      w.store.jobs.plan({ kind: 'boom', subject: 'test', coopId: coop.id, memberId, dueAt: w.clock.now(), graceMs: null, key: 'boom:1' }, w.clock.now()),
    );
    const before = outboxCount(w);
    const retries: number[] = [];
    for (let i = 0; i < MAX_JOB_ATTEMPTS; i++) {
      const job = w.store.jobs.findByKey('boom:1')!;
      w.clock.set(job.nextAttemptAt);
      scheduler.runDue();
      const after = w.store.jobs.findByKey('boom:1')!;
      if (after.status === 'pending') retries.push(after.nextAttemptAt - w.clock.now());
    }
    expect(outboxCount(w)).toBe(before);
    expect(retries).toEqual([0, 1, 2, 3].map(jobRetryDelay));
    const last = w.store.jobs.findByKey('boom:1')!;
    expect(last).toMatchObject({ status: 'failed', attempts: MAX_JOB_ATTEMPTS, lastError: 'boom' });
  });

  it('runs each job once when two processes tick the same database', async () => {
    const path = tempDb();
    const a = createWorld({ path });
    for (const name of ['Alice', 'Bob', 'Carol']) await a.say(name, '/profile timezone:Europe/London');
    a.scheduler.plan();
    const b = createWorld({ path, start: '2027-03-07T19:00:00Z' });
    a.clock.set(Date.parse('2027-03-07T19:00:00Z'));
    a.scheduler.runDue();
    b.scheduler.runDue();
    a.scheduler.runDue();
    const rows = a.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE message LIKE '%did you take a break%'").get();
    expect(rows?.n).toBe(3);
    a.store.db.close();
    b.store.db.close();
  });
});

describe('after downtime', () => {
  it('sends what is still within its grace, skips and logs the rest, and never bursts', async () => {
    const w = createWorld();
    for (const name of ['Alice', 'Bob', 'Carol']) await w.say(name, '/profile timezone:Europe/London quiet:off');
    await w.say('Alice', '/swap request when:"tue 19:00-22:00"'); // Tuesday 9 March
    await w.say('Bob', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@bob');
    await w.say('Carol', '/break log');
    await w.advanceUntil('2027-03-06T12:00:00Z');
    w.sent.length = 0;
    // Down from Saturday noon to Tuesday noon: Sunday's check-ins, Monday's digest and the 24 h reminder fell due.
    w.clock.set(Date.parse('2027-03-09T12:00:00Z'));
    await catchUp({ clock: w.clock, scheduler: w.scheduler, relay: w.relay });
    expect(w.sent.filter(isCheckin)).toHaveLength(0);
    expect(w.posts()).toHaveLength(0);
    const reminders = w.sent.filter(isReminder);
    expect(reminders.map((n) => n.message.text.slice(0, 11))).toEqual(['In 7 hours:', 'In 7 hours:']);
    // What waited for the week's room (Alice's note of new families) went once.
    const gathered = w.sent.filter((n) => n.message.text.startsWith('While you were away'));
    expect(gathered.map((n) => (n.destination.kind === 'dm' ? n.destination.memberName : ''))).toEqual(['Alice']);
    expect(w.sent).toHaveLength(3);
    const skipped = w.store.db
      .prepare<[], { kind: string; last_error: string }>("SELECT kind, last_error FROM jobs WHERE status = 'skipped' ORDER BY kind")
      .all();
    expect(skipped.map((s) => s.kind)).toEqual(['checkin', 'checkin', 'checkin', 'digest']);
    expect(skipped.every((s) => s.last_error.startsWith('too late'))).toBe(true);
    // and life goes on: next Sunday's check-ins are planned
    await w.advanceUntil('2027-03-14T19:00:00Z');
    expect(w.sent.filter(isCheckin)).toHaveLength(3);
  });

  it('still sends a check-in that is late by less than six hours', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London quiet:off');
    w.scheduler.plan();
    w.clock.set(Date.parse('2027-03-07T19:00:00Z') + 6 * HOUR - MINUTE);
    await catchUp({ clock: w.clock, scheduler: w.scheduler, relay: w.relay });
    expect(w.dmsTo('Alice').filter(isCheckin).map((n) => n.localTime)).toEqual(['2027-03-08 00:59']);
  });
});

describe('restart safety', () => {
  it('delivers a job claimed before a stop exactly once after the restart, and never a second check-in that week', async () => {
    const path = tempDb();
    const first = createWorld({ path });
    await first.say('Alice', '/profile timezone:Europe/London');
    first.scheduler.plan();
    first.clock.set(Date.parse('2027-03-07T19:00:00Z'));
    first.scheduler.runDue(); // claimed and written to the outbox ...
    first.store.db.close(); // ... and the process stops before delivering it
    expect(first.sent.filter(isCheckin)).toHaveLength(0);

    const second = createWorld({ path, start: '2027-03-07T19:03:00Z' });
    await catchUp({ clock: second.clock, scheduler: second.scheduler, relay: second.relay });
    expect(second.sent.filter(isCheckin).map((n) => n.localTime)).toEqual(['2027-03-07 19:00']);
    await second.say('Alice', '/checkin time when:"sun 21:00"');
    await second.say('Alice', '/profile timezone:Europe/Paris');
    await second.advanceBy(6 * DAY);
    expect(second.sent.filter(isCheckin)).toHaveLength(1);
    await second.advanceBy(2 * DAY);
    expect(second.sent.filter(isCheckin)).toHaveLength(2);
    const weeks = second.store.jobs;
    expect(weeks.findByKey(`checkin:${second.memberId('Alice')}:2027-03-01`)?.status).toBe('done');
    second.store.db.close();
  });
});

describe('the node-cron tick (Discord and Slack)', () => {
  it('ticks once at start — planning, running what is due, delivering — and stops cleanly', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    w.scheduler.plan();
    w.clock.set(Date.parse('2027-03-07T19:00:00Z'));
    const running = startScheduler({ store: w.store, clock: w.clock, log: silentLog, relay: w.relay, expression: '0 0 1 1 *' });
    await running.tick(); // the start-up tick, already under way, or a fresh one: either way it completes
    await running.tick();
    await running.stop();
    expect(w.dmsTo('Alice').filter(isCheckin).map((n) => n.localTime)).toEqual(['2027-03-07 19:00']);
  });
});
