import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../support/invariants.ts';
import { ZOE, zoeWorld, type ZoeWorld } from './zoe.ts';

// The child card is one row per family, rewritten in place: an earlier version lives on only in the copies made of
// it — the sitter's reminders (sent, queued or held), the sitter's "Child card" answers and the family's own
// `/household card` answers, remembered for re-deliveries. After /privacy forget, the database FILE (checkpointed,
// so the WAL is folded in) holds none of the versions she wrote; what her partner wrote stays theirs.

const dir = mkdtempSync(join(tmpdir(), 'breather-forget-card-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Zoe's versions of the family's card, oldest first: written in the form, so on several lines, like its template. */
const ZOES = [
  'Children: Milo, 4\nAllergies: hides cashew biscuits under the sofa',
  'Children: Milo, 4\nMedicines: the green inhaler before running\nEmergency contact: Gran Hetty 07700 900456',
  'Children: Milo, 4\nBedtime: falls asleep only to whale songs',
];
/** Ana's versions: one before Zoe's, and (in the second sit) one after. */
const ANAS_FIRST = 'Milo may have one oat bar after tea';
const ANAS_LAST = 'Milo goes to bed at seven with the night light on';

/** What to look for: each line on its own, as a copy in JSON (a message, a file inside an answer) escapes the line breaks. */
const linesOf = (texts: readonly string[]) => [...new Set(texts.flatMap((t) => t.split('\n')))];
const ZOES_LINES = linesOf(ZOES);

/** Every place a text occurs in the file, as UTF-8, in any ASCII case. */
function occurrences(file: Buffer, text: string): number {
  const haystack = file.toString('latin1').toLowerCase();
  const needle = Buffer.from(text.toLowerCase(), 'utf8').toString('latin1');
  let found = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found += 1;
  return found;
}

function fileOf(w: ZoeWorld, path: string): Buffer {
  w.store.db.pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(path);
}

/**
 * Ana and Zoe share a household; Ben sits for Ana on Friday 5 March 2027, 19:00–23:00 London. The card is written
 * by Ana, then rewritten by Zoe three times, and Ben is shown each version as it stands: on his reminders and with
 * the "Child card" button. Zoe and Ana read it back with `/household card`, and Ana and Ben export their data. `anaHasTheLastWord`: Ana rewrites it
 * once more before Zoe asks to be forgotten.
 */
async function cardRewritten(w: ZoeWorld, anaHasTheLastWord: boolean): Promise<void> {
  await w.say('Ana', '/coop setup timezone:Europe/London');
  for (const who of ['Ben', 'Zoe']) await w.say(who, '/help');
  await w.say('Ana', '/household invite member:@zoe');
  await w.say('Zoe', '/household accept id:1');
  await w.say('Ana', `/household card text:"${ANAS_FIRST}"`);
  await w.say('Ana', '/swap request when:"2027-03-05 19:00 4h" kids:1');
  await w.say('Ben', '/swap volunteer id:1');
  await w.say('Ana', '/swap choose id:1 member:@Ben');
  await w.advanceUntil('2027-03-04T19:30:00Z'); // the 24 h reminder: Ana's first version
  await w.say('Zoe', `/household card text:"${ZOES[0]}"`);
  await w.say('Ben', '/swap card id:1');
  await w.say('Ben', '/privacy export'); // his copy of the reminder he was sent, remembered for a re-delivery
  await w.advanceUntil('2027-03-05T12:00:00Z');
  await w.say('Zoe', `/household card text:"${ZOES[1]}"`);
  await w.say('Zoe', '/household card');
  await w.advanceUntil('2027-03-05T17:30:00Z'); // the 2 h reminder: Zoe's second version
  await w.say('Zoe', `/household card text:"${ZOES[2]}"`);
  await w.say('Ana', '/household card');
  await w.say('Ana', '/privacy export'); // the family's card as it stands, remembered for a re-delivery
  await w.say('Ben', '/swap card id:1');
  if (anaHasTheLastWord) {
    await w.say('Ana', `/household card text:"${ANAS_LAST}"`);
    await w.say('Ben', '/swap card id:1');
  }
}

describe('/privacy forget and the versions of a child card, read from the database file', () => {
  it('leaves none of the versions she wrote when hers is the card now: the card goes, with who saw it', async () => {
    const path = join(dir, 'hers-last.db');
    const w = zoeWorld({ path });
    await cardRewritten(w, false);
    const lived = fileOf(w, path);
    // The scenario did leave every version in the file, outside the card's own row.
    for (const text of [ANAS_FIRST, ...ZOES_LINES]) expect(occurrences(lived, text), text).toBeGreaterThan(0);

    await w.say('Zoe', '/privacy forget confirm:yes');
    const file = fileOf(w, path);
    expect(ZOES_LINES.map((text) => [text, occurrences(file, text)]).filter(([, n]) => n !== 0)).toEqual([]);
    expect(occurrences(file, ZOE.name)).toBe(0);
    // Ana's earlier version is hers: the copy Ben was sent stays.
    expect(occurrences(file, ANAS_FIRST)).toBeGreaterThan(0);
    const ana = w.store.members.get(w.memberId('Ana'));
    expect(w.store.childCards.get(ana.householdId)).toBeUndefined();
    checkInvariants(w.store.db, { integrity: true });
    w.store.db.close();
  });

  it("leaves none of the versions she wrote when her partner rewrote it last: the partner's card stays, with who saw it", async () => {
    const path = join(dir, 'partners-last.db');
    const w = zoeWorld({ path });
    await cardRewritten(w, true);
    const ana = w.store.members.get(w.memberId('Ana'));
    const showings = w.store.childCards.showingsOf(ana.householdId, 100);
    const lived = fileOf(w, path);
    for (const text of [ANAS_FIRST, ANAS_LAST, ...ZOES_LINES]) expect(occurrences(lived, text), text).toBeGreaterThan(0);

    expect(w.as('Zoe', '/privacy forget').text).not.toContain('child card');
    await w.say('Zoe', '/privacy forget confirm:yes');
    const file = fileOf(w, path);
    expect(ZOES_LINES.map((text) => [text, occurrences(file, text)]).filter(([, n]) => n !== 0)).toEqual([]);
    expect(occurrences(file, ZOE.name)).toBe(0);
    expect(occurrences(file, ANAS_FIRST)).toBeGreaterThan(0);
    expect(w.toldTo('Ana').map((m) => m.text).filter((t) => t.includes('forget them'))).toEqual([
      'Someone in your family asked Breather to forget them, so they no longer share your balance. It stays with you: 5 h of credit.',
    ]);
    expect(w.store.childCards.get(ana.householdId)).toMatchObject({ text: ANAS_LAST, updatedBy: ana.id });
    expect(w.store.childCards.showingsOf(ana.householdId, 100)).toEqual(showings);
    // Ben can still open the family's card during the sit.
    expect(w.as('Ben', '/swap card id:1').cards?.map((c) => c.text)).toEqual([ANAS_LAST]);
    checkInvariants(w.store.db, { integrity: true });
    w.store.db.close();
  });
});
