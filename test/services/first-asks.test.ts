import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Notification } from '../../src/core/types.ts';
import { createWorld, type World } from '../jobs/world.ts';

// Fair first asks: a new request privately asks the two or three families who have had the least sitting back lately
// (lowest balances), never the requester's own, never one on pause, in quiet hours, with nudges off or without room
// in the week's two unprompted messages, before anyone else is nudged. The channel post is unchanged.

const isAsk = (n: Notification) => n.message.text.startsWith('Could you sit for ');
const asked = (w: World, since = 0) => w.sent.slice(since).filter(isAsk).map((n) => (n.destination.kind === 'dm' ? n.destination.memberName : '#'));

/** Ana (admin) and five neighbours with balances Ben 8 h, Cat 2 h, Dan 3 h, Eve 4 h, Fay 6 h. Quiet hours off. */
async function coop(w: World) {
  await w.say('Ana', '/coop setup timezone:Europe/London');
  const balances: Record<string, number> = { Ben: 3, Cat: -3, Dan: -2, Eve: -1, Fay: 1 };
  for (const who of ['Ana', ...Object.keys(balances)]) await w.say(who, '/profile quiet:off');
  for (const [who, change] of Object.entries(balances)) await w.say('Ana', `/credits adjust member:@${who.toLowerCase()} amount:${change > 0 ? '+' : ''}${change} reason:"test set-up"`);
  // The set-up's credit notices were this week's unprompted messages; the week under test starts without them.
  w.store.db.exec('DELETE FROM unprompted_messages; DELETE FROM held_messages');
  w.sent.length = 0;
}

describe('fair first asks', () => {
  it('asks the three families with the lowest balances, privately, with a Volunteer button, and no balance anywhere', async () => {
    const w = createWorld();
    await coop(w);
    await w.say('Ana', '/swap request when:"sat 19:00-23:00" note:"one sleepy toddler"');
    expect(asked(w)).toEqual(['Cat', 'Dan', 'Eve']);
    const ask = w.sent.find(isAsk)!;
    expect(ask.message.text).toBe(
      'Could you sit for Ana? #1, Sat 6 Mar, 19:00–23:00, 1 kid — you\'d earn 4 h of credit. Their note: "one sleepy toddler" No worries if not — it\'s posted in the channel too.',
    );
    expect((ask.message.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => encodeAction(b.action)))).toEqual(['swap.volunteer?id=1', 'checkin.nudges?set=off', 'profile?pause=week']);
    for (const n of w.sent.filter(isAsk)) expect(n.message.text).not.toMatch(/\b[23] h\b|balance/);
    // The channel post is the same as ever, and comes after the asks.
    const posts = w.posts();
    expect(posts.map((p) => p.message.text)).toEqual(['Ana needs a sitter — can you help?']);
    expect(w.sent.indexOf(posts[0]!)).toBeGreaterThan(w.sent.indexOf(w.sent.filter(isAsk).at(-1)!));
    // The Volunteer button does what /swap volunteer does.
    expect((await w.say('Cat', '/swap volunteer id:1')).text).toContain("I've told Ana you can sit #1");
    // Each ask is one of the week's unprompted messages.
    const counted = w.store.db.prepare<[], { kind: string; n: number }>("SELECT kind, count(*) AS n FROM unprompted_messages WHERE kind = 'first_ask' GROUP BY kind").all();
    expect(counted).toEqual([{ kind: 'first_ask', n: 3 }]);
  });

  it('never asks the requester’s own household, and asks one parent per family', async () => {
    const w = createWorld();
    await coop(w);
    await w.say('Ana', '/household invite member:@cat');
    await w.say('Cat', '/household accept id:1'); // Cat's family is Ana's now
    await w.say('Gus', '/profile quiet:off');
    await w.say('Dan', '/household invite member:@gus');
    await w.say('Gus', '/household accept id:2'); // Dan and Gus: one family, one ask
    w.store.db.exec('DELETE FROM unprompted_messages; DELETE FROM held_messages');
    w.sent.length = 0;
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    const names = asked(w);
    expect(names).not.toContain('Cat');
    expect(names.filter((n) => n === 'Dan' || n === 'Gus')).toHaveLength(1);
    expect(names).toHaveLength(3);
  });

  it('passes over a family on pause, in quiet hours, with nudges off, or with no room left this week, for the next', async () => {
    const w = createWorld();
    await coop(w);
    await w.say('Cat', '/checkin pause until:2027-04-01'); // paused
    await w.say('Dan', '/profile quiet:"11:00-13:00"'); // quiet now (12:00)
    await w.say('Eve', '/checkin nudges set:off');
    w.sent.length = 0;
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    expect(asked(w)).toEqual(['Fay', 'Ben']);

    // Two unprompted messages already this week: no room.
    const v = createWorld();
    await coop(v);
    const fay = v.memberId('Fay');
    v.store.unprompted.record(fay, 'nudge_high', '2027-03-01', v.clock.now());
    v.store.unprompted.record(fay, 'checkin', '2027-03-01', v.clock.now());
    await v.say('Ana', '/swap request when:"sat 19:00-23:00"');
    await v.say('Ana', '/swap request when:"sun 19:00-23:00"');
    // The first request asked Cat, Dan, Eve; a minute later they are not asked again (an ask is not worth a burst of
    // messages), so the second asks Ben: never Fay.
    expect(asked(v)).toEqual(['Cat', 'Dan', 'Eve', 'Ben']);
    await v.advanceBy(2 * 3600_000);
    await v.say('Ana', '/swap request when:"2027-03-07 10:00 2h"');
    // Two hours on, everyone asked has had one this week and keeps the other for Sunday's check-in; Fay has had two.
    expect(asked(v).slice(4)).toEqual([]);
  });

  it('keeps room for a check-in still to come this week, and starts afresh the next week', async () => {
    const w = createWorld();
    await coop(w);
    await w.advanceBy(60_000); // the scheduler plans Sunday's check-ins
    w.sent.length = 0;
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    expect(asked(w)).toEqual(['Cat', 'Dan', 'Eve']);
    await w.say('Ana', '/swap request when:"sun 10:00-12:00"');
    expect(asked(w).slice(3)).toEqual(['Fay', 'Ben']); // the others keep their second for Sunday's check-in
    await w.advanceUntil('2027-03-08T12:00:00Z'); // Monday: a new week
    const since = w.sent.length;
    await w.say('Ana', '/swap request when:"2027-03-13 19:00 2h"');
    expect(asked(w, since)).toEqual(['Cat', 'Dan', 'Eve']);
  });

  it('never asks a family the sit would take past the co-op’s cap, and never for an offer or a session', async () => {
    const w = createWorld();
    await coop(w);
    await w.say('Ana', '/coop rules name:cap value:6');
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"'); // earns 4 h: Cat (2 h) is the only one under 6 − 4
    expect(asked(w)).toEqual(['Cat']);
    await w.say('Ana', '/swap offer when:"sun 10:00-12:00"');
    await w.say('Ana', '/swap session when:"sun 14:00-16:00" capacity:4');
    expect(asked(w)).toEqual(['Cat']);
  });

  it('looks no further than the twelve families with the least sitting back: past them an ask is not a fair one', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    // Fifteen neighbours, P01 lowest balance … P15 highest; the lowest eleven have had this week's two messages.
    const names = Array.from({ length: 15 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);
    for (const [i, who] of names.entries()) {
      await w.say(who, '/profile quiet:off');
      await w.say('Ana', `/credits adjust member:@${who.toLowerCase()} amount:${i - 8} reason:"test set-up"`);
    }
    w.store.db.exec('DELETE FROM unprompted_messages; DELETE FROM held_messages');
    const full = (who: string) => {
      w.store.unprompted.record(w.memberId(who), 'nudge_high', '2027-03-01', w.clock.now());
      w.store.unprompted.record(w.memberId(who), 'checkin', '2027-03-01', w.clock.now());
    };
    for (const who of names.slice(0, 11)) full(who);
    w.sent.length = 0;
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    expect(asked(w)).toEqual(['P12']); // the twelfth lowest; P13 to P15 are further down than first asks look

    full('P12');
    await w.say('Ana', '/swap request when:"sun 19:00-23:00"');
    expect(asked(w)).toEqual(['P12']);
  });
});

