import { describe, expect, it } from 'vitest';
import { checkInvariants, InvariantError } from '../support/invariants.ts';
import { ledgerFixture, ok } from './fixture.ts';

// The checker must be able to fail: each case breaks one invariant behind the triggers' back (dropping them where
// needed, which only a test may do) and expects a precise message.

function busyCoop() {
  const f = ledgerFixture();
  ok(f.h.run('Alice', '/swap request when:"2026-11-25 19:00 3h"'));
  ok(f.h.run('Bob', '/swap volunteer id:1'));
  ok(f.h.run('Alice', '/swap choose id:1 member:@bob'));
  f.h.clock.advance(4 * 86_400_000);
  ok(f.h.run('Alice', '/swap done id:1'));
  return f;
}

function dropLedgerTriggers(f: ReturnType<typeof ledgerFixture>) {
  for (const t of ['postings_append_only_update', 'postings_append_only_delete', 'transfers_append_only_update', 'swaps_resolve_once', 'postings_stay_in_coop']) {
    f.h.store.db.exec(`DROP TRIGGER ${t}`);
  }
}

const expectBroken = (f: ReturnType<typeof ledgerFixture>, message: RegExp) => {
  expect(() => checkInvariants(f.h.store.db)).toThrow(InvariantError);
  expect(() => checkInvariants(f.h.store.db)).toThrow(message);
};

describe('checkInvariants', () => {
  it('passes on a healthy ledger', () => {
    expect(() => checkInvariants(busyCoop().h.store.db, { integrity: true })).not.toThrow();
  });

  it('catches a cached balance that drifted from its postings (2)', () => {
    const f = busyCoop();
    f.h.store.db.exec('DROP TRIGGER accounts_balance_only_by_postings');
    f.h.store.db.prepare('UPDATE accounts SET balance = balance + 15 WHERE id = ?').run(f.account('Bob'));
    expectBroken(f, /invariant 1 broken: the balances of co-op 1 sum to 15/);
    f.h.store.db.prepare('UPDATE accounts SET balance = balance - 15 WHERE id = ?').run(f.account('Alice'));
    expectBroken(f, new RegExp(`invariant 2 broken: account ${f.account('Alice')} \\(household\\) caches 105 but its postings sum to 120`));
  });

  it('catches a transfer whose postings do not sum to zero (1)', () => {
    const f = busyCoop();
    dropLedgerTriggers(f);
    f.h.store.db.prepare("UPDATE postings SET amount = amount + 15 WHERE id = (SELECT max(id) FROM postings)").run();
    expectBroken(f, /invariant 1 broken: postings of transfer \d+ \(swap\) sum to 15, not 0/);
  });

  it('catches a transfer with a single posting (1)', () => {
    const f = busyCoop();
    dropLedgerTriggers(f);
    f.h.store.db.exec('DELETE FROM postings WHERE id = (SELECT max(id) FROM postings)');
    expectBroken(f, /has 1 posting\(s\), needs at least 2/);
  });

  it('catches a posting in another co-op (1)', () => {
    const f = busyCoop();
    ok(f.h.run('Dee', '/help', 'other'));
    dropLedgerTriggers(f);
    f.h.store.db.prepare('UPDATE postings SET account_id = ? WHERE id = 2').run(f.account('Dee', 'other'));
    expectBroken(f, /invariant 1 broken: posting 2 of transfer 1 \(co-op 1\) hits account \d+ of co-op 2/);
  });

  it('catches a reversal that does not mirror its original (3)', () => {
    const f = busyCoop();
    const { db } = f.h.store;
    // one transaction: the schema refuses to commit a transfer before its postings balance it
    const t = db.transaction(() => {
      const id = Number(db.prepare("INSERT INTO transfers (coop_id, number, kind, reverses_id, memo, created_at) VALUES (1, 900, 'reversal', 1, 'bad', 0)").run().lastInsertRowid);
      db.prepare('INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?), (?, ?, ?)').run(id, f.account('Alice'), 60, id, f.account('Bob'), -60);
      return id;
    })();
    expectBroken(f, new RegExp(`invariant 3 broken: reversal ${t} does not mirror the postings of transfer 1`));
  });

  it('catches a settlement of a swap that is not completed (6)', () => {
    const f = busyCoop();
    dropLedgerTriggers(f);
    f.h.store.db.exec("UPDATE swaps SET status = 'cancelled' WHERE number = 1");
    expectBroken(f, /invariant 6 broken: swap 1 was settled but is cancelled/);
  });
});
