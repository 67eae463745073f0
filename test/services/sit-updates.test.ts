import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { ButtonAction, Notification, Reply } from '../../src/core/types.ts';
import { QUICK_REPLIES } from '../../src/messages/sit-updates.ts';
import { toldTo } from '../support/harness.ts';
import { createWorld, type World } from '../jobs/world.ts';

// The sitter's all's-well update, through the dispatcher and the scheduler over a real SQLite store: only the
// confirmed sitter, during the sit and up to 2 h after; every away parent by their own wish; one halfway invitation.

const ASLEEP = 'both asleep by 8 💤';
const buttonsOf = (m: Pick<Reply, 'cards'>): { label: string; action: ButtonAction }[] => (m.cards ?? []).flatMap((c) => c.buttons ?? []);
const labels = (m: Pick<Reply, 'cards'>) => buttonsOf(m).map((b) => b.label);
const button = (m: Pick<Reply, 'cards'>, label: string): ButtonAction => {
  const found = buttonsOf(m).find((b) => b.label === label);
  if (!found) throw new Error(`no button ${label} in ${labels(m).join(', ')}`);
  return found.action;
};
const updatesTo = (w: World, name: string) => w.dmsTo(name).filter((n) => n.message.text.startsWith('From '));
const invitations = (w: World, name: string): Notification[] => w.dmsTo(name).filter((n) => n.message.text.startsWith('Halfway through'));
const coopId = (w: World) => w.store.coops.find('console', 'console')!.id;
const pending = (w: World, kind: string) =>
  w.store.db
    .prepare<[string], { name: string; dueAt: number }>(
      "SELECT m.display_name AS name, j.due_at AS dueAt FROM jobs j JOIN members m ON m.id = j.member_id WHERE j.kind = ? AND j.status = 'pending' ORDER BY j.id",
    )
    .all(kind);

/**
 * Alice and Tom are one family (London); Alice asks for Saturday 6 March 19:00–23:00, Bob and Cat volunteer, Bob is
 * chosen. Quiet hours off for everyone unless a test sets them.
 */
async function bobSitsForAliceAndTom(w: World) {
  await w.say('Alice', '/coop setup timezone:Europe/London');
  for (const who of ['Alice', 'Tom', 'Bob', 'Cat']) await w.say(who, '/profile quiet:off');
  await w.say('Alice', '/household invite member:@tom');
  await w.say('Tom', '/household accept id:1');
  await w.say('Alice', '/swap request when:"sat 19:00-23:00" kids:2');
  await w.say('Bob', '/swap volunteer id:1');
  await w.say('Cat', '/swap volunteer id:1');
  await w.say('Alice', '/swap choose id:1 member:@bob');
  w.sent.length = 0;
}

describe("all's-well updates: who and when", () => {
  it('only the confirmed sitter, from the start until 2 h after the end, one line of at most 300 characters', async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    const early = w.run('Bob', `/swap update id:1 message:"${ASLEEP}"`);
    expect(early.refusal?.code).toBe('too_early');
    expect(early.text).toBe('#1 starts Sat 6 Mar, 19:00: updates can go from then until 2 h after it ends.');

    await w.advanceUntil('2027-03-06T20:00:00Z');
    for (const who of ['Alice', 'Tom', 'Cat']) {
      const refused = w.run(who, `/swap update id:1 message:"${ASLEEP}"`);
      expect(refused.refusal?.code, who).toBe('not_allowed');
      expect(refused.text).toBe("Only the sitter of #1 sends its updates. `/swap list show:mine` shows the sits you're part of.");
    }
    const long = w.run('Bob', `/swap update id:1 message:"${'x'.repeat(301)}"`);
    expect(long.refusal?.option).toBe('message');
    expect(long.text).toContain('1 to 300 characters');
    expect(w.run('Bob', '/swap update id:9 message:hi').text).toContain('There is no swap #9');
    expect(w.store.sitUpdates.ofSit(w.swapId(1))).toEqual([]);

    const sent = await w.say('Bob', `/swap update id:1 message:"${ASLEEP}\nall calm"`);
    expect(sent).toMatchObject({ visibility: 'private', text: 'Sent to Alice and Tom. Thank you!' });
    for (const parent of ['Alice', 'Tom']) {
      const [update] = updatesTo(w, parent);
      expect(update?.message.text).toBe(`From Bob, sitting #1: ${ASLEEP} all calm`);
      expect(labels(update!.message)).toEqual(['No updates for this sit']);
    }
    expect(updatesTo(w, 'Cat')).toEqual([]);
    expect(w.posts().filter((n) => n.message.text.includes('asleep'))).toEqual([]);

    await w.advanceUntil('2027-03-07T01:00:00Z'); // 2 h after the end: still fine ("home safe")
    expect((await w.say('Bob', '/swap update id:1 message:"all home safe"')).text).toBe('Sent to Alice and Tom. Thank you!');
    await w.advanceUntil('2027-03-07T01:01:00Z');
    const late = w.run('Bob', '/swap update id:1 message:"one more"');
    expect(late.refusal?.code).toBe('too_late');
    expect(late.text).toBe('#1 ended more than 2 hours ago, so its updates are closed. `/swap done id:1` confirms how it went.');
    expect(w.store.sitUpdates.ofSit(w.swapId(1)).map((u) => u.text)).toEqual([`${ASLEEP} all calm`, 'all home safe']);
  });

  it('a sit that is not on has nobody to update; the same line twice in a moment goes once; ten is plenty', async () => {
    const w = createWorld();
    await w.say('Alice', '/coop setup timezone:Europe/London');
    await w.say('Alice', '/swap offer when:"sat 19:00-23:00"');
    await w.advanceUntil('2027-03-06T20:00:00Z');
    const open = w.run('Alice', '/swap update id:1 message:hi');
    expect(open.refusal?.code).toBe('state');
    expect(open.text).toContain('#1 has no confirmed sit');

    const v = createWorld();
    await bobSitsForAliceAndTom(v);
    await v.advanceUntil('2027-03-06T20:00:00Z');
    expect(v.run('Bob', '/swap update id:1 message:"All quiet"').text).toBe('Sent to Alice and Tom. Thank you!');
    expect(v.run('Bob', '/swap update id:1 message:"All quiet"').text).toBe('You sent that a moment ago, so I did not send it twice.');
    for (let i = 2; i <= 10; i++) v.run('Bob', `/swap update id:1 message:"update ${i}"`);
    const more = v.run('Bob', '/swap update id:1 message:"update 11"');
    expect(more.refusal?.code).toBe('limit');
    expect(more.text).toContain('#1 has had 10 updates');
    expect(v.store.sitUpdates.ofSit(v.swapId(1))).toHaveLength(10);
  });
});

describe("all's-well updates: each parent's wish", () => {
  it('one parent off in their profile, the other off for this sit only: the button is idempotent and says so', async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    expect(w.run('Tom', '/profile updates:off').text).toContain('updates from your sitters off');
    await w.advanceUntil('2027-03-06T20:00:00Z');
    expect((await w.say('Bob', '/swap update id:1 message:"Pizza eaten"')).text).toBe('Sent to Alice. Thank you!');
    expect(updatesTo(w, 'Tom')).toEqual([]);
    const [update] = updatesTo(w, 'Alice');

    const off = w.press('Alice', button(update!.message, 'No updates for this sit'));
    expect(off.text).toBe('No more updates for #1. `/swap updates id:1 set:on` turns them back on; `/profile updates:off` stops them for every sit.');
    expect(w.press('Alice', button(update!.message, 'No updates for this sit')).text).toMatch(/^Updates for #1 were already off\./);
    const none = w.run('Bob', '/swap update id:1 message:"Teeth brushed"');
    expect(none.refusal?.code).toBe('state');
    expect(none.text).toBe('The family turned updates off for #1, so I sent nothing. Enjoy the sit!');
    expect(w.store.sitUpdates.ofSit(w.swapId(1))).toHaveLength(1);

    expect(w.run('Cat', '/swap updates id:1 set:off').text).toBe("You're not a parent in #1, so it sends you no updates.");
    expect(w.run('Bob', '/swap updates id:1 set:off').refusal?.code).toBe('not_allowed');
    expect(w.run('Tom', '/swap updates id:1 set:on').text).toBe('Updates for #1 are on. Your settings still turn them off for every sit: `/profile updates:on` changes that.');
    expect(w.run('Alice', '/swap updates id:1 set:on').text).toBe('Updates for #1 are on.');
    expect((await w.say('Bob', '/swap update id:1 message:"Teeth brushed"')).text).toBe('Sent to Alice. Thank you!');
  });

  it("the opt-out is for one sit: the family's next sit with the same sitter sends updates again", async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    await w.say('Alice', '/swap request when:"2027-03-13 19:00 3h"');
    await w.say('Bob', '/swap volunteer id:2');
    await w.say('Alice', '/swap choose id:2 member:@bob');
    w.run('Alice', '/swap updates id:1 set:off');
    await w.advanceUntil('2027-03-06T20:00:00Z');
    expect((await w.say('Bob', '/swap update id:1 message:"Stories read"')).text).toBe('Sent to Tom. Thank you!');
    await w.advanceUntil('2027-03-13T20:00:00Z');
    expect((await w.say('Bob', '/swap update id:2 message:"Stories read"')).text).toBe('Sent to Alice and Tom. Thank you!');
    expect(updatesTo(w, 'Alice').map((n) => n.message.text)).toEqual(['From Bob, sitting #2: Stories read']);
  });

  it("'anytime' comes through quiet hours; 'on' waits for them to end, uncounted, and the sitter is told", async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    await w.say('Alice', '/profile quiet:"21:00-08:00"');
    await w.say('Tom', '/profile quiet:"21:00-08:00" updates:anytime');
    await w.advanceUntil('2027-03-06T22:00:00Z');
    const counted = w.store.unprompted.countInWeek(w.memberId('Alice'), '2027-03-01');
    const reply = await w.say('Bob', `/swap update id:1 message:"${ASLEEP}"`);
    expect(reply.text).toBe('Sent to Tom and Alice. Alice will see it after quiet hours — for anything urgent, please call. Thank you!');
    expect(updatesTo(w, 'Tom')).toHaveLength(1);
    expect(updatesTo(w, 'Alice')).toEqual([]);
    expect(toldTo(w.store, coopId(w), 'alice')).toContain(`From Bob, sitting #1: ${ASLEEP}`);

    await w.advanceUntil('2027-03-07T07:59:00Z');
    expect(updatesTo(w, 'Alice')).toEqual([]);
    await w.advanceUntil('2027-03-07T08:00:00Z');
    // It comes with the first message of her morning (here the completion prompt), with its own button.
    const morning = w.dmsTo('Alice').filter((n) => n.message.text.includes(ASLEEP));
    expect(morning).toHaveLength(1);
    expect(morning[0]?.localTime).toBe('2027-03-07 08:00');
    expect(morning[0]?.message.text).toContain(`while you were away:\n\nFrom Bob, sitting #1: ${ASLEEP}`);
    expect(labels(morning[0]!.message)).toContain('No updates for this sit');
    expect(labels(morning[0]!.message)).not.toContain('Quiet for a week'); // updates are not unprompted
    expect(w.store.unprompted.countInWeek(w.memberId('Alice'), '2027-03-01')).toBe(counted); // nor counted in her two a week
  });

  it('a session: the host updates every booked family, each parent once, as their host', async () => {
    const w = createWorld();
    await w.say('Bob', '/coop setup timezone:Europe/London');
    for (const who of ['Alice', 'Bob', 'Cat', 'Dan']) await w.say(who, '/profile quiet:off');
    await w.say('Bob', '/swap session when:"sat 10:00-13:00" capacity:6');
    await w.say('Alice', '/swap book id:1 kids:2');
    await w.say('Cat', '/swap book id:1 kids:1');
    await w.advanceUntil('2027-03-06T11:00:00Z');
    expect(w.run('Cat', '/swap update id:1 message:"hi"').refusal?.code).toBe('not_allowed');
    expect((await w.say('Bob', '/swap update id:1 message:"Painting, then snacks"')).text).toBe('Sent to Alice and Cat. Thank you!');
    expect(updatesTo(w, 'Alice').map((n) => n.message.text)).toEqual(['From Bob, hosting #1: Painting, then snacks']);
    expect(updatesTo(w, 'Cat')).toHaveLength(1);
    expect(updatesTo(w, 'Dan')).toEqual([]);
  });
});

describe('the halfway invitation to the sitter', () => {
  it('comes once, halfway, with three quick replies; each sends its line with one tap through /swap update', async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    expect(pending(w, 'update_invitation')).toEqual([{ name: 'Bob', dueAt: Date.parse('2027-03-06T21:00:00Z') }]);
    await w.advanceUntil('2027-03-06T20:59:00Z');
    expect(invitations(w, 'Bob')).toEqual([]);
    await w.advanceUntil('2027-03-06T21:00:00Z');
    const [invite] = invitations(w, 'Bob');
    expect(invite?.localTime).toBe('2027-03-06 21:00');
    expect(invite?.message.text).toBe(
      'Halfway through #1 — how is it going? One tap tells Alice and Tom all is well, so they can relax. Or write a line: `/swap update id:1 message:"…"`.',
    );
    expect(buttonsOf(invite!.message).map((b) => `${b.label}=${encodeAction(b.action)}`)).toEqual([
      "All's well=swap.update?id=1&message=All's%20well%20%F0%9F%99%82",
      'Asleep=swap.update?id=1&message=All%20asleep%20%F0%9F%92%A4',
      'Write a line…=swap.update?id=1',
    ]);
    for (const who of ['Alice', 'Tom', 'Cat']) expect(invitations(w, who), who).toEqual([]);

    expect(w.press('Bob', button(invite!.message, "All's well")).text).toBe('Sent to Alice and Tom. Thank you!');
    expect(w.press('Bob', button(invite!.message, "All's well")).text).toBe('You sent that a moment ago, so I did not send it twice.');
    w.clock.advance(60 * 60_000);
    expect(w.press('Bob', button(invite!.message, 'Asleep')).text).toBe('Sent to Alice and Tom. Thank you!');
    // Where there are no forms (the console), "Write a line…" says what to add.
    expect(w.press('Bob', button(invite!.message, 'Write a line…')).text).toBe('Add `message:` — like `/swap update id:1 message:"both asleep by 8"`.');
    // Another member pressing the sitter's buttons sends nothing.
    expect(w.press('Cat', button(invite!.message, 'Asleep')).refusal?.code).toBe('not_allowed');
    await w.deliver();
    expect(updatesTo(w, 'Tom').map((n) => n.message.text)).toEqual(["From Bob, sitting #1: All's well 🙂", 'From Bob, sitting #1: All asleep 💤']);

    await w.advanceUntil('2027-03-08T12:00:00Z');
    expect(invitations(w, 'Bob')).toHaveLength(1);
  });

  it('follows the sit: gone when the sitter drops out, planned for the new one, gone when it is cancelled', async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    await w.say('Bob', '/swap cancel id:1');
    expect(pending(w, 'update_invitation')).toEqual([]);
    await w.say('Cat', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@cat');
    expect(pending(w, 'update_invitation')).toEqual([{ name: 'Cat', dueAt: Date.parse('2027-03-06T21:00:00Z') }]);
    await w.say('Alice', '/swap cancel id:1 reason:"grandma came"');
    expect(pending(w, 'update_invitation')).toEqual([]);
    await w.advanceUntil('2027-03-07T12:00:00Z');
    expect([...invitations(w, 'Bob'), ...invitations(w, 'Cat')]).toEqual([]);
  });

  it('is not sent when every parent turned updates off, nor when the sitter has already written', async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    await w.say('Tom', '/profile updates:off');
    await w.say('Alice', '/swap updates id:1 set:off');
    await w.advanceUntil('2027-03-06T23:00:00Z');
    expect(invitations(w, 'Bob')).toEqual([]);

    const v = createWorld();
    await bobSitsForAliceAndTom(v);
    await v.advanceUntil('2027-03-06T19:30:00Z');
    await v.say('Bob', '/swap update id:1 message:"Arrived, all smiles"');
    await v.advanceUntil('2027-03-06T23:00:00Z');
    expect(invitations(v, 'Bob')).toEqual([]);
  });

  it("waits for the sitter's quiet hours to end, and is dropped if they last until the end of the sit", async () => {
    const w = createWorld();
    await bobSitsForAliceAndTom(w);
    await w.say('Bob', '/profile quiet:"20:30-21:30"');
    await w.advanceUntil('2027-03-06T23:00:00Z');
    expect(invitations(w, 'Bob').map((n) => n.localTime)).toEqual(['2027-03-06 21:30']);

    const v = createWorld();
    await bobSitsForAliceAndTom(v);
    await v.say('Bob', '/profile quiet:"21:00-08:00"');
    await v.advanceUntil('2027-03-07T09:00:00Z');
    expect(invitations(v, 'Bob')).toEqual([]);
  });

  it("keeps every button id within Discord's 100 characters, even in a DM and for a six-digit swap number", () => {
    const guildPrefix = `${'9'.repeat(19)}/`;
    for (const { text } of QUICK_REPLIES) {
      const id = encodeAction({ command: 'swap', sub: 'update', options: { id: 999_999, message: text } });
      expect(`${guildPrefix}${id}`.length).toBeLessThanOrEqual(100);
    }
  });
});
