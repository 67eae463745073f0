import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Notification, Reply } from '../../src/core/types.ts';
import { createWorld, DAY, HOUR, type World } from '../jobs/world.ts';

// Issue 9, item by item: each of these went wrong before (paid twice, unpaid silently, charged silently, one side
// setting the length, balances leaking, minting, sessions without "didn't happen", small refusals). The clock is
// the console's `:advance`: jobs that fall due run in order.

const H = 60;
const buttonsOf = (r: Reply | Notification['message']) => (r.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => encodeAction(b.action)));
const texts = (w: World, name: string) => w.dmsTo(name).map((n) => n.message.text);

/** Ana (admin) asks for Saturday 19:00–23:00 for one child; Ben sits. Quiet hours off, so messages go at once. */
async function taken(w: World, who: readonly string[] = ['Ana', 'Ben', 'Cat']) {
  await w.say('Ana', '/coop setup timezone:Europe/London');
  for (const name of who) await w.say(name, '/profile quiet:off');
  await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
  await w.say('Ben', '/swap volunteer id:1');
  await w.say('Ana', '/swap choose id:1 member:@ben');
}

describe('1. paid once: a dispute freezes the sit until an admin decides', () => {
  it("an old 'It happened' button cannot settle a disputed sit; the admin's decision pays once and ends it", async () => {
    const w = createWorld();
    await taken(w);
    await w.say('Ana', '/coop admin add member:@cat');
    await w.advanceUntil('2027-03-07T09:00:00Z');
    const prompt = w.dmsTo('Ana').find((n) => n.message.text.startsWith('How did #1'));
    expect(buttonsOf(prompt!.message)).toEqual(['swap.done?id=1', 'swap.length?id=1', 'swap.dispute?id=1']);
    expect((await w.say('Ana', '/swap dispute id:1 reason:"Ben left at 9"')).text).toContain('Nothing has moved');
    // The case reaches the other admin with one button per decision.
    const brief = w.toldTo('Cat').find((m) => m.text.startsWith('#1 needs an admin'));
    expect(buttonsOf(brief!)).toEqual(['coop.resolve?id=1&pay=booked', 'coop.resolve?id=1&pay=none']);
    // Pressing the old buttons does nothing but say so.
    for (const who of ['Ana', 'Ben']) expect((await w.say(who, '/swap done id:1')).text).toContain("is with the co-op's admins");
    expect((await w.say('Ben', '/swap cancel id:1')).text).toContain("is with the co-op's admins");
    expect([w.balanceOf('Ana'), w.balanceOf('Ben')]).toEqual([5 * H, 5 * H]);
    // Cat decides: Ben sat 2 of the 4 hours.
    const decided = await w.say('Cat', '/coop resolve id:1 pay:hours hours:2 note:"Ben left at 9, agreed"');
    expect(decided.text).toBe("Settled #1: 2 h paid to Ben for Ana's sit. Both sides are told, and so are the other admins.");
    expect([w.balanceOf('Ana'), w.balanceOf('Ben')]).toEqual([3 * H, 7 * H]);
    expect(texts(w, 'Ana').at(-1)).toBe('Cat settled #1 (“Ben left at 9, agreed”): 2 h of credit went from your family to Ben. You now have 3 h of credit.');
    expect(texts(w, 'Ben').at(-1)).toBe('Cat settled #1 (“Ben left at 9, agreed”): 2 h of credit came to your family. You now have 7 h of credit.');
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('completed');
    const record = w.store.db.prepare('SELECT outcome, paid, resolution_note AS note, resolved_by AS byId FROM disputes').get();
    expect(record).toEqual({ outcome: 'hours', paid: 2 * H, note: 'Ben left at 9, agreed', byId: w.memberId('Cat') });
    // Nothing settles it again: not a button, not a job, not a second decision.
    expect((await w.say('Ana', '/swap done id:1')).text).toMatch(/already completed/);
    expect((await w.say('Cat', '/coop resolve id:1 pay:booked')).text).toMatch(/nothing waiting for an admin/);
    await w.advanceBy(14 * DAY);
    expect([w.balanceOf('Ana'), w.balanceOf('Ben')]).toEqual([3 * H, 7 * H]);
    expect(w.store.db.prepare("SELECT count(*) FROM transfers WHERE kind = 'swap'").pluck().get()).toBe(1);
  });

  it('a dispute nobody resolves reminds the admins weekly, never the parents; "nothing happened" voids it', async () => {
    const w = createWorld();
    await taken(w);
    await w.advanceUntil('2027-03-07T09:00:00Z');
    await w.say('Ben', '/swap dispute id:1');
    const aboutIt = (name: string) => texts(w, name).filter((t) => t.includes('#1'));
    const before = aboutIt('Ben').length;
    await w.advanceBy(15 * DAY);
    const reminders = texts(w, 'Ana').filter((t) => t.includes('waits for a co-op admin'));
    expect(reminders).toHaveLength(2); // Ana is the admin: two weeks, two reminders
    expect(aboutIt('Ben')).toHaveLength(before); // the parents are never chased
    expect((await w.say('Ana', '/coop resolve id:1 pay:none')).text).toMatch(/another admin decides|nothing happened/);
  });
});

describe('2. a sit that happened is always paid, whatever the limits, and nothing stays taken', () => {
  it('settles when the family gave its credit away after the sit, and tells it what being past the limit means', async () => {
    const w = createWorld();
    await taken(w);
    await w.say('Ana', '/coop rules name:floor value:-2');
    await w.advanceUntil('2027-03-07T09:00:00Z');
    await w.say('Ana', '/credits adjust member:@ana amount:-4 reason:"an old debt"');
    const done = await w.say('Ana', '/swap done id:1');
    expect(done.text).toContain('#1 is settled: 4 h of credit went from your family to Ben. You now have -3 h of credit.');
    expect(done.text).toContain("past the co-op's limit of -2 h");
    expect(w.balanceOf('Ben')).toBe(9 * H);
  });

  it("settles by itself 48 h after the sitter's word even when the sitter is at the cap, and a week after the end when nobody says anything", async () => {
    const w = createWorld();
    await taken(w);
    await w.say('Ana', '/swap request when:"sun 10:00-12:00"');
    await w.say('Cat', '/swap volunteer id:2');
    await w.say('Ana', '/swap choose id:2 member:@cat');
    await w.say('Ana', '/coop rules name:cap value:6');
    await w.advanceUntil('2027-03-07T09:00:00Z');
    await w.say('Ben', '/swap done id:1');
    await w.advanceBy(48 * HOUR);
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('completed');
    expect(w.balanceOf('Ben')).toBe(9 * H); // past the cap of 6 h: paid, and told what it means
    expect(texts(w, 'Ben').at(-1)).toContain('more than the co-op lets a family bank (6 h)');
    await w.advanceUntil('2027-03-14T11:59:00Z');
    expect(w.store.swaps.get(w.swapId(2)).status).toBe('accepted');
    await w.advanceUntil('2027-03-14T12:00:00Z');
    expect(w.store.swaps.get(w.swapId(2)).status).toBe('completed');
    expect(texts(w, 'Cat').at(-1)).toContain('Nobody said otherwise in a week, so #2 is settled as booked: 2 h of credit came to your family.');
  });
});

describe('3. nobody is charged without a word', () => {
  it('a late fee is told to both sides, and a session host who cancels late pays each family too', async () => {
    const w = createWorld();
    await taken(w);
    await w.say('Ana', '/coop rules name:late_cancel_fee value:1');
    await w.say('Cat', '/swap session when:"sat 10:00-12:00" capacity:4');
    await w.say('Ben', '/swap book id:2');
    await w.say('Ana', '/swap book id:2');
    await w.advanceUntil('2027-03-06T08:00:00Z');
    const cancelled = await w.say('Cat', '/swap cancel id:2');
    expect(cancelled.text.match(/the co-op's late-cancellation fee, 1 h of credit, went from your family/g)).toHaveLength(2);
    expect(texts(w, 'Ben').slice(-2)).toEqual([
      'Cat cancelled #2. The calendar file takes it off your phone.',
      "Cat called off #2 late, so the co-op's late-cancellation fee, 1 h of credit, came to your family. You now have 6 h of credit.",
    ]);
    expect(w.balanceOf('Cat')).toBe(3 * H);
    const sitterDrops = await w.say('Ben', '/swap cancel id:1');
    expect(sitterDrops.text).toContain("the co-op's late-cancellation fee, 1 h of credit, went from your family to Ana. You now have 5 h of credit.");
    expect(texts(w, 'Ana').at(-1)).toContain('Ben called off #1 late');
  });
});

describe('4. nobody sets the length alone', () => {
  it('a family saying 0.25 h of an 8 h sit asks the sitter, who can send it to the admins; silence agrees after 48 h', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    for (const name of ['Ana', 'Ben']) await w.say(name, '/profile quiet:off');
    await w.say('Ana', '/swap request when:"sat 10:00-18:00"');
    await w.say('Ben', '/swap volunteer id:1');
    await w.say('Ana', '/swap choose id:1 member:@ben');
    await w.advanceUntil('2027-03-06T19:00:00Z');
    expect((await w.say('Ana', '/swap done id:1 hours:0.25')).text).toContain("I've asked Ben to confirm that #1 ran 0.25 h (0.25 h of credit)");
    const asked = w.dmsTo('Ben').find((n) => n.message.text.startsWith('Ana says #1 ran 0.25 h'));
    expect(buttonsOf(asked!.message)).toEqual(['swap.length?id=1&answer=agree', 'swap.length?id=1&answer=disagree']);
    expect(w.balanceOf('Ben')).toBe(5 * H);
    expect((await w.say('Ana', '/swap length id:1 answer:agree')).text).toMatch(/That length is yours/);
    expect((await w.say('Ben', '/swap length id:1 answer:disagree')).text).toContain('asked the co-op\'s admins to decide how long');
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('disputed');

    // Another sit: the sitter proposes, the family stays silent: it settles at the sitter's length after 48 h.
    await w.say('Ana', '/swap request when:"sun 10:00-12:00"');
    await w.say('Ben', '/swap volunteer id:2');
    await w.say('Ana', '/swap choose id:2 member:@ben');
    await w.advanceUntil('2027-03-07T13:00:00Z');
    await w.say('Ben', '/swap done id:2 hours:2.5');
    await w.advanceBy(48 * HOUR);
    expect(w.store.swaps.get(w.swapId(2)).status).toBe('completed');
    expect(w.balanceOf('Ben')).toBe(5 * H + 2.5 * H);
  });
});

describe('5. no other family\'s balance is ever shown', () => {
  it('refusals and the volunteers card carry no figures about others', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ben', '/help');
    await w.say('Cat', '/help');
    await w.say('Ana', '/coop rules name:cap value:6');
    await w.say('Ana', '/credits adjust member:@ana amount:+3 reason:earned');
    const gift = await w.say('Ana', '/credits give member:@ben amount:2');
    expect(gift.text).toBe("That would take Ben's family past the co-op's limit. Try a smaller amount, or ask them to book a sit first.");
    await w.say('Ana', '/coop rules name:cap value:40');
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    await w.say('Ben', '/swap volunteer id:1');
    await w.say('Cat', '/swap volunteer id:1');
    const card = w.dmsTo('Ana').at(-1)!.message.cards![0]!;
    expect(card.text).toBe('Any of them would be lovely. If you can’t decide, the first has had the least sitting back lately.');
    expect(JSON.stringify(card.fields)).not.toMatch(/\d+(\.\d+)? h/);
  });
});

describe('6. starting credits cannot be farmed', () => {
  it('are spent on sits, never given away, and admins see new households', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    for (const name of ['Tom1', 'Tom2', 'Tom3']) {
      await w.say(name, '/help');
      expect((await w.say(name, '/credits give member:@ana amount:5')).text).toContain('no earned credit to give');
    }
    expect(w.balanceOf('Ana')).toBe(5 * H);
    const report = await w.say('Ana', '/coop report');
    expect(report.text).toContain('New in the last 30 days:');
    expect(report.text).toMatch(/Tom1 \(since 2027-03-03\): 0 sits, 5 h/);
  });
});

describe('7. a session can not have happened', () => {
  it("the host's 'It didn't happen' pays nobody; a family's seat is disputed on its own while the rest are paid", async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    for (const name of ['Ana', 'Ben', 'Cat']) await w.say(name, '/profile quiet:off');
    await w.say('Cat', '/swap session when:"sat 10:00-12:00" capacity:4');
    await w.say('Ana', '/swap book id:1');
    await w.say('Ben', '/swap book id:1');
    await w.advanceUntil('2027-03-06T12:30:00Z');
    const hostPrompt = w.dmsTo('Cat').find((n) => n.message.text.startsWith('How did your drop-off session #1 go?'));
    expect(buttonsOf(hostPrompt!.message)).toEqual(['swap.done?id=1', 'swap.dispute?id=1']);
    expect((await w.say('Ben', '/swap cancel id:1')).text).toContain('say so with `/swap dispute id:1`');
    expect((await w.say('Ben', '/swap dispute id:1')).text).toContain("Your family's seat in #1 waits for the co-op's admins");
    const confirmed = await w.say('Cat', '/swap done id:1');
    expect(confirmed.text).toContain('Ben asked an admin to look at their seat');
    expect([w.balanceOf('Ana'), w.balanceOf('Ben'), w.balanceOf('Cat')]).toEqual([3 * H, 5 * H, 7 * H]);
    expect((await w.say('Ana', '/coop resolve id:1 pay:booked')).text).toContain('2 h paid to Cat');
    expect([w.balanceOf('Ben'), w.balanceOf('Cat')]).toEqual([3 * H, 9 * H]);

    await w.say('Cat', '/swap session when:"sun 10:00-12:00" capacity:4');
    await w.say('Ana', '/swap book id:2');
    await w.advanceUntil('2027-03-07T12:30:00Z');
    expect((await w.say('Cat', '/swap dispute id:2 reason:"I was ill"')).text).toContain('no credit moved');
    expect(texts(w, 'Ana').at(-1)).toBe("Cat says drop-off session #2 didn't happen (“I was ill”), so no credit moved.");
    expect(w.store.swaps.get(w.swapId(2)).status).toBe('cancelled');
    expect(w.balanceOf('Ana')).toBe(3 * H);
  });
});

describe('8. the small ones', () => {
  it('odd subcommand names, reminders for strangers, a form sent twice, an admin moving their own credit', async () => {
    const w = createWorld();
    await taken(w);
    for (const odd of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect((await w.say('Cat', `/swap ${odd}`)).text).toMatch(/isn't something I know|Try one of/);
    }
    expect((await w.say('Cat', '/swap remind id:1 set:on')).text).toBe("You're not part of #1, so it sends you no reminders.");
    const first = await w.say('Cat', '/swap request when:"sun 10:00-12:00"');
    const again = await w.say('Cat', '/swap request when:"sun 10:00-12:00"');
    expect(first.text).toMatch(/^Posted #2/);
    expect(again.text).toMatch(/^You've already posted #2/);
    expect(w.store.db.prepare('SELECT count(*) FROM swaps').pluck().get()).toBe(2);
    await w.say('Ana', '/coop admin add member:@ben');
    await w.say('Ana', '/credits adjust member:@ana amount:+1000 reason:"just because"');
    expect(w.toldTo('Ben').at(-1)?.text).toBe('Ana corrected their own family\'s credit by +1000 h: just because.');
  });
});
