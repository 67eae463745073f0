import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Notification } from '../../src/core/types.ts';
import { createWorld, type World } from '../jobs/world.ts';

// The warm welcome: one private message the first time a member uses Breather in a co-op, and one line a day to the
// admins about the families who joined.

const isWelcome = (n: Notification) => n.message.text.includes('Three lines on how it works');
const welcomesTo = (w: World, name: string) => w.sent.filter((n) => isWelcome(n) && n.destination.kind === 'dm' && n.destination.memberName === name);
const buttons = (n: Notification) => (n.message.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => `${b.label}=${encodeAction(b.action)}`));

describe('the welcome', () => {
  it('is one private message on the first use: how it works in three lines, the key rules, buttons for the next step', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ana', '/coop rules name:late_cancel_fee value:1');
    await w.say('Ben', '/swap list');
    const [welcome, ...more] = welcomesTo(w, 'Ben');
    expect(more).toEqual([]);
    const lines = welcome!.message.text.split('\n');
    expect(lines[0]).toBe('Welcome, Ben! Three lines on how it works:');
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(3);
    expect(lines.at(-1)).toBe(
      'Your family starts with 5 h from the co-op; a family can go down to -10 h and bank up to 40 h. Cancelling less than 24 h before a sit costs 1 h of credit, paid to the other family.',
    );
    expect(buttons(welcome!)).toEqual(['Ask for a sitter=swap.request', 'Offer to sit=swap.offer', 'Set my timezone=profile']);
    // Nothing about anyone's balance, and nothing in the channel.
    expect(w.posts().some(isWelcome)).toBe(false);
    // Without a late-cancellation fee, there is no line about one.
    const other = createWorld();
    await other.say('Ana', '/coop setup timezone:Europe/London');
    expect(welcomesTo(other, 'Ana')[0]!.message.text).not.toContain('Cancelling');
  });

  it('is sent once per member per co-op: not again on later commands, and again in another co-op', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    for (const line of ['/help', '/swap list', '/credits balance', '/household show']) await w.say('Ben', line);
    expect(welcomesTo(w, 'Ben')).toHaveLength(1);
    w.run('Ben', '/help', 'another-coop');
    await w.deliver();
    expect(welcomesTo(w, 'Ben')).toHaveLength(2);
    w.run('Ben', '/help', 'another-coop');
    await w.deliver();
    expect(welcomesTo(w, 'Ben')).toHaveLength(2);
    expect(w.store.db.prepare('SELECT count(*) AS n FROM members WHERE welcomed_at IS NULL').get()).toEqual({ n: 0 });
  });

  it('waits for a first command that goes through: a refused one leaves nothing, not even the welcome', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    const refused = await w.say('Ben', '/swap volunteer id:99');
    expect(refused.text).toContain('#99');
    expect(welcomesTo(w, 'Ben')).toEqual([]);
    await w.say('Ben', '/help');
    expect(welcomesTo(w, 'Ben')).toHaveLength(1);
  });

  it('is not sent for merely being named (the console’s :as): the first command brings it', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    w.dispatcher.join({ platform: 'console', coopRef: 'console', member: { ref: 'ben', name: 'Ben' } });
    await w.deliver();
    expect(welcomesTo(w, 'Ben')).toEqual([]);
    await w.say('Ben', '/help');
    expect(welcomesTo(w, 'Ben')).toHaveLength(1);
  });

  it('tells the admins in one line a day at 18:00 co-op time, however many joined, never about themselves', async () => {
    const w = createWorld(); // Wednesday 3 March 2027, 12:00 London
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ben', '/help');
    await w.say('Ben', '/coop admin add member:@ben'); // refused: Ben is no admin
    await w.say('Ana', '/coop admin add member:@ben');
    await w.say('Cat', '/help');
    await w.say('Dan', '/help');
    await w.advanceUntil('2027-03-03T17:59:00Z');
    const notes = () => w.sent.filter((n) => n.message.text.includes('joined the co-op'));
    expect(notes()).toEqual([]);
    await w.advanceUntil('2027-03-03T18:00:00Z');
    const byAdmin = Object.fromEntries(notes().map((n) => [n.destination.kind === 'dm' ? n.destination.memberName : '#', n.message.text]));
    expect(byAdmin).toEqual({ Ana: '3 new families joined the co-op: Ben, Cat and Dan. A friendly hello goes a long way.' });
    // Ben was told he is an admin today, and one of the week's two is kept for Sunday's check-in: his line waits.
    expect(w.store.held.heldFor(w.memberId('Ben')).map((h) => h.message.text)).toEqual([
      '3 new families joined the co-op: Ana, Cat and Dan. A friendly hello goes a long way.', // Ana joined today too
    ]);
    // The next day: one newcomer, one line, which waits too (Ana has had one of her two, the other is Sunday's
    // check-in's); nothing on a day nobody joined.
    await w.say('Eve', '/help');
    await w.advanceUntil('2027-03-05T19:00:00Z');
    expect(notes()).toHaveLength(1);
    expect(w.store.held.heldFor(w.memberId('Ana')).map((h) => h.message.text)).toEqual(['A new family joined the co-op: Eve. A friendly hello goes a long way.']);
    // What waited arrives once each, gathered into one message (here with Sunday's check-in).
    await w.advanceUntil('2027-03-08T12:00:00Z');
    const gathered = (who: string) => w.sent.filter((n) => n.destination.kind === 'dm' && n.destination.memberName === who && /while you were away:/i.test(n.message.text));
    expect(gathered('Ben')).toHaveLength(1);
    expect(gathered('Ben')[0]!.message.text).toContain('3 new families joined the co-op: Ana, Cat and Dan.');
    expect(gathered('Ben')[0]!.message.text).toContain('A new family joined the co-op: Eve.');
    expect(gathered('Ana')).toHaveLength(1);
    expect(gathered('Ana')[0]!.message.text).toContain('A new family joined the co-op: Eve.');
    expect(w.store.held.heldFor(w.memberId('Ana'))).toEqual([]);
    expect(w.posts().filter((n) => n.message.text.includes('joined'))).toEqual([]);
  });

  it('the admins’ line waits for an admin’s quiet hours', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ana', '/profile quiet:"17:00-09:00"');
    await w.say('Ben', '/help');
    await w.advanceUntil('2027-03-04T08:59:00Z');
    expect(w.sent.filter((n) => n.message.text.includes('joined the co-op'))).toEqual([]);
    await w.advanceUntil('2027-03-04T09:00:00Z');
    const note = w.sent.filter((n) => n.message.text.includes('joined the co-op'));
    expect(note.map((n) => n.localTime)).toEqual(['2027-03-04 09:00']);
  });
});
