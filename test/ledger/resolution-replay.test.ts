import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { movement } from '../../src/domain/ledger.ts';
import { createHarness } from '../support/harness.ts';
import { checkInvariants, replayBalances } from '../support/invariants.ts';
import { DAY, ledgerFixture, ok, settledSwap } from './fixture.ts';

// Ledger invariants 6–7 of DESIGN.md on real SQLite: a swap resolves once; replay and restore.

describe('invariant 6: a swap resolves at most once', () => {
  it('confirming twice settles once; the second answer says it is already completed', () => {
    const f = ledgerFixture();
    settledSwap(f);
    const before = f.counts();
    expect(ok(f.h.run('Alice', '/swap done id:1')).text).toMatch(/already completed/);
    expect(ok(f.h.run('Bob', '/swap done id:1')).text).toMatch(/already completed/);
    expect(ok(f.h.run('Alice', '/swap cancel id:1')).text).toMatch(/already completed/);
    expect(f.counts()).toEqual(before);
    expect(f.h.store.db.prepare("SELECT count(*) FROM transfers WHERE kind = 'swap'").pluck().get()).toBe(1);
  });

  it('moveTo a resolved status returns false the second time and changes nothing', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/swap offer when:"2026-11-25 19:00 3h"'));
    const swap = f.h.store.swaps.findByNumber(f.coopId(), 1);
    if (!swap) throw new Error('no swap');
    expect(f.h.store.transaction(() => f.h.store.swaps.moveTo(swap.id, 'cancelled', 10, 'first'))).toBe(true);
    expect(f.h.store.transaction(() => f.h.store.swaps.moveTo(swap.id, 'expired', 20, 'second'))).toBe(false);
    expect(f.h.store.swaps.get(swap.id)).toMatchObject({ status: 'cancelled', resolvedAt: 10 });
  });

  it('the trigger refuses any change to a resolved swap', () => {
    const f = ledgerFixture();
    settledSwap(f);
    const db = f.h.store.db;
    expect(() => db.prepare("UPDATE swaps SET status = 'cancelled' WHERE number = 1").run()).toThrow('swap already resolved');
    expect(() => db.prepare('UPDATE swaps SET resolved_at = NULL, status = ? WHERE number = 1').run('open')).toThrow('swap already resolved');
    expect(() => f.h.store.swaps.moveTo(f.h.store.swaps.findByNumber(f.coopId(), 1)!.id, 'open', 30)).toThrow('swap already resolved');
  });

  it('the schema allows one settlement per family of a swap, and a settlement must name its family', () => {
    const f = ledgerFixture();
    settledSwap(f);
    const swap = f.h.store.swaps.findByNumber(f.coopId(), 1)!;
    const family = f.h.store.swaps.parties(swap.id).find((p) => p.role === 'family')!;
    const before = f.counts();
    const again = (partyId?: number) => () =>
      f.h.store.transaction(() =>
        f.h.store.ledger.record({ coopId: f.coopId(), kind: 'swap', swapId: swap.id, ...(partyId ? { partyId } : {}), memo: 'again', postings: movement(f.account('Alice'), f.account('Bob'), 60), at: 1 }),
      );
    expect(again(family.id)).toThrow(/UNIQUE constraint failed: transfers.party_id/);
    expect(again()).toThrow(/names its swap and the family/);
    expect(f.counts()).toEqual(before);
  });

  it('a cancelled swap cannot be completed or cancelled again', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/swap request when:"2026-11-25 19:00 3h"'));
    ok(f.h.run('Bob', '/swap volunteer id:1'));
    ok(f.h.run('Alice', '/swap choose id:1 member:@bob'));
    expect(ok(f.h.run('Alice', '/swap cancel id:1')).text).toContain('cancelled');
    f.h.clock.advance(4 * DAY);
    const before = f.counts();
    expect(ok(f.h.run('Alice', '/swap done id:1')).text).toMatch(/already cancelled|nothing to confirm/);
    expect(ok(f.h.run('Alice', '/swap cancel id:1')).text).toMatch(/already cancelled/);
    expect(f.counts()).toEqual(before);
  });
});

describe('invariant 7: replay and restore', () => {
  it('replaying every posting from empty reproduces every balance', () => {
    const f = ledgerFixture();
    settledSwap(f);
    ok(f.h.run('Alice', '/credits adjust member:@cat amount:+2.5 reason:"fix"'));
    ok(f.h.run('Cat', '/credits give member:@bob amount:0.75'));
    const replayed = replayBalances(f.h.store.db);
    for (const b of f.h.store.ledger.balances(f.coopId())) expect(replayed.get(b.accountId), `account ${b.accountId}`).toBe(b.balance);
    expect(replayed.get(f.account('Cat'))).toBe(300 + 150 - 45);
  });

  it('a restored backup passes integrity_check and the ledger invariants', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breather-restore-'));
    try {
      const h = createHarness({ path: join(dir, 'live.db') });
      ok(h.run('Alice', '/coop setup timezone:Europe/London'));
      ok(h.run('Bob', '/help'));
      ok(h.run('Alice', '/credits adjust member:@alice amount:+2 reason:"earned"'));
      ok(h.run('Alice', '/credits give member:@bob amount:2'));
      await h.store.db.backup(join(dir, 'copy.db'));
      h.store.db.close();
      const restored = openDatabase(join(dir, 'copy.db'));
      try {
        checkInvariants(restored, { integrity: true });
        expect(restored.prepare('SELECT count(*) FROM transfers').pluck().get()).toBe(4);
      } finally {
        restored.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
