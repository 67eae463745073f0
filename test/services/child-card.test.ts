import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Notification, Reply } from '../../src/core/types.ts';
import { CHILD_CARD_TEMPLATE } from '../../src/domain/child-cards.ts';
import { createWorld, isReminder, type World } from '../jobs/world.ts';

// The child card, through the dispatcher and the scheduler over a real SQLite store: written by a family, shown to
// the confirmed sitter only, from 24 h before the start until 2 h after the end, each showing recorded.

const CARD = 'Mia, 4: peanut allergy, EpiPen in the blue bag. Bed at 19:30 with Mr Rabbit. Call Granny Jo 07700 900123.';

const textOf = (m: Pick<Notification['message'], 'text' | 'cards'>) =>
  [m.text, ...(m.cards ?? []).flatMap((c) => [c.title, c.text ?? '', ...(c.fields ?? []).map((f) => f.value)])].join('\n');
const buttons = (m: Pick<Reply, 'cards'>) => (m.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => `${b.label}=${encodeAction(b.action)}`));
const showings = (w: World) =>
  w.store.db
    .prepare<[], { member: string; swap: number; via: string; at: number }>(
      `SELECT m.display_name AS member, s.number AS swap, c.via, c.shown_at AS at FROM child_card_showings c
       JOIN members m ON m.id = c.member_id JOIN swaps s ON s.id = c.swap_id ORDER BY c.id`,
    )
    .all();
/** Every message that carried the card's text, by who got it (channel posts as '#channel'). */
const carriers = (w: World) => w.sent.filter((n) => textOf(n.message).includes('peanut allergy')).map((n) => (n.destination.kind === 'dm' ? n.destination.memberName : '#channel'));

/** Alice asks for Saturday 19:00–23:00 (London), Bob and Cat volunteer, Bob is chosen. Quiet hours off for all. */
async function bobSitsForAlice(w: World) {
  await w.say('Alice', '/coop setup timezone:Europe/London');
  for (const who of ['Alice', 'Bob', 'Cat']) await w.say(who, '/profile quiet:off');
  await w.say('Alice', `/household card text:"${CARD}"`);
  await w.say('Alice', '/swap request when:"sat 19:00-23:00" kids:1');
  await w.say('Bob', '/swap volunteer id:1');
  await w.say('Cat', '/swap volunteer id:1');
  await w.say('Alice', '/swap choose id:1 member:@bob');
}

describe('the child card: written by a family', () => {
  it('shows nothing yet with a template of what helps, saves one up to 1,500 characters, refuses longer, and can be removed', async () => {
    const w = createWorld();
    await w.say('Alice', '/coop setup timezone:Europe/London');
    const none = w.run('Alice', '/household card');
    expect(none.visibility).toBe('private');
    expect(none.text).toContain('no child card yet');
    expect(buttons(none)).toEqual(['Write the card=household.card']);

    const saved = w.run('Alice', `/household card text:"${CARD}"`);
    expect(saved.text).toMatch(/^Saved your family's child card \(\d+ characters\)\. Only the sitter/);
    const shown = w.run('Alice', '/household card');
    expect(textOf(shown)).toContain(CARD);
    expect(textOf(shown)).toContain('last written by Alice');
    expect(textOf(shown)).toContain('Nobody has seen it yet.');

    const long = w.run('Alice', `/household card text:"${'x'.repeat(1501)}"`);
    expect(long.refusal?.option).toBe('text');
    expect(long.text).toContain('1 to 1500 characters');
    expect(w.store.childCards.get(w.store.members.get(w.memberId('Alice')).householdId)?.text).toBe(CARD);
    expect(w.run('Alice', `/household card text:"${'y'.repeat(1500)}"`).text).toContain('(1500 characters)');

    expect(w.run('Alice', '/household card text:delete').text).toContain('child card is gone');
    expect(w.run('Alice', '/household card text:delete').text).toContain('nothing to remove');
    expect(w.run('Alice', '/household card').text).toContain('no child card yet');
    await w.deliver();
    expect(carriers(w)).toEqual([]);
  });

  it('belongs to the household: either parent writes it, the other hears (without its text), and both see it', async () => {
    const w = createWorld();
    await w.say('Alice', '/coop setup timezone:Europe/London');
    await w.say('Dan', '/help');
    await w.say('Alice', '/household invite member:@dan');
    await w.say('Dan', '/household accept id:1');
    w.sent.length = 0;
    await w.say('Dan', `/household card text:"${CARD}"`);
    expect(w.toldTo('Alice').map((m) => m.text)).toEqual(["Dan updated your family's child card. `/household card` shows it."]); // held: a minute after the last
    expect(textOf(w.run('Alice', '/household card'))).toContain(CARD);
    expect(carriers(w)).toEqual([]);
  });

  it('the form starts with the template: first names and ages, allergies, bedtime, comfort, emergency contact, a second adult', () => {
    for (const part of ['first name, age', 'Allergies and medicines', 'Bedtime and routines', 'What comforts them', 'Emergency contact', 'second adult']) {
      expect(CHILD_CARD_TEMPLATE).toContain(part);
    }
    expect(CHILD_CARD_TEMPLATE.length).toBeLessThan(1500);
  });
});

describe('the child card: shown to the confirmed sitter only, in the window only', () => {
  it('rides on the sitter’s 24 h and 2 h reminders, never the family’s, a volunteer’s or the channel, each showing recorded', async () => {
    const w = createWorld();
    await bobSitsForAlice(w);
    await w.advanceUntil('2027-03-05T18:59:00Z');
    expect(carriers(w)).toEqual([]);
    await w.advanceUntil('2027-03-05T19:00:00Z'); // 24 h before
    const bobs = w.dmsTo('Bob').filter(isReminder);
    expect(bobs).toHaveLength(1);
    expect(textOf(bobs[0]!.message)).toContain(CARD);
    expect(buttons(bobs[0]!.message)).toContain('Child card=swap.card?id=1');
    expect(textOf(w.dmsTo('Alice').filter(isReminder)[0]!.message)).not.toContain('peanut');
    await w.advanceUntil('2027-03-06T17:00:00Z'); // 2 h before
    expect(w.dmsTo('Bob').filter(isReminder)).toHaveLength(2);
    expect(carriers(w)).toEqual(['Bob', 'Bob']);
    expect(showings(w)).toEqual([
      { member: 'Bob', swap: 1, via: 'reminder', at: Date.parse('2027-03-05T19:00:00Z') },
      { member: 'Bob', swap: 1, via: 'reminder', at: Date.parse('2027-03-06T17:00:00Z') },
    ]);
  });

  it('behind the Child card button: the sitter sees it in the window; before, after, or anyone else: no content, nothing recorded', async () => {
    const w = createWorld();
    await bobSitsForAlice(w);
    const early = w.run('Bob', '/swap card id:1');
    expect(early.refusal?.code).toBe('state');
    expect(early.text).toContain('shared from Fri 5 Mar, 19:00');
    for (const who of ['Cat', 'Alice', 'Dan']) {
      const refused = w.run(who, '/swap card id:1');
      expect(refused.text).toBe('Only the confirmed sitter of #1 sees the family\'s child card, and only around the sit.');
    }
    await w.advanceUntil('2027-03-06T20:00:00Z'); // during the sit
    const during = w.run('Bob', '/swap card id:1');
    expect(during.visibility).toBe('private');
    expect(textOf(during)).toContain(CARD);
    expect(during.text).toContain('Alice can see that you looked');
    expect(w.run('Cat', '/swap card id:1').text).not.toContain('peanut');

    await w.advanceUntil('2027-03-07T01:00:00Z'); // 2 h after the end: the last moment
    expect(textOf(w.run('Bob', '/swap card id:1'))).toContain(CARD);
    await w.advanceUntil('2027-03-07T01:01:00Z');
    const late = w.run('Bob', '/swap card id:1');
    expect(late.text).toContain('is no longer shared');
    expect(late.text).not.toContain('peanut');
    expect(showings(w).map((s) => `${s.member}:${s.via}`)).toEqual(['Bob:reminder', 'Bob:reminder', 'Bob:button', 'Bob:button']);

    // The family sees who looked, and when.
    const own = textOf(w.run('Alice', '/household card'));
    expect(own).toContain('Bob · #1 · Fri 5 Mar, 19:00 (with a reminder)');
    expect(own).toContain('Bob · #1 · Sat 6 Mar, 20:00 (opened it)');
  });

  it('stops at once for a sitter who dropped out, and goes to the new sitter instead', async () => {
    const w = createWorld();
    await bobSitsForAlice(w);
    await w.advanceUntil('2027-03-05T19:00:00Z');
    expect(carriers(w)).toEqual(['Bob']);
    await w.say('Bob', '/swap cancel id:1 reason:"flu"');
    expect(w.run('Bob', '/swap card id:1').text).toContain('Only the confirmed sitter');
    await w.say('Cat', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@cat');
    // Inside the window, so no 24 h reminder is left to carry it: Cat gets the card with her confirmation.
    expect(carriers(w)).toEqual(['Bob', 'Cat']);
    await w.advanceUntil('2027-03-06T17:00:00Z');
    expect(carriers(w)).toEqual(['Bob', 'Cat', 'Cat']);
    expect(showings(w).map((s) => `${s.member}:${s.via}`)).toEqual(['Bob:reminder', 'Cat:accepted', 'Cat:reminder']);
  });

  it('is not shared once the sit is settled, nor for a sit cancelled by the family', async () => {
    const w = createWorld();
    await bobSitsForAlice(w);
    await w.advanceUntil('2027-03-06T23:00:00Z');
    await w.say('Alice', '/swap done id:1');
    expect(w.run('Bob', '/swap card id:1').text).toContain('no longer shared');

    await w.say('Alice', '/swap request when:"2027-03-13 19:00 2h"');
    await w.say('Bob', '/swap volunteer id:2');
    await w.say('Alice', '/swap choose id:2 member:@bob');
    await w.advanceUntil('2027-03-12T20:00:00Z');
    await w.say('Alice', '/swap cancel id:2');
    expect(w.run('Bob', '/swap card id:2').text).toContain('no longer shared');
  });

  it('a session host sees each booked family’s card, and the families never see each other’s', async () => {
    const w = createWorld();
    await w.say('Alice', '/coop setup timezone:Europe/London');
    for (const who of ['Alice', 'Bob', 'Cat']) await w.say(who, '/profile quiet:off');
    await w.say('Alice', `/household card text:"${CARD}"`);
    await w.say('Cat', '/household card text:"Leo, 6: no dairy. Loves dinosaurs."');
    await w.say('Bob', '/swap session when:"sat 10:00-12:00" capacity:4');
    await w.say('Alice', '/swap book id:1');
    await w.say('Cat', '/swap book id:1');
    await w.advanceUntil('2027-03-05T10:00:00Z');
    const reminder = w.dmsTo('Bob').filter(isReminder)[0]!;
    expect(textOf(reminder.message)).toContain(CARD);
    expect(textOf(reminder.message)).toContain('Loves dinosaurs');
    const others = w.sent.filter((n) => !(n.destination.kind === 'dm' && n.destination.memberName === 'Bob'));
    expect(others.some((n) => /peanut|dinosaurs/.test(textOf(n.message)))).toBe(false);
    expect(showings(w).map((s) => s.member)).toEqual(['Bob', 'Bob']);
  });

  it('a family without a card is asked once, kindly, when its first sit is accepted; a sitter without one is told so', async () => {
    const w = createWorld();
    await w.say('Alice', '/coop setup timezone:Europe/London');
    await w.say('Alice', '/swap request when:"sat 19:00-23:00"');
    await w.say('Bob', '/swap volunteer id:1');
    w.sent.length = 0;
    await w.say('Alice', '/swap choose id:1 member:@bob');
    const asked = w.dmsTo('Alice').filter((n) => n.message.text.includes('child card'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message.text).toContain("I'll only ask once");
    expect(buttons(asked[0]!.message)).toEqual(['Write the card=household.card']);

    await w.say('Alice', '/swap request when:"2027-03-13 19:00 2h"');
    await w.say('Bob', '/swap volunteer id:2');
    w.sent.length = 0;
    await w.say('Alice', '/swap choose id:2 member:@bob');
    expect(w.dmsTo('Alice').filter((n) => n.message.text.includes('child card'))).toEqual([]);

    await w.advanceUntil('2027-03-06T20:00:00Z');
    expect(w.run('Bob', '/swap card id:1').text).toBe("Alice hasn't written a child card for #1. Ask them directly about anything you need to know.");
    expect(showings(w)).toEqual([]);
  });
});

describe('the child card in /privacy', () => {
  it('is in the export with who saw it; a sitter’s export lists the showings without any family’s text', async () => {
    const w = createWorld();
    await bobSitsForAlice(w);
    await w.advanceUntil('2027-03-05T19:00:00Z');
    const file = (reply: Reply) => JSON.parse(reply.attachments?.[0]?.content ?? '{}') as { childCard: { yourFamilysCard: { text: string; shownTo: unknown[] } | null; cardsShownToYou: unknown[] } };
    const alice = file(w.run('Alice', '/privacy export')).childCard;
    expect(alice.yourFamilysCard?.text).toBe(CARD);
    expect(alice.yourFamilysCard?.shownTo).toEqual([{ sitter: 'Bob', swap: 1, how: 'reminder', at: '2027-03-05T19:00:00.000Z' }]);
    const bobReply = w.run('Bob', '/privacy export');
    const bob = file(bobReply).childCard;
    expect(bob).toEqual({ yourFamilysCard: null, cardsShownToYou: [{ swap: 1, how: 'reminder', at: '2027-03-05T19:00:00.000Z' }], versionsYouWrote: [] });
  });

  it('is removed by /privacy forget of the parent who wrote it, and taken out of what the sitter was sent', async () => {
    const w = createWorld();
    await bobSitsForAlice(w);
    await w.advanceUntil('2027-03-05T19:00:00Z');
    const household = w.store.members.get(w.memberId('Alice')).householdId;
    await w.say('Alice', '/privacy forget confirm:yes');
    expect(w.store.childCards.get(household)).toBeUndefined();
    expect(w.store.childCards.showingsOf(household, 100)).toEqual([]);
    const everywhere = w.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE message LIKE '%peanut%'").get();
    expect(everywhere?.n).toBe(0);
  });
});
