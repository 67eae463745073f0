import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../support/invariants.ts';
import { BENS_NOTE, livedIn, NOTES, ZOE, zoeWorld } from './zoe.ts';

// The promise of /privacy forget, checked where it matters: the database FILE. After a checkpoint (so the WAL is
// folded in and emptied), its bytes hold neither the member's name, nor anything she wrote, nor her platform id:
// not in a live row, not in free space (secure_delete zeroes what is deleted or overwritten), not in an index.

const dir = mkdtempSync(join(tmpdir(), 'breather-forget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every place a text occurs in the file, as UTF-8, in any ASCII case. */
function occurrences(file: Buffer, text: string): number[] {
  const haystack = file.toString('latin1').toLowerCase();
  const needle = Buffer.from(text.toLowerCase(), 'utf8').toString('latin1');
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

describe('/privacy forget, read from the database file', () => {
  it("leaves no trace of her name, her notes or her platform id in the file, and the ledger still balances", async () => {
    const path = join(dir, 'breather.db');
    const w = zoeWorld({ path });
    await livedIn(w);
    w.as('Zoe', '/privacy export'); // a copy of everything, remembered for re-deliveries
    // The DM channel a platform's relay keeps after her first DM (the console opens none): keyed by her platform id.
    w.store.dmChannels.remember('console', 'console', ZOE.ref, 'D0ZOECHANNEL', Date.now());
    const secrets = [ZOE.name, 'Quillfeather', ZOE.ref, 'D0ZOECHANNEL', ...Object.values(NOTES)];
    const { db } = w.store;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const lived = readFileSync(path);
    // The scenario did put every one of them in the file (so finding none later means something).
    for (const secret of secrets) expect(occurrences(lived, secret).length, secret).toBeGreaterThan(0);

    await w.say('Zoe', '/privacy forget confirm:yes');
    w.as('Ana', '/credits history'); // life goes on
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(path);
    const left = secrets.map((secret) => [secret, occurrences(file, secret).length]).filter(([, n]) => n !== 0);
    expect(left).toEqual([]);
    // What Ben wrote stays, without her name in it.
    expect(occurrences(file, BENS_NOTE.replace(ZOE.name, 'a former member')).length).toBeGreaterThan(0);

    checkInvariants(db, { integrity: true });
    db.close();
  });
});
