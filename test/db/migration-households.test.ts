import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { checkInvariants } from '../support/invariants.ts';

// The households migration (0007) on a database that lived under the one before it: names leave the ledger's memos and the households' names,
// every member gets a current household membership, and nothing else in the ledger changes.

describe('the households and privacy migration on existing data', () => {
  it('rewrites name-bearing memos to member numbers, clears household names, and opens memberships', () => {
    const all = loadMigrations();
    const at = all.findIndex((m) => m.name.endsWith('_households_privacy.sql'));
    const db = openDatabase(':memory:');
    migrate(db, { migrations: all.slice(0, at) });
    db.exec(`
      BEGIN;
      INSERT INTO coops (id, platform, external_ref, timezone, created_at) VALUES (1, 'console', 'c', 'Europe/London', 0);
      INSERT INTO accounts (id, coop_id, kind) VALUES (1, 1, 'issuance');
      INSERT INTO households (id, coop_id, name, created_at) VALUES (1, 1, 'Ann', 0), (2, 1, 'Ben', 0);
      INSERT INTO accounts (id, coop_id, kind, household_id) VALUES (2, 1, 'household', 1), (3, 1, 'household', 2);
      INSERT INTO members (id, coop_id, household_id, external_ref, display_name, is_admin, created_at) VALUES (1, 1, 1, 'ann', 'Ann', 1, 5), (2, 1, 2, 'ben', 'Ben', 0, 6);
      INSERT INTO transfers (id, coop_id, number, kind, memo, actor_member_id, created_at) VALUES
        (1, 1, 1, 'gift', 'gift from Ann to Ben', 1, 10), (2, 1, 2, 'adjustment', 'adjustment by Ann', 1, 11), (3, 1, 3, 'starting', 'starting credits', 2, 12);
      INSERT INTO postings (transfer_id, account_id, amount) VALUES (1, 2, -60), (1, 3, 60), (2, 1, -30), (2, 3, 30), (3, 1, -300), (3, 3, 300);
      COMMIT;
    `);
    const balances = () => db.prepare('SELECT id, balance FROM accounts ORDER BY id').all();
    const before = balances();
    migrate(db, { migrations: all.slice(0, at + 1) });
    expect(db.prepare('SELECT memo FROM transfers ORDER BY id').pluck().all()).toEqual(['gift from {member:1}', 'adjustment by {member:1}', 'starting credits']);
    expect(db.prepare('SELECT name FROM households ORDER BY id').pluck().all()).toEqual(['', '']);
    expect(db.prepare('SELECT member_id, household_id, joined_at, left_at FROM household_memberships ORDER BY member_id').all()).toEqual([
      { member_id: 1, household_id: 1, joined_at: 5, left_at: null },
      { member_id: 2, household_id: 2, joined_at: 6, left_at: null },
    ]);
    expect(balances()).toEqual(before);
    // Still append-only for everything else.
    expect(() => db.prepare("UPDATE transfers SET memo = 'x' WHERE id = 1").run()).toThrow('transfers are append-only');
    checkInvariants(db);
    db.close();
  });
});
