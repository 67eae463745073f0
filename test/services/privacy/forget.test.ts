import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../support/invariants.ts';
import { dbSnapshot } from '../../support/snapshot.ts';
import { livedIn, ZOE, zoeWorld, type ZoeWorld } from './zoe.ts';

const count = (w: ZoeWorld, sql: string, ...params: unknown[]) => w.store.db.prepare(sql).pluck().get(...params) as number;
const householdSum = (w: ZoeWorld) => count(w, "SELECT sum(balance) FROM accounts WHERE kind = 'household'");
/** What a member was sent, or is still held for them by the delivery policy. */
const dmTexts = (w: ZoeWorld, name: string) => w.toldTo(name).map((m) => m.text);

describe('/privacy forget', () => {
  it('asks first, with one button, and changes nothing until it is pressed', async () => {
    const w = zoeWorld();
    await livedIn(w);
    const before = dbSnapshot(w.store.db);
    const asked = w.as('Zoe', '/privacy forget');
    expect(asked.visibility).toBe('private');
    expect(asked.text).toContain('your name becomes "a former member" everywhere');
    expect(asked.text).toContain("You stop sharing your family's balance; it stays with the others. The child card you wrote for your family goes too; they can write a new one.");
    expect(asked.cards?.[0]?.buttons?.map((b) => [b.label, b.action])).toEqual([['Forget me', { command: 'privacy', sub: 'forget', options: { confirm: 'yes' } }]]);
    // Only the remembered answer (for a re-delivery) was written.
    expect(dbSnapshot(w.store.db).replace(/invocations: .*/, '')).toBe(before.replace(/invocations: .*/, ''));
  });

  it('anonymises, deletes and cancels as promised, leaves the household, and keeps every balance adding up', async () => {
    const w = zoeWorld();
    await livedIn(w);
    const coopId = w.store.coops.find('console', 'console')!.id;
    const zoe = w.store.members.find(coopId, ZOE.ref)!;
    const ana = () => w.balanceOf('Ana');
    const [anaBefore, sumBefore, transfersBefore] = [ana(), householdSum(w), count(w, 'SELECT count(*) FROM transfers')];
    w.sent.length = 0;

    const done = await w.say('Zoe', '/privacy forget confirm:yes');
    expect(done.text).toBe(
      "Done: Breather has forgotten you in this co-op. I cancelled or stepped you out of 2 open swaps and told the people in them. The ledger keeps its entries, without your name, so everyone's balance still adds up. If you come back, you start fresh (without new starting credits).",
    );

    const row = w.store.members.get(zoe.id);
    expect(row).toMatchObject({ displayName: 'a former member', externalRef: `forgotten:${zoe.id}`, timezone: null, profileTimezone: null, quietStart: null, quietEnd: null, isAdmin: false });
    expect(row.forgottenAt).toBe(w.clock.now());
    for (const table of ['breaks', 'checkin_settings', 'unprompted_messages', 'held_messages', 'jobs']) expect(count(w, `SELECT count(*) FROM ${table} WHERE member_id = ?`, zoe.id), table).toBe(0);
    expect(count(w, 'SELECT count(*) FROM household_invitations WHERE inviter_member_id = ? OR invitee_member_id = ?', zoe.id, zoe.id)).toBe(0);
    expect(count(w, "SELECT count(*) FROM outbox WHERE json_extract(destination, '$.memberRef') = ?", ZOE.ref)).toBe(0);
    const notes = w.store.db.prepare<[], string>('SELECT note FROM transfer_notes ORDER BY transfer_id').pluck().all();
    expect(notes).toEqual(['sat for Cat', 'sat for Cat', 'thanks a former member for Tuesday', 'welcome, a former member']);
    const swaps = w.store.db.prepare<[number], { number: number; status: string; note: string; resolution_note: string | null; timezone: string }>(
      'SELECT number, status, note, resolution_note, timezone FROM swaps WHERE coop_id = ? ORDER BY number',
    ).all(coopId);
    expect(swaps.map((s) => [s.number, s.status])).toEqual([[1, 'completed'], [2, 'accepted'], [3, 'open'], [4, 'cancelled'], [5, 'cancelled']]);
    for (const s of swaps) expect([s.number, s.note, s.timezone]).toEqual([s.number, '', 'Europe/London']);
    expect(swaps[4]?.resolution_note).toBeNull();

    // The usual notices, in the words of the others, and without her name.
    expect(dmTexts(w, 'Cat')).toContain('a former member cancelled #4 (they have left Breather). No credit moved.');
    expect(dmTexts(w, 'Ben')).toContain('a former member withdrew from #3 (they have left Breather).');
    expect(w.posts().map((n) => n.message.text)).toContain('#4 was cancelled.');
    expect(dmTexts(w, 'Ana')).toContain(
      "Someone in your family asked Breather to forget them, so they no longer share your balance. It stays with you: -0.25 h of credit. The child card they wrote went with them: `/household card` writes a new one.",
    );
    // #2 was already under way: it stays, to be settled as usual, but nothing more is sent to her about it.
    const live = "SELECT s.number FROM swap_parties p JOIN swaps s ON s.id = p.swap_id WHERE p.member_id = ? AND p.status = 'active' AND s.status IN ('open', 'accepted')";
    expect(w.store.db.prepare(live).pluck().all(zoe.id)).toEqual([2]);

    // Household: she left it; its balance stayed. Ledger: nothing written, everything adds up.
    expect(w.store.members.get(zoe.id).householdId).not.toBe(w.store.members.find(coopId, 'ana')!.householdId);
    expect(ana()).toBe(anaBefore);
    expect(householdSum(w)).toBe(sumBefore);
    expect(count(w, 'SELECT count(*) FROM transfers')).toBe(transfersBefore);
    checkInvariants(w.store.db, { integrity: true });
    expect(w.as('Ana', '/credits history').text).toContain('gift from a former member to Ben');
    expect(w.as('Ana', '/coop report').text).not.toContain('Zoe');
  });

  it('refuses to forget twice, changing nothing and creating no one', async () => {
    const w = zoeWorld();
    await livedIn(w);
    w.as('Zoe', '/privacy forget confirm:yes');
    const before = dbSnapshot(w.store.db);
    const again = w.as('Zoe', '/privacy forget confirm:yes');
    expect(again.text).toBe('Breather has already forgotten you in this co-op: there is nothing of yours left to remove.');
    expect(again.refusal?.code).toBe('state');
    expect(dbSnapshot(w.store.db)).toBe(before);
  });

  it('lets a forgotten member come back fresh: a new household at zero, no second start, nothing of the old life', async () => {
    const w = zoeWorld();
    await livedIn(w);
    w.as('Zoe', '/privacy forget confirm:yes');
    const starts = count(w, "SELECT count(*) FROM transfers WHERE kind = 'starting'");
    expect(w.as('Zoe', '/help').text).toContain('Breather helps your group');
    expect(w.as('Zoe', '/credits balance').text).toBe('You have 0 h of credit; the co-op lets you go down to -10 h and bank up to 40 h.');
    expect(count(w, "SELECT count(*) FROM transfers WHERE kind = 'starting'")).toBe(starts);
    expect(w.as('Zoe', '/household show').text).toContain('You have a balance of your own: 0 h of credit.');
    const data = JSON.parse(w.as('Zoe', '/privacy export').attachments?.[0]?.content ?? '') as { swaps: unknown[]; breakLog: unknown[]; profile: { timezone: string | null } };
    expect([data.swaps, data.breakLog, data.profile.timezone]).toEqual([[], [], null]);
    expect(count(w, "SELECT count(*) FROM members WHERE display_name = 'a former member'")).toBe(1);
    checkInvariants(w.store.db);
  });

  it('clears the name of a household of one, whose balance stays where it is', async () => {
    const w = zoeWorld();
    await livedIn(w);
    w.as('Cat', '/household name name:"Cat Crew"');
    const cat = w.balanceOf('Cat');
    w.as('Cat', '/privacy forget confirm:yes');
    expect(count(w, "SELECT count(*) FROM households WHERE name LIKE '%Cat%'")).toBe(0);
    const report = w.as('Ana', '/coop report').text;
    expect(report).toContain(`a former member: ${cat / 60} h`);
    expect(report).not.toContain('Cat');
  });
});
