import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness.ts';
import { balancesByName, checkLedger } from './support/invariants.ts';
import { tempDir } from './support/run-console.ts';

// The checker the end-to-end tests rely on must itself be able to fail: break a DB file by hand and watch it say so.

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((remove) => remove()));

function tradedDb(): string {
  const dir = tempDir('checker');
  dirs.push(dir.remove);
  const h = createHarness({ path: dir.db });
  h.run('Alice', '/credits balance');
  h.run('Bob', '/help');
  h.run('Alice', '/credits adjust member:@Bob amount:+2 reason:earned');
  h.run('Bob', '/credits give member:@Alice amount:2');
  h.store.db.close();
  return dir.db;
}

function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

describe('ledger invariants checker', () => {
  it('passes a healthy file and reads balances by name', () => {
    const db = tradedDb();
    expect(checkLedger(db)).toEqual({ violations: [], summary: { transfers: 4, postings: 8, byKind: { starting: 2, adjustment: 1, gift: 1 } } });
    expect(balancesByName(db)).toEqual({ Alice: 420, Bob: 300 });
  });

  it('catches a cached balance that drifted from its postings', () => {
    const db = tradedDb();
    // The schema refuses this edit (test/ledger/schema-guards.test.ts): only a test drops its guard to check the checker.
    tamper(db, "DROP TRIGGER accounts_balance_only_by_postings; UPDATE accounts SET balance = balance + 60 WHERE kind = 'household' AND id = (SELECT MIN(id) FROM accounts WHERE kind = 'household')");
    const { violations } = checkLedger(db);
    expect(violations.some((v) => /^account \d+: cached balance/.test(v))).toBe(true);
    expect(violations.some((v) => /^co-op \d+: balances sum to 60/.test(v))).toBe(true);
    expect(violations.some((v) => /^replay: account \d+ replays to/.test(v))).toBe(true);
  });

  it('catches a transfer whose postings do not sum to zero', () => {
    const db = tradedDb();
    tamper(
      db,
      // With foreign keys off the commit-time balance check is off too, as only a hand-edit of the file could do.
      `PRAGMA foreign_keys = OFF;
       INSERT INTO transfers (coop_id, number, kind, memo, created_at) VALUES (1, 99, 'gift', 'forged', 0);
       INSERT INTO postings (transfer_id, account_id, amount) VALUES (last_insert_rowid(), 2, 60);`,
    );
    const { violations } = checkLedger(db);
    expect(violations).toContain('transfer 5: 1 postings summing to 60 (want ≥ 2 summing to 0)');
    expect(violations.some((v) => /^co-op 1: balances sum to 60, postings to 60/.test(v))).toBe(true);
  });
});
