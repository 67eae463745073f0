import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Notification, Reply } from '../../src/core/types.ts';
import { checkInvariants } from '../support/invariants.ts';
import { createWorld, type World } from '../jobs/world.ts';

// When the chosen sitter drops out, the sit looks for a new one: the parent is told at once and can still cancel,
// the families who volunteered before are asked first, the channel sees it open again, and the co-op's late
// cancellation rule applies to the sitter who dropped out.

const H = 60;
const buttons = (m: Pick<Reply, 'cards'>) => (m.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => `${b.label}=${encodeAction(b.action)}`));
const to = (w: World, name: string, since = 0) => w.sent.slice(since).filter((n) => n.destination.kind === 'dm' && n.destination.memberName === name && !n.message.text.includes('Three lines'));
const text = (ns: Notification[]) => ns.map((n) => n.message.text);

/** Alice asks for Saturday 6 March 19:00–23:00; Bob, Cat and Dan volunteer, Dan withdraws, Bob is chosen. Late fee 1 h. */
async function reopenable(w: World) {
  await w.say('Alice', '/coop setup timezone:Europe/London');
  await w.say('Alice', '/coop rules name:late_cancel_fee value:1');
  for (const who of ['Alice', 'Bob', 'Cat', 'Dan']) await w.say(who, '/profile quiet:off');
  await w.say('Alice', '/swap request when:"sat 19:00-23:00"');
  for (const who of ['Bob', 'Cat', 'Dan']) await w.say(who, '/swap volunteer id:1');
  await w.say('Dan', '/swap cancel id:1');
  await w.say('Alice', '/swap choose id:1 member:@bob');
}

describe('a sitter who drops out reopens the request', () => {
  it('tells the parent at once, asks earlier volunteers first, shows it open in the channel, and charges the late fee', async () => {
    const w = createWorld();
    await reopenable(w);
    await w.advanceUntil('2027-03-06T12:00:00Z'); // 7 h before: late by the co-op's 24 h rule
    const since = w.sent.length;
    const reply = await w.say('Bob', '/swap cancel id:1 reason:"flu"');
    expect(reply.text).toBe("You're no longer sitting #1. I've told Alice.\n#1 was called off late, so the co-op's late-cancellation fee, 1 h of credit, went from your family to Alice. You now have 4 h of credit. The calendar file takes it off your phone.");
    expect(reply.attachments?.[0]?.content).toContain('METHOD:CANCEL');

    const [told, fee] = to(w, 'Alice', since);
    expect(told!.message.text).toBe(
      "Bob can't sit #1 any more (flu). It's open again: I've re-posted it and asked the family who offered before, and I'll tell you when someone volunteers. If you'd rather call it off, cancel it below.",
    );
    expect(buttons(told!.message)).toEqual(['Cancel #1=swap.cancel?id=1']);
    expect(fee!.message.text).toContain("Bob called off #1 late, so the co-op's late-cancellation fee, 1 h of credit, came to your family.");

    expect(text(to(w, 'Cat', since))).toEqual(['#1 needs a sitter again, Sat 6 Mar, 19:00–23:00 — can you still help? You offered before; you\'d earn 4 h of credit. No worries if not.']);
    expect(buttons(to(w, 'Cat', since)[0]!.message)).toEqual(['Volunteer=swap.volunteer?id=1']);
    expect(to(w, 'Dan', since)).toEqual([]); // he withdrew himself
    expect(to(w, 'Bob', since)).toEqual([]);

    const post = w.posts().at(-1)!;
    expect(post.message.text).toBe('#1 needs a sitter again.');
    expect(w.sent.indexOf(to(w, 'Cat', since)[0]!)).toBeLessThan(w.sent.indexOf(post)); // asked first
    expect(buttons(post.message)).toContain('Volunteer=swap.volunteer?id=1');
    expect([w.balanceOf('Alice'), w.balanceOf('Bob')]).toEqual([6 * H, 4 * H]);
    checkInvariants(w.store.db);

    // A new sitter can be found the usual way.
    await w.say('Cat', '/swap volunteer id:1');
    expect((await w.say('Alice', '/swap choose id:1 member:@cat')).text).toContain('Cat is sitting #1');
  });

  it('an ask waits for quiet hours, and one that could only arrive after the start is dropped', async () => {
    const w = createWorld();
    await reopenable(w);
    await w.say('Cat', '/profile quiet:"10:00-14:00"');
    await w.advanceUntil('2027-03-06T11:00:00Z');
    const since = w.sent.length;
    await w.say('Bob', '/swap cancel id:1');
    expect(to(w, 'Cat', since)).toEqual([]);
    expect(text(to(w, 'Alice', since))[0]).toContain('asked the family who offered before'); // her ask waits for 14:00
    await w.advanceUntil('2027-03-06T14:00:00Z');
    expect(text(to(w, 'Cat', since))).toEqual([expect.stringContaining('#1 needs a sitter again')]);

    // Asked again too late to be useful: quiet hours that last past the start keep the ask back for good.
    const v = createWorld();
    await reopenable(v);
    await v.say('Cat', '/profile quiet:"17:00-23:30"');
    await v.advanceUntil('2027-03-06T18:00:00Z');
    const from = v.sent.length;
    await v.say('Bob', '/swap cancel id:1');
    await v.advanceUntil('2027-03-07T00:00:00Z');
    expect(to(v, 'Cat', from).filter((n) => n.message.text.includes('needs a sitter again'))).toEqual([]);
  });

  it('the parent can still cancel outright, and nobody pays anything more', async () => {
    const w = createWorld();
    await reopenable(w);
    await w.advanceUntil('2027-03-06T12:00:00Z');
    await w.say('Bob', '/swap cancel id:1');
    const before = [w.balanceOf('Alice'), w.balanceOf('Bob'), w.balanceOf('Cat')];
    const cancelled = await w.say('Alice', '/swap cancel id:1');
    expect(cancelled.text).toBe('#1 is cancelled. The calendar file takes it off your phone.');
    expect([w.balanceOf('Alice'), w.balanceOf('Bob'), w.balanceOf('Cat')]).toEqual(before);
    expect(w.posts().at(-1)?.message.text).toBe('#1 was cancelled.');
    const late = await w.say('Cat', '/swap volunteer id:1');
    expect(late.text).toContain('#1 is already cancelled');
  });

  it('a dropped-out sitter volunteering again for the same sit gets a clear answer, and nothing moves', async () => {
    const w = createWorld();
    await reopenable(w);
    await w.say('Bob', '/swap cancel id:1');
    const parties = () => w.store.swaps.parties(w.swapId(1)).map((p) => `${p.memberId}:${p.role}:${p.status}`);
    const before = { parties: parties(), outbox: w.store.db.prepare('SELECT count(*) AS n FROM outbox').get(), bob: w.balanceOf('Bob') };
    const again = await w.say('Bob', '/swap volunteer id:1');
    expect(again.refusal?.code).toBe('state');
    expect(again.text).toBe("You stepped back from sitting #1, so I won't put you forward for it again. If your plans have changed, tell Alice directly.");
    expect({ parties: parties(), outbox: w.store.db.prepare('SELECT count(*) AS n FROM outbox').get(), bob: w.balanceOf('Bob') }).toEqual(before);
  });

  it('a reopened request whose time passes closes itself and tells the parent; a late Volunteer is refused', async () => {
    const w = createWorld();
    await reopenable(w);
    await w.advanceUntil('2027-03-06T18:30:00Z');
    await w.say('Bob', '/swap cancel id:1');
    const beforeStart = w.sent.length;
    await w.advanceUntil('2027-03-06T19:00:00Z');
    expect(text(to(w, 'Alice', beforeStart))).toEqual([expect.stringContaining("#1 (Sat 6 Mar, 19:00–23:00) started without a sitter, so I've closed it.")]);
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('expired');
    const volunteered = await w.say('Cat', '/swap volunteer id:1');
    expect(volunteered.text).toContain('#1 is already expired');
    checkInvariants(w.store.db);
  });

  it('earlier volunteers of an earlier round are asked again, but never a sitter who dropped out before', async () => {
    const w = createWorld();
    await reopenable(w);
    await w.say('Bob', '/swap cancel id:1'); // round 1: Cat asked again
    await w.say('Cat', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@cat');
    const since = w.sent.length;
    await w.say('Cat', '/swap cancel id:1'); // round 2: Bob dropped out, Cat dropped out: nobody to ask
    expect(to(w, 'Bob', since)).toEqual([]);
    expect(to(w, 'Cat', since)).toEqual([]);
    expect(text(to(w, 'Alice', since))[0]).toContain("Cat can't sit #1 any more. It's open again: I've re-posted it, and");
  });
});
