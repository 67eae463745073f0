import { describe, expect, it } from 'vitest';
import { CoopActivitySwitch } from '../../src/db/workspace-vault.ts';
import { INACTIVE_REASON } from '../../src/jobs/inactive-coops.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { silentLog } from '../support/harness.ts';
import { createWorld, type World } from './world.ts';

const isReminder = (text: string) => /^(Tomorrow|In \d+ hours|Soon):/.test(text);

// What a co-op's time away skipped comes back when it does. While its workspace has removed Breather, the jobs that
// only tell people something are skipped and plan nothing after them; when it installs again, whatever its open
// state still calls for is planned again: its open disputes' weekly reminder to the admins, once, soon after the
// return (never a reminder per week missed, never two at a time).

const switchOf = (w: World) => new CoopActivitySwitch(w.store, w.clock, silentLog);
const away = (w: World) => switchOf(w).deactivate('console', 'console', 'uninstalled');
const back = (w: World) => switchOf(w).activate('console', 'console');

type JobRow = { status: string; dueAt: string; lastError: string | null };
const jobsOf = (w: World, kind: string): JobRow[] =>
  w.store.db
    .prepare<[string], { status: string; due_at: number; last_error: string | null }>('SELECT status, due_at, last_error FROM jobs WHERE kind = ? ORDER BY id')
    .all(kind)
    .map((r) => ({ status: r.status, dueAt: new Date(r.due_at).toISOString().slice(0, 16), lastError: r.last_error }));
const remindersDone = (w: World) => jobsOf(w, 'dispute_reminder').filter((j) => j.status === 'done').map((j) => j.dueAt);
const pendingReminders = (w: World) => jobsOf(w, 'dispute_reminder').filter((j) => j.status === 'pending');
/** Everything Ana (the co-op's admin) was told of the open case: sent, queued, or held to be gathered. */
const caseReminders = (w: World) => w.toldTo('Ana').filter((m) => m.text.includes('still waits for a co-op admin'));

/** Ana (admin) asks for Saturday 6 March 19:00–23:00 (London, which is UTC in March); Ben sits. */
async function bookSit(w: World) {
  await w.say('Ana', '/coop setup timezone:Europe/London');
  for (const name of ['Ana', 'Ben']) await w.say(name, '/profile quiet:off');
  await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
  await w.say('Ben', '/swap volunteer id:1');
  await w.say('Ana', '/swap choose id:1 member:@ben');
}

/** The sit of `bookSit`; on Sunday Ben disputes it and nobody decides. */
async function openDispute(w: World) {
  await bookSit(w);
  await w.advanceUntil('2027-03-07T09:00:00Z');
  await w.say('Ben', '/swap dispute id:1');
  expect(pendingReminders(w).map((j) => j.dueAt)).toEqual(['2027-03-14T09:00']);
}

describe('a co-op back after its workspace removed Breather', () => {
  it('reminds its admins of a dispute still open once, soon after the return, and weekly again from then', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' }); // a Wednesday
    await openDispute(w);
    await w.advanceUntil('2027-03-10T12:00:00Z');
    away(w);
    await w.advanceUntil('2027-03-31T12:00:00Z'); // three weeks away: the reminder of 14 March is skipped
    expect(jobsOf(w, 'dispute_reminder')).toEqual([{ status: 'skipped', dueAt: '2027-03-14T09:00', lastError: INACTIVE_REASON }]);
    expect(caseReminders(w)).toEqual([]);

    back(w); // Wednesday 31 March, 12:00
    await w.advanceUntil('2027-04-01T12:00:00Z');
    // One reminder for the three weeks missed, at the return, with the open case in it.
    expect(remindersDone(w)).toEqual(['2027-03-31T12:00']);
    expect(caseReminders(w)).toHaveLength(1);
    expect(caseReminders(w)[0]?.text).toContain('#1');
    expect(pendingReminders(w).map((j) => j.dueAt)).toEqual(['2027-04-07T12:00']);

    await w.advanceUntil('2027-04-15T12:00:00Z');
    expect(remindersDone(w)).toEqual(['2027-03-31T12:00', '2027-04-07T12:00', '2027-04-14T12:00']);
    expect(pendingReminders(w)).toHaveLength(1);

    // Decided: nothing more is planned, not even by another return.
    await w.say('Ana', '/coop resolve id:1 pay:none');
    away(w);
    back(w);
    await w.advanceUntil('2027-05-01T12:00:00Z');
    expect(remindersDone(w)).toHaveLength(3);
    expect(pendingReminders(w)).toEqual([]);
  });

  it('keeps a reminder still to come where it is, and sends one however often the workspace goes and comes back', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await openDispute(w);
    away(w);
    await w.advanceUntil('2027-03-09T12:00:00Z');
    back(w); // before the reminder of 14 March: nothing was missed
    await w.advanceUntil('2027-03-15T12:00:00Z');
    expect(remindersDone(w)).toEqual(['2027-03-14T09:00']);

    away(w);
    await w.advanceUntil('2027-03-22T12:00:00Z'); // the reminder of 21 March is skipped
    back(w);
    away(w); // gone again before the tick that follows the return
    await w.advanceUntil('2027-03-23T12:00:00Z');
    back(w);
    away(w);
    back(w);
    await w.advanceUntil('2027-03-24T12:00:00Z');
    expect(remindersDone(w)).toEqual(['2027-03-14T09:00', '2027-03-23T12:00']);
    expect(caseReminders(w)).toHaveLength(2);
    expect(pendingReminders(w).map((j) => j.dueAt)).toEqual(['2027-03-30T12:00']);
  });

  it('a restart right after the return (its queue not yet drained) still plans the reminder, once', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await openDispute(w);
    away(w);
    await w.advanceUntil('2027-03-20T12:00:00Z');
    back(w);
    const restarted = new Scheduler(w.store, w.clock, silentLog);
    restarted.plan(); // the start-up sweep: it empties the queue and reads every co-op as it is
    restarted.plan();
    expect(pendingReminders(w).map((j) => j.dueAt)).toEqual(['2027-03-20T12:00']);
  });
});

// Words about a sit skipped while the co-op was away come back while they still have a point: each one's job keeps
// its grace (a reminder before the start, the halfway invitation before the end, the prompt to confirm within three
// days of the end), and the last one still to come stands for those missed before it.

const reminders = (w: World, name: string) => w.toldTo(name).filter((m) => isReminder(m.text));
const prompts = (w: World, name: string) => w.toldTo(name).filter((m) => /^(How did|Did) #1\b/.test(m.text));
const invitations = (w: World) => w.toldTo('Ben').filter((m) => m.text.startsWith('Halfway through #1'));
const statusesOf = (w: World, kind: string) => jobsOf(w, kind).map((j) => `${j.dueAt} ${j.status}`);

/** The sit of `bookSit`, on the Friday before it. */
async function sitBooked(w: World) {
  await bookSit(w);
  await w.advanceUntil('2027-03-05T12:00:00Z'); // Friday, before the first reminder
}

describe('words about a sit, when the co-op comes back', () => {
  it('the prompt to confirm a sit that ended while it was away comes at the return, once to each', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await sitBooked(w);
    away(w);
    await w.advanceUntil('2027-03-07T12:00:00Z'); // the sit was last night
    expect([prompts(w, 'Ana'), prompts(w, 'Ben')]).toEqual([[], []]);
    back(w);
    away(w);
    back(w);
    await w.advanceUntil('2027-03-08T12:00:00Z');
    expect(prompts(w, 'Ana')).toHaveLength(1);
    expect(prompts(w, 'Ana')[0]?.text).toMatch(/^How did #1 with Ben go\? I hope you had a lovely time\./);
    expect(prompts(w, 'Ben')).toHaveLength(1);
    // What was about the sit before it or during it is over: it stays skipped.
    expect([reminders(w, 'Ana'), reminders(w, 'Ben'), invitations(w)]).toEqual([[], [], []]);
    expect(statusesOf(w, 'completion_prompt')).toEqual(['2027-03-06T23:00 done', '2027-03-06T23:00 done']);
    expect(await w.say('Ana', '/swap done id:1')).toMatchObject({ text: expect.stringContaining('#1 is settled') });
  });

  it('a return more than three days after the sit asks nobody: it settles as booked a week after, as it would have', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await sitBooked(w);
    away(w);
    await w.advanceUntil('2027-03-10T12:00:00Z');
    back(w);
    await w.advanceUntil('2027-03-14T12:00:00Z');
    expect([prompts(w, 'Ana'), prompts(w, 'Ben')]).toEqual([[], []]);
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('completed');
  });

  it('before the sit, the reminder still to come is enough; when it was missed too, one comes at the return', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await sitBooked(w);
    away(w);
    await w.advanceUntil('2027-03-06T12:00:00Z'); // the day-before reminder was skipped
    back(w);
    await w.advanceUntil('2027-03-06T19:30:00Z');
    expect(reminders(w, 'Ana').map((m) => m.text.slice(0, 12))).toEqual(['In 2 hours: ']);
    expect(reminders(w, 'Ben')).toHaveLength(1);
    expect(statusesOf(w, 'reminder')).toEqual(['2027-03-05T19:00 skipped', '2027-03-05T19:00 skipped', '2027-03-06T17:00 done', '2027-03-06T17:00 done']);

    const late = createWorld({ start: '2027-03-03T12:00:00Z' });
    await sitBooked(late);
    away(late);
    await late.advanceUntil('2027-03-06T18:00:00Z'); // both reminders skipped; the sit starts in an hour
    back(late);
    await late.advanceUntil('2027-03-06T19:30:00Z');
    expect(reminders(late, 'Ana').map((m) => m.text.slice(0, 6))).toEqual(['Soon: ']);
    expect(reminders(late, 'Ben')).toHaveLength(1);
    expect(statusesOf(late, 'reminder')).toEqual(['2027-03-05T19:00 skipped', '2027-03-05T19:00 skipped', '2027-03-06T17:00 done', '2027-03-06T17:00 done']);
  });

  it('during the sit, the sitter’s halfway invitation comes at the return; after it, not at all', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await sitBooked(w);
    await w.advanceUntil('2027-03-06T20:00:00Z');
    away(w);
    await w.advanceUntil('2027-03-06T22:00:00Z'); // halfway was 21:00
    expect(invitations(w)).toEqual([]);
    back(w);
    await w.advanceUntil('2027-03-06T22:30:00Z');
    expect(invitations(w)).toHaveLength(1);

    const after = createWorld({ start: '2027-03-03T12:00:00Z' });
    await sitBooked(after);
    await after.advanceUntil('2027-03-06T20:00:00Z');
    away(after);
    await after.advanceUntil('2027-03-06T23:30:00Z');
    back(after);
    await after.advanceUntil('2027-03-07T12:00:00Z');
    expect(invitations(after)).toEqual([]);
    expect(prompts(after, 'Ana')).toHaveLength(1); // the prompt, due at 23:00, is still in its time
  });
});

describe('the admins’ note about new families, when the co-op comes back', () => {
  it('comes at a return within two days; after that the family is named in the next note', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' }); // Wednesday; the note goes at 18:00
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ana', '/profile quiet:off');
    await w.say('Ben', '/help');
    away(w);
    await w.advanceUntil('2027-03-04T12:00:00Z');
    back(w);
    await w.advanceUntil('2027-03-04T13:00:00Z');
    const notes = () => w.toldTo('Ana').filter((m) => m.text.includes('joined the co-op')).map((m) => m.text);
    expect(notes()).toEqual(['A new family joined the co-op: Ben. A friendly hello goes a long way.']);

    await w.say('Cat', '/help');
    away(w);
    await w.advanceUntil('2027-03-07T12:00:00Z'); // Wednesday's note skipped, more than two days ago
    back(w);
    await w.say('Dan', '/help');
    await w.advanceUntil('2027-03-07T19:00:00Z');
    expect(notes()).toHaveLength(2); // here gathered with Sunday's check-in
    expect(notes()[1]).toContain('2 new families joined the co-op: Cat and Dan.');
  });
});
