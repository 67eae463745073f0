import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { checkInvariants } from '../support/invariants.ts';

// The child card migration (0008) on a database that lived under the one before it: everyone already there counts as
// welcomed and announced (nobody gets a welcome for a co-op they have used for months), no household has a card or
// was asked for one, and the card's limits hold in the schema itself.

describe('the child card migration on existing data', () => {
  it('marks existing members welcomed and announced, and guards the card', () => {
    const all = loadMigrations();
    const at = all.findIndex((m) => m.name.endsWith('_child_card.sql'));
    expect(at).toBeGreaterThan(0);
    const db = openDatabase(':memory:');
    migrate(db, { migrations: all.slice(0, at) });
    db.exec(`
      INSERT INTO coops (id, platform, external_ref, timezone, created_at) VALUES (1, 'console', 'c', 'Europe/London', 0);
      INSERT INTO households (id, coop_id, name, created_at) VALUES (1, 1, '', 0), (2, 1, '', 0);
      INSERT INTO members (id, coop_id, household_id, external_ref, display_name, is_admin, created_at) VALUES (1, 1, 1, 'ann', 'Ann', 1, 5), (2, 1, 2, 'ben', 'Ben', 0, 6);
    `);
    migrate(db, { migrations: all.slice(0, at + 1) });
    expect(db.prepare('SELECT id, welcomed_at, announced_at FROM members ORDER BY id').all()).toEqual([
      { id: 1, welcomed_at: 5, announced_at: 5 },
      { id: 2, welcomed_at: 6, announced_at: 6 },
    ]);
    expect(db.prepare('SELECT card_asked_at FROM households').pluck().all()).toEqual([null, null]);
    const insert = db.prepare('INSERT INTO child_cards (household_id, text, updated_by, updated_at) VALUES (?, ?, 1, 0)');
    expect(() => insert.run(1, '')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'x'.repeat(1501))).toThrow(/CHECK/);
    insert.run(1, 'é'.repeat(1500)); // characters, not bytes
    expect(() => db.prepare("INSERT INTO child_card_showings (household_id, member_id, swap_id, via, shown_at) VALUES (1, 2, 1, 'channel', 0)").run()).toThrow();
    checkInvariants(db);
    db.close();
  });
});
