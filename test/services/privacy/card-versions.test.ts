import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../jobs/world.ts';

// Who wrote each version of a family's child card, kept by a fingerprint of its text (never the text): what lets
// /privacy forget recognise the copies of the versions a parent wrote, and what /privacy export tells them is kept.

const family = async (w: World) => {
  await w.say('Alice', '/coop setup timezone:Europe/London');
  await w.say('Dan', '/help');
  await w.say('Alice', '/household invite member:@dan');
  await w.say('Dan', '/household accept id:1');
  return w.store.members.get(w.memberId('Alice')).householdId;
};
const isOnlyBy = (w: World, who: string, text: string) => w.store.childCards.versionsOnlyByMatcher(w.memberId(who))?.(text) ?? false;
const exported = (w: World, who: string) =>
  (JSON.parse(w.run(who, '/privacy export').attachments?.[0]?.content ?? '{}') as { childCard: { versionsYouWrote: unknown[] } }).childCard.versionsYouWrote;

describe('the versions of a child card', () => {
  it('are known by writer: an earlier version stays theirs once rewritten, and never matches another text', async () => {
    const w = createWorld();
    const household = await family(w);
    await w.say('Dan', '/household card text:"Mia, 4: no nuts"');
    w.clock.advance(60_000);
    await w.say('Alice', '/household card text:"Mia, 4: no nuts, no sesame"');
    expect(w.store.childCards.get(household)?.text).toBe('Mia, 4: no nuts, no sesame');
    expect(isOnlyBy(w, 'Dan', 'Mia, 4: no nuts')).toBe(true);
    expect(isOnlyBy(w, 'Dan', 'Mia, 4: no nuts, no sesame')).toBe(false);
    expect(isOnlyBy(w, 'Dan', 'Mia, 4: no nuts ')).toBe(false);
    expect(isOnlyBy(w, 'Alice', 'Mia, 4: no nuts, no sesame')).toBe(true);
    expect(isOnlyBy(w, 'Alice', 'Mia, 4: no nuts')).toBe(false);
    // Only fingerprints are kept: the earlier text is nowhere in the table.
    expect(w.store.db.prepare("SELECT count(*) FROM child_card_versions WHERE text_hash LIKE '%nuts%'").pluck().get()).toBe(0);
  });

  it('a text both parents saved is theirs together: it is not counted as only one of theirs', async () => {
    const w = createWorld();
    await family(w);
    await w.say('Dan', '/household card text:"Mia, 4: no nuts"');
    await w.say('Alice', '/household card text:"Mia, 4: no nuts"');
    expect(isOnlyBy(w, 'Dan', 'Mia, 4: no nuts')).toBe(false);
    expect(isOnlyBy(w, 'Alice', 'Mia, 4: no nuts')).toBe(false);
  });

  it('a card written before versions were kept is fingerprinted, for its writer, as it is rewritten or removed', async () => {
    const w = createWorld();
    const household = await family(w);
    const older = w.store.db.prepare('INSERT INTO child_cards (household_id, text, updated_by, updated_at) VALUES (?, ?, ?, ?)');
    older.run(household, 'Mia, 3: naps at one', w.memberId('Dan'), 1);
    expect(w.store.childCards.versionsOnlyByMatcher(w.memberId('Dan'))).toBeUndefined();
    await w.say('Alice', '/household card text:"Mia, 4: no nuts"');
    expect(isOnlyBy(w, 'Dan', 'Mia, 3: naps at one')).toBe(true);

    w.store.db.prepare('UPDATE child_cards SET text = ?, updated_by = ? WHERE household_id = ?').run('Mia, 4: bed at seven', w.memberId('Dan'), household);
    await w.say('Alice', '/household card text:delete');
    expect(isOnlyBy(w, 'Dan', 'Mia, 4: bed at seven')).toBe(true);
  });

  it('are listed in the export of the parent who wrote them (when, for which household), and go when they are forgotten', async () => {
    const w = createWorld();
    const household = await family(w);
    await w.say('Dan', '/household card text:"Mia, 4: no nuts"');
    w.clock.advance(60_000);
    await w.say('Dan', '/household card text:"Mia, 4: no nuts, no sesame"');
    const at = (ms: number) => new Date(ms).toISOString();
    expect(exported(w, 'Dan')).toEqual([
      { household, at: at(w.clock.now() - 60_000) },
      { household, at: at(w.clock.now()) },
    ]);
    expect(exported(w, 'Alice')).toEqual([]);
    const dan = w.memberId('Dan');
    await w.say('Dan', '/privacy forget confirm:yes');
    expect(w.store.db.prepare('SELECT count(*) FROM child_card_versions WHERE written_by = ?').pluck().get(dan)).toBe(0);
  });
});
