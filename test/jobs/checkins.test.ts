import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Notification } from '../../src/core/types.ts';
import { createWorld, DAY, isCheckin, type World } from './world.ts';

const weekday = (localTime: string | undefined) => new Date(`${localTime?.slice(0, 10)}T12:00:00Z`).getUTCDay();
const checkinsOf = (w: World, name: string) => w.dmsTo(name).filter(isCheckin);
const buttons = (n: Notification | undefined) => (n?.message.cards ?? []).flatMap((c) => c.buttons ?? []).map((b) => encodeAction(b.action));

describe('the weekly check-in', () => {
  it('arrives at 19:00 local on the co-op day in each member’s timezone, before and after both DST changes', async () => {
    const w = createWorld({ start: '2027-03-03T12:00:00Z' });
    await w.say('Alice', '/coop setup timezone:Europe/London checkin:"sun 19:00"');
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.say('Bob', '/profile timezone:America/New_York');
    await w.advanceUntil('2027-04-12T00:00:00Z');
    for (const name of ['Alice', 'Bob']) {
      const got = checkinsOf(w, name);
      expect(got.map((n) => n.localTime)).toEqual(
        ['2027-03-07', '2027-03-14', '2027-03-21', '2027-03-28', '2027-04-04', '2027-04-11'].map((d) => `${d} 19:00`),
      );
      expect(got.every((n) => weekday(n.localTime) === 0)).toBe(true);
    }
    // The instants really moved with the clocks: New York changed on 14 March, London on 28 March.
    const instants = (name: string) => w.store.jobs.pendingForMember(w.memberId(name), 'checkin').map((j) => j.dueAt);
    expect(instants('Bob')).toEqual([Date.parse('2027-04-18T23:00:00Z')]);
    expect(instants('Alice')).toEqual([Date.parse('2027-04-18T18:00:00Z')]);
  });

  it('moves a time skipped by spring-forward to the first valid minute after, and sends a repeated time once', async () => {
    const w = createWorld({ start: '2027-03-01T12:00:00Z' });
    await w.say('Nia', '/coop setup timezone:America/New_York checkin:"sun 02:30"');
    await w.say('Nia', '/profile timezone:America/New_York quiet:off');
    await w.advanceUntil('2027-03-22T00:00:00Z');
    expect(checkinsOf(w, 'Nia').map((n) => n.localTime)).toEqual(['2027-03-07 02:30', '2027-03-14 03:00', '2027-03-21 02:30']);

    const fall = createWorld({ start: '2027-11-01T12:00:00Z' });
    await fall.say('Nia', '/coop setup timezone:America/New_York checkin:"sun 01:30"');
    await fall.say('Nia', '/profile timezone:America/New_York quiet:off');
    await fall.advanceUntil('2027-11-15T00:00:00Z');
    const got = checkinsOf(fall, 'Nia');
    expect(got.map((n) => n.localTime)).toEqual(['2027-11-07 01:30', '2027-11-14 01:30']);
    const sent = fall.store.jobs.findByKey(`checkin:${fall.memberId('Nia')}:2027-11-01`);
    expect(sent?.dueAt).toBe(Date.parse('2027-11-07T05:30:00Z')); // the first 01:30 (EDT)
  });

  it('holds a check-in that falls in quiet hours until they end', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London quiet:"18:00-09:00"');
    await w.advanceUntil('2027-03-15T12:00:00Z');
    expect(checkinsOf(w, 'Alice').map((n) => n.localTime)).toEqual(['2027-03-08 09:00', '2027-03-15 09:00']);
  });

  it('obeys pause, resume, off, on and a personal time', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    const pause = await w.say('Alice', '/checkin pause until:2027-03-22');
    expect(pause.text).toContain('paused until Mon 22 Mar');
    await w.advanceUntil('2027-03-22T12:00:00Z');
    expect(checkinsOf(w, 'Alice')).toHaveLength(0); // 7 and 14 and 21 March: paused
    await w.advanceUntil('2027-03-29T12:00:00Z');
    expect(checkinsOf(w, 'Alice').map((n) => n.localTime)).toEqual(['2027-03-28 19:00']);

    await w.say('Alice', '/checkin pause until:"in 3 weeks"');
    await w.say('Alice', '/checkin resume');
    expect((await w.say('Alice', '/checkin off')).text).toContain("I won't ask again");
    await w.advanceUntil('2027-04-12T12:00:00Z');
    expect(checkinsOf(w, 'Alice')).toHaveLength(1);
    const on = await w.say('Alice', '/checkin on');
    expect(on.text).toContain('Next one: Sun 18 Apr, 19:00');
    const time = await w.say('Alice', '/checkin time when:"wed 12:30"');
    expect(time.text).toContain('Wednesday 12:30');
    await w.advanceUntil('2027-04-22T00:00:00Z');
    expect(checkinsOf(w, 'Alice').map((n) => n.localTime)).toEqual(['2027-03-28 19:00', '2027-04-14 12:30', '2027-04-21 12:30']);
  });

  it('never sends two check-ins in one week when the member moves their time', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.advanceUntil('2027-03-07T20:00:00Z'); // this week's went out at 19:00
    expect((await w.say('Alice', '/checkin time when:"sun 20:30"')).text).toContain('Next one: Sun 14 Mar, 20:30');
    await w.advanceUntil('2027-03-09T12:00:00Z');
    await w.say('Alice', '/checkin time when:"mon 15:00"'); // this week's Monday is past: next Monday
    await w.say('Alice', '/checkin time when:"wed 12:00"'); // still to come this week
    await w.advanceUntil('2027-03-18T00:00:00Z');
    expect(checkinsOf(w, 'Alice').map((n) => n.localTime)).toEqual(['2027-03-07 19:00', '2027-03-10 12:00', '2027-03-17 12:00']);
    const keys = w.store.jobs.pendingForMember(w.memberId('Alice'), 'checkin').map((j) => j.key);
    expect(keys).toEqual([`checkin:${w.memberId('Alice')}:2027-03-22`]);
  });

  it('follows the co-op when an admin moves the check-in day, and a member who moves timezone', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.say('Bob', '/profile timezone:Europe/London');
    await w.advanceUntil('2027-03-08T12:00:00Z');
    await w.say('Alice', '/coop setup timezone:Europe/London checkin:"sat 10:00"');
    await w.say('Bob', '/profile timezone:Asia/Kathmandu');
    await w.advanceUntil('2027-03-14T00:00:00Z');
    expect(checkinsOf(w, 'Alice').map((n) => n.localTime)).toEqual(['2027-03-07 19:00', '2027-03-13 10:00']);
    expect(checkinsOf(w, 'Bob').map((n) => n.localTime)).toEqual(['2027-03-07 19:00', '2027-03-13 10:00']);
    expect(w.store.jobs.findByKey(`checkin:${w.memberId('Bob')}:2027-03-08`)?.dueAt).toBe(Date.parse('2027-03-13T04:15:00Z'));
  });

  it('offers Yes, Not yet, Help me plan one, a pause and an opt-out in one tap each', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.advanceUntil('2027-03-08T00:00:00Z');
    const ids = buttons(checkinsOf(w, 'Alice')[0]);
    expect(ids).toEqual([
      'checkin.answer?reply=yes&week=2027-03-01',
      'checkin.answer?reply=notyet&week=2027-03-01',
      'checkin.answer?reply=plan&week=2027-03-01',
      'checkin.pause?until=2027-03-22',
      'checkin.off',
      'profile?pause=week',
    ]);
  });
});

describe('answers and the break log', () => {
  it('counts a Yes once, keeps a note with it, and keeps a private streak', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.advanceUntil('2027-03-08T08:00:00Z');
    expect(w.run('Alice', '/checkin answer reply:yes week:2027-03-01').text).toContain("That's wonderful");
    expect(w.run('Alice', '/checkin answer reply:yes week:2027-03-01').text).toContain('Already counted');
    w.clock.set(Date.parse('2027-03-09T12:00:00Z'));
    expect(w.run('Alice', '/break log').text).toContain("That's 2 weeks in a row");
    w.clock.set(Date.parse('2027-03-16T12:00:00Z'));
    w.run('Alice', '/checkin answer reply:yes');
    w.run('Alice', '/break log note:"swim at the lido"');
    const stats = w.run('Alice', '/break stats');
    expect(stats.visibility).toBe('private');
    expect(stats.text).toContain('This week: yes');
    expect(stats.text).toContain('Streak: 3 weeks in a row');
    expect(stats.text).toContain('All time: 3 breaks logged');
    expect(stats.text).toContain('swim at the lido');
    w.clock.set(Date.parse('2027-03-31T12:00:00Z'));
    expect(w.run('Alice', '/break stats').text).toContain('Streak: starts with your next break');
  });

  it('counts a sit where the member was sat for, and mentions it warmly', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London quiet:off');
    await w.say('Bob', '/swap offer when:"sat 19:00-22:00"');
    await w.say('Alice', '/swap book id:1');
    await w.advanceUntil('2027-03-08T00:00:00Z');
    const checkin = checkinsOf(w, 'Alice')[0];
    expect(checkin?.message.text).toContain('You had Bob looking after your kids on Sat 6 Mar, 19:00 — that counts');
    expect(checkinsOf(w, 'Bob')[0]?.message.text).not.toContain('looking after your kids');
    expect(w.run('Alice', '/break stats').text).toMatch(/Neighbours looked after your kids 1 time \(3 h\)/);
  });

  it('answers Not yet gently, and Help me plan one with open offers and a drafted request', async () => {
    const w = createWorld();
    await w.say('Bob', '/swap offer when:"fri 18:00-21:00"');
    await w.say('Carol', '/swap request when:"fri 18:00-21:00"');
    const notYet = w.run('Alice', '/checkin answer reply:notyet');
    expect(notYet.text).toContain('no pressure');
    expect(buttons({ destination: { kind: 'channel', platform: 'console', coopRef: 'console', channelRef: null }, message: notYet })[0]).toMatch(/^checkin\.answer\?reply=plan/);
    const plan = w.run('Alice', '/checkin answer reply:plan');
    expect(plan.text).toContain('Here is an offer you could book');
    expect(plan.text).toContain('/swap request when:"sat 19:00-23:00"');
    const ids = (plan.cards ?? []).flatMap((c) => c.buttons ?? []).map((b) => encodeAction(b.action));
    expect(ids).toContain('swap.book?id=1');
    expect(ids).not.toContain('swap.volunteer?id=2');
    expect(ids).toContain('swap.request?when=sat%2019%3A00-23%3A00');
  });

  it('refuses a pause date in the past or unreadable, and leaves the settings as they were', () => {
    const w = createWorld();
    w.run('Alice', '/help');
    expect(w.run('Alice', '/checkin pause until:2027-03-01').text).toContain('after today');
    expect(w.run('Alice', '/checkin pause until:"banana"').text).toContain("couldn't read");
    expect(w.store.checkins.get(w.memberId('Alice')).pausedUntil).toBeNull();
    expect(w.run('Alice', '/checkin time when:"someday"').text).toMatch(/couldn't read|Which day/);
  });
});

describe('two unprompted messages a week at most', () => {
  it('sends a nudge only when there is room for the week’s check-in too', async () => {
    // Sunday evening, after the week's check-in time: Bob's "Alice added 10 h" notice is last week's unprompted one.
    const w = createWorld({ start: '2027-02-28T20:00:00Z' });
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.say('Bob', '/profile timezone:Europe/London');
    w.run('Alice', '/credits adjust member:@bob amount:10 reason:"founding sitter"');
    w.run('Alice', '/credits adjust member:@alice amount:10 reason:"founding sitter"');
    // Alice already had an unprompted message this week (say, a nudge from another round).
    w.store.unprompted.record(w.memberId('Alice'), 'nudge_low', '2027-03-01', Date.parse('2027-03-01T12:00:00Z'));
    await w.advanceUntil('2027-03-08T00:00:00Z');
    const nudge = (name: string) => w.dmsTo(name).filter((n) => n.message.text.includes("You've banked"));
    expect(nudge('Bob')).toHaveLength(1);
    expect(nudge('Bob')[0]?.localTime).toBe('2027-03-03 18:00');
    expect(nudge('Alice')).toHaveLength(0);
    expect(checkinsOf(w, 'Alice')).toHaveLength(1);
    expect(checkinsOf(w, 'Bob')).toHaveLength(1);
    for (const name of ['Alice', 'Bob']) {
      const unprompted = w.dmsTo(name).filter((n) => n.localTime !== undefined);
      expect(unprompted.length).toBeLessThanOrEqual(2);
    }
    // rare: not again for four weeks, and never once turned off
    await w.advanceUntil('2027-03-29T00:00:00Z');
    expect(nudge('Bob')).toHaveLength(1);
    w.run('Bob', '/checkin nudges set:off');
    await w.advanceUntil('2027-05-01T00:00:00Z');
    expect(nudge('Bob')).toHaveLength(1);
    // Alice's first went the week after, when there was room; the next one four weeks later
    expect(nudge('Alice').map((n) => n.localTime)).toEqual(['2027-03-10 18:00', '2027-04-07 18:00']);
  });

  it('mentions a deep negative balance only privately, at most once a month', async () => {
    const w = createWorld({ start: '2027-03-01T12:00:00Z' });
    await w.say('Alice', '/profile timezone:Europe/London');
    w.run('Alice', '/credits adjust member:@alice amount:-11 reason:"catch-up"');
    await w.advanceUntil('2027-04-30T00:00:00Z');
    const low = w.sent.filter((n) => n.message.text.includes('Just between us'));
    expect(low.map((n) => n.localTime)).toEqual(['2027-03-03 18:00', '2027-04-07 18:00']);
    expect(low.every((n) => n.destination.kind === 'dm')).toBe(true);
    expect(w.posts().some((n) => n.message.text.includes('-6 h'))).toBe(false);
    expect(DAY).toBeGreaterThan(0);
  });
});
