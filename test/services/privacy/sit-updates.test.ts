import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toldTo } from '../../support/harness.ts';
import { checkInvariants } from '../../support/invariants.ts';
import { createWorld, type World } from '../../jobs/world.ts';

// All's-well updates are private to the sit's parties: each sees theirs in /privacy export (the sitter what they
// wrote, a parent what came for their family while they were in it), and /privacy forget takes a sitter's words out
// of every copy (the record, the parents' messages, one still waiting for a parent's quiet hours to end) and a
// parent's "no updates" choices with them.

const dir = mkdtempSync(join(tmpdir(), 'breather-sit-updates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIRST = 'Mia built a Lego castle';
const SECOND = 'Quentin read three dragon stories';

interface UpdatesPart {
  writtenByYou: { swap: number; text: string; at: string }[];
  forYourFamily: { swap: number; from: string; text: string; at: string }[];
  turnedOffFor: { swap: number; at: string }[];
}

function exported(w: World, who: string): { summary: string; updates: UpdatesPart } {
  const reply = w.run(who, '/privacy export');
  const data = JSON.parse(reply.attachments?.[0]?.content ?? '{}') as { sitUpdates: UpdatesPart };
  return { summary: reply.text, updates: data.sitUpdates };
}

/** Every place a text occurs in the file, in any ASCII case (as test/services/privacy/forget-file.test.ts reads it). */
function occurrences(file: Buffer, text: string): number {
  const haystack = file.toString('latin1').toLowerCase();
  const needle = Buffer.from(text.toLowerCase(), 'utf8').toString('latin1');
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n += 1;
  return n;
}

/**
 * Alice and Tom are one family; Quentin sits for them on Saturday 6 March 19:00–23:00 (London). Alice and Quentin
 * have quiet hours off; Tom keeps the default 21:00–08:00. At 20:00 Quentin writes; Alice turns this sit's updates
 * off; at 22:00 he writes again (Tom's copy waits for the morning).
 */
async function quentinWrites(w: World) {
  await w.say('Alice', '/coop setup timezone:Europe/London');
  for (const who of ['Alice', 'Quentin', 'Cat']) await w.say(who, '/profile quiet:off');
  await w.say('Tom', '/help');
  await w.say('Alice', '/household invite member:@tom');
  await w.say('Tom', '/household accept id:1');
  await w.say('Alice', '/swap request when:"sat 19:00-23:00"');
  await w.say('Quentin', '/swap volunteer id:1');
  await w.say('Alice', '/swap choose id:1 member:@quentin');
  await w.advanceUntil('2027-03-06T20:00:00Z');
  await w.say('Quentin', `/swap update id:1 message:"${FIRST}"`);
  await w.say('Alice', '/swap updates id:1 set:off');
  await w.advanceUntil('2027-03-06T22:00:00Z');
  expect((await w.say('Quentin', `/swap update id:1 message:"${SECOND}"`)).text).toContain('Tom will see it after quiet hours');
}

describe("all's-well updates in /privacy export", () => {
  it('the sitter gets what they wrote; each parent what came for their family while in it; a stranger nothing', async () => {
    const w = createWorld();
    await quentinWrites(w);
    const quentin = exported(w, 'Quentin');
    expect(quentin.updates.writtenByYou.map((u) => [u.swap, u.text, u.at])).toEqual([
      [1, FIRST, '2027-03-06T20:00:00.000Z'],
      [1, SECOND, '2027-03-06T22:00:00.000Z'],
    ]);
    expect(quentin.updates.forYourFamily).toEqual([]);
    expect(quentin.summary).toContain("all's-well updates (2 you sent)");

    const tom = exported(w, 'Tom');
    expect(tom.updates.forYourFamily.map((u) => [u.swap, u.from, u.text])).toEqual([
      [1, 'Quentin', FIRST],
      [1, 'Quentin', SECOND],
    ]);
    expect(tom.summary).toContain("all's-well updates (2 for your family)");
    // Alice turned them off after the first: the second was never hers.
    const alice = exported(w, 'Alice');
    expect(alice.updates.forYourFamily.map((u) => u.text)).toEqual([FIRST]);
    expect(alice.updates.turnedOffFor).toEqual([{ swap: 1, at: '2027-03-06T20:00:00.000Z' }]);

    // Dan joins the family after the sit: its updates were never his to see.
    w.clock.advance(60_000);
    await w.say('Dan', '/help');
    await w.say('Alice', '/household invite member:@dan');
    await w.say('Dan', '/household accept id:2');
    const dan = exported(w, 'Dan');
    expect(dan.updates).toEqual({ writtenByYou: [], forYourFamily: [], turnedOffFor: [] });
    expect(dan.summary).not.toContain("all's-well");
    expect(exported(w, 'Cat').updates).toEqual({ writtenByYou: [], forYourFamily: [], turnedOffFor: [] });
  });
});

describe("all's-well updates in /privacy forget", () => {
  it("a forgotten parent's choices go; a forgotten sitter's words leave every copy, down to the database file", async () => {
    const path = join(dir, 'breather.db');
    const w = createWorld({ path });
    await quentinWrites(w);
    const coopId = w.store.coops.find('console', 'console')!.id;
    expect(toldTo(w.store, coopId, 'tom')).toContain(`From Quentin, sitting #1: ${SECOND}`); // waiting for his morning
    const { db } = w.store;
    const optOuts = () => db.prepare<[], { member: number }>('SELECT member_id AS member FROM sit_update_optouts').all();
    expect(optOuts()).toEqual([{ member: w.memberId('Alice') }]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const secret of [FIRST, SECOND, 'Quentin']) expect(occurrences(readFileSync(path), secret), secret).toBeGreaterThan(0);

    w.clock.advance(60_000);
    await w.say('Alice', '/privacy forget confirm:yes');
    expect(optOuts()).toEqual([]);

    await w.say('Quentin', '/privacy forget confirm:yes');
    expect(w.store.sitUpdates.ofSit(w.swapId(1)).map((u) => u.text)).toEqual(['(removed)', '(removed)']);
    // Tom's copy still comes, with what else waited for him (here his Sunday check-in), without the name or the words.
    expect(toldTo(w.store, coopId, 'tom')).toContain('From a former member, sitting #1: (removed)');
    await w.advanceUntil('2027-03-08T08:00:00Z');
    const later = w.dmsTo('Tom').filter((n) => n.message.text.includes('sitting #1: (removed)'));
    expect(later.map((n) => n.localTime)).toEqual(['2027-03-07 19:00']);
    expect(later[0]?.message.text).toContain('while you were away:\n\nFrom a former member, sitting #1: (removed)');
    expect(exported(w, 'Tom').updates.forYourFamily.map((u) => [u.from, u.text])).toEqual([
      ['a former member', '(removed)'],
      ['a former member', '(removed)'],
    ]);

    w.run('Tom', '/credits history'); // life goes on
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(path);
    expect([FIRST, SECOND, 'Quentin'].filter((secret) => occurrences(file, secret) > 0)).toEqual([]);
    checkInvariants(db, { integrity: true });
    db.close();
  });
});
