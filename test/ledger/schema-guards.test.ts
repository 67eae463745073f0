import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../support/invariants.ts';
import { earn, ledgerFixture, ok } from './fixture.ts';

// The database keeps the ledger's promises even against code that forgets them: whatever writes to it, an
// unbalanced or one-legged transfer cannot be committed and a cached balance cannot be edited.

function coop() {
  const f = ledgerFixture();
  earn(f, 'Alice', 1);
  ok(f.h.run('Alice', '/credits give member:@bob amount:1'));
  return f;
}

const counts = (f: ReturnType<typeof ledgerFixture>) =>
  f.h.store.db.prepare<[], { t: number; p: number }>('SELECT (SELECT count(*) FROM transfers) AS t, (SELECT count(*) FROM postings) AS p').get();

describe('the schema guards the ledger', () => {
  it('refuses to commit a one-legged transfer, and the transaction leaves nothing behind', () => {
    const f = coop();
    const { db } = f.h.store;
    const before = counts(f);
    const write = db.transaction(() => {
      const id = Number(db.prepare("INSERT INTO transfers (coop_id, number, kind, memo, created_at) VALUES (1, 901, 'gift', 'one leg', 0)").run().lastInsertRowid);
      db.prepare('INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?)').run(id, f.account('Bob'), 600);
    });
    expect(() => write.immediate()).toThrow(/FOREIGN KEY constraint failed/);
    expect(db.inTransaction).toBe(false);
    expect(counts(f)).toEqual(before);
    expect(() => checkInvariants(db)).not.toThrow();
  });

  it('refuses to commit postings that do not sum to zero, and a transfer with no postings at all', () => {
    const f = coop();
    const { db } = f.h.store;
    const unbalanced = db.transaction(() => {
      const id = Number(db.prepare("INSERT INTO transfers (coop_id, number, kind, memo, created_at) VALUES (1, 902, 'gift', 'lopsided', 0)").run().lastInsertRowid);
      db.prepare('INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?), (?, ?, ?)').run(id, f.account('Alice'), -60, id, f.account('Bob'), 75);
    });
    expect(() => unbalanced.immediate()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare("INSERT INTO transfers (coop_id, number, kind, memo, created_at) VALUES (1, 903, 'gift', 'empty', 0)").run()).toThrow(/FOREIGN KEY/);
    expect(() => checkInvariants(db)).not.toThrow();
  });

  it('refuses to mark a transfer balanced by hand, or to forget one', () => {
    const f = coop();
    const { db } = f.h.store;
    expect(() => db.prepare('UPDATE transfer_balances SET balanced_id = NULL WHERE transfer_id = 1').run()).toThrow(/balanced only when/);
    expect(() => db.prepare('DELETE FROM transfer_balances WHERE transfer_id = 1').run()).toThrow(/append-only/);
  });

  it('refuses two postings to one account in one transfer', () => {
    const f = coop();
    const { db } = f.h.store;
    const twice = db.transaction(() => {
      const id = Number(db.prepare("INSERT INTO transfers (coop_id, number, kind, memo, created_at) VALUES (1, 904, 'gift', 'twice', 0)").run().lastInsertRowid);
      db.prepare('INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?), (?, ?, ?)').run(id, f.account('Bob'), -60, id, f.account('Bob'), 60);
    });
    expect(() => twice()).toThrow(/UNIQUE constraint failed/);
  });

  it('refuses a direct edit of a cached balance, and a new account that does not start at zero', () => {
    const f = coop();
    const { db } = f.h.store;
    expect(() => db.prepare('UPDATE accounts SET balance = balance + 60000 WHERE id = ?').run(f.account('Bob'))).toThrow(/only through a posting/);
    expect(() => db.prepare('UPDATE accounts SET balance = 0, last_posting_id = last_posting_id + 1 WHERE id = ?').run(f.account('Bob'))).toThrow(/only through a posting/);
    expect(() => db.prepare("INSERT INTO accounts (coop_id, kind, household_id, balance) VALUES (1, 'household', NULL, 100)").run()).toThrow();
    expect(f.h.balanceOf('Bob')).toBe(360);
    expect(() => checkInvariants(db)).not.toThrow();
  });

  it('still takes every balanced transfer the code writes', () => {
    const f = coop();
    earn(f, 'Bob', 2.5);
    ok(f.h.run('Bob', '/credits give member:@alice amount:2.5'));
    expect([f.h.balanceOf('Alice'), f.h.balanceOf('Bob')]).toEqual([450, 360]);
    expect(() => checkInvariants(f.h.store.db)).not.toThrow();
  });
});
