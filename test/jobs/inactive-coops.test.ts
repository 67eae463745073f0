import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/core/types.ts';
import { HELD_WHILE_INACTIVE, STALE_WHILE_INACTIVE } from '../../src/db/repositories/coop-activity.ts';
import { CoopActivitySwitch } from '../../src/db/workspace-vault.ts';
import { INACTIVE_REASON } from '../../src/jobs/inactive-coops.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { silentLog } from '../support/harness.ts';
import { createWorld, DAY, isCheckin, type World } from './world.ts';

// A co-op whose workspace removed Breather (issue 12's uninstall or revoked token) is kept but sent nothing. Its
// check-ins, digests and nudges are not planned meanwhile, what it had pending is skipped with the reason, and the
// messages held for it go stale after a week: when it installs again, its members get this week's check-in, not a
// backlog of old ones all at once.

const note = (text: string): Notification => ({ destination: { kind: 'channel', platform: 'console', coopRef: 'console', channelRef: 'C1' }, message: { text } });
const coopOf = (w: World) => w.store.coops.find('console', 'console')!;
const hold = (w: World, text: string, at = w.clock.now()) => w.store.outbox.add({ coopId: coopOf(w).id, notification: note(text), at });
const outboxRow = (w: World, text: string) =>
  w.store.db.prepare<[string], { status: string; last_error: string | null }>('SELECT status, last_error FROM outbox WHERE message LIKE ?').get(`%${text}%`);
const jobs = (w: World, where: string) => w.store.db.prepare<[], { kind: string; status: string; last_error: string | null }>(`SELECT kind, status, last_error FROM jobs WHERE ${where}`).all();
const switchOf = (w: World) => new CoopActivitySwitch(w.store, w.clock, silentLog);

describe('a co-op whose workspace removed Breather', () => {
  it('gets nothing planned or sent while inactive, its stale messages are given up, and a reinstall sends only what is fresh', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' }); // a Wednesday; check-ins Sunday 19:00
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.say('Bob', '/profile timezone:Europe/London');
    await w.say('Alice', '/swap request when:"sat 19:00-23:00"');
    await w.say('Bob', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@Bob');
    const bobBefore = w.balanceOf('Bob');
    await w.advanceUntil('2027-03-05T12:00:00Z'); // Friday: the sit is tomorrow

    switchOf(w).deactivate('console', 'console', 'uninstalled');
    hold(w, 'held since the uninstall');
    const sentBefore = w.sent.length;
    await w.advanceUntil('2027-04-06T12:00:00Z'); // five Sundays later
    hold(w, 'held for two days');
    await w.advanceUntil('2027-04-08T12:00:00Z');

    expect(w.sent.length).toBe(sentBefore);
    // What was pending at the uninstall was skipped with the reason; nothing weekly is planned for later.
    expect(jobs(w, "kind = 'checkin' AND status = 'skipped'")).toEqual([
      { kind: 'checkin', status: 'skipped', last_error: INACTIVE_REASON },
      { kind: 'checkin', status: 'skipped', last_error: INACTIVE_REASON },
    ]);
    expect(jobs(w, "kind IN ('reminder', 'completion_prompt') AND status = 'skipped'").every((j) => j.last_error === INACTIVE_REASON)).toBe(true);
    expect(jobs(w, "status = 'pending' AND coop_id IS NOT NULL")).toEqual([]);
    new Scheduler(w.store, w.clock, silentLog).plan(); // a restart's sweep plans nothing for it either
    expect(jobs(w, "status = 'pending' AND coop_id IS NOT NULL")).toEqual([]);
    // Settling keeps to the deadline the co-op was told: the sit settled as booked a week after it.
    expect(w.store.swaps.findByNumber(coopOf(w).id, 1)?.status).toBe('completed');
    expect(w.balanceOf('Bob')).toBeGreaterThan(bobBefore);
    // The daily prune gave up what was held longer than a week, and kept the rest waiting.
    expect(outboxRow(w, 'held since the uninstall')).toEqual({ status: 'failed', last_error: STALE_WHILE_INACTIVE });
    expect(outboxRow(w, 'held for two days')?.status).toBe('pending');

    switchOf(w).activate('console', 'console');
    await w.advanceUntil('2027-04-12T12:00:00Z'); // past Sunday 11 April
    const after = w.sent.slice(sentBefore);
    expect(after.filter((n) => !isCheckin(n)).map((n) => n.message.text)).toEqual(['held for two days']);
    expect(after.filter(isCheckin).map((n) => n.localTime)).toEqual(['2027-04-11 19:00', '2027-04-11 19:00']);
    expect(jobs(w, "kind IN ('checkin', 'digest', 'nudge_round') AND status = 'pending'").map((j) => j.kind).sort()).toEqual(['checkin', 'checkin', 'digest', 'nudge_round']);
  });

  it('a reinstall before the daily prune still sends nothing older than a week', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await w.say('Alice', '/help');
    switchOf(w).deactivate('console', 'console', 'tokens_revoked');
    const sentBefore = w.sent.length;
    hold(w, 'eight days old', w.clock.now() - 8 * DAY);
    hold(w, 'six days old', w.clock.now() - HELD_WHILE_INACTIVE + DAY);
    switchOf(w).activate('console', 'console');
    await w.deliver();
    expect(w.sent.slice(sentBefore).map((n) => n.message.text)).toEqual(['six days old']);
    expect(outboxRow(w, 'eight days old')).toEqual({ status: 'failed', last_error: STALE_WHILE_INACTIVE });
  });

  it('an active co-op’s waiting messages are never given up by age, by a start or by the prune', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await w.say('Alice', '/help');
    hold(w, 'a month late', w.clock.now() - 30 * DAY);
    switchOf(w).activate('console', 'console'); // what a start in single-token mode does
    expect(w.store.retention.prune({ invocations: 0, sent: 0, failed: 0, finishedJobs: 0, unprompted: 0, heldWhileInactive: w.clock.now() }, 100).heldWhileInactive).toBe(0);
    await w.deliver();
    expect(w.sent.map((n) => n.message.text)).toContain('a month late');
  });
});
