import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase, type Db } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';

const dirs: string[] = [];
const open: Db[] = [];

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breather-conn-'));
  dirs.push(dir);
  return join(dir, 'nested', 'breather.db');
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function opened(path: string): Db {
  const db = openDatabase(path);
  open.push(db);
  return db;
}

describe('openDatabase pragmas', () => {
  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout (and creates the folder)', () => {
    const db = opened(tempPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL, not WAL's usual NORMAL (1)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
  });

  it('sets the same safety pragmas on an in-memory database', () => {
    const db = opened(':memory:');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('enforces foreign keys in the real schema', () => {
    const db = opened(':memory:');
    migrate(db);
    expect(() => db.prepare("INSERT INTO accounts (coop_id, kind) VALUES (999, 'issuance')").run()).toThrow(/FOREIGN KEY/);
  });
});

describe('inTransaction', () => {
  it('takes the write lock at BEGIN (IMMEDIATE): another writer is refused even before the first write', () => {
    const path = tempPath();
    const db = opened(path);
    migrate(db, { path });
    const other = new Database(path);
    open.push(other);
    other.pragma('busy_timeout = 0');
    let refused: unknown;
    inTransaction(db, () => {
      try {
        other.prepare("INSERT INTO coops (platform, external_ref, timezone, created_at) VALUES ('console', 'x', 'UTC', 0)").run();
      } catch (error) {
        refused = error;
      }
    });
    expect(String(refused)).toMatch(/locked|busy/i);
    // Once committed, the other connection can write.
    other.prepare("INSERT INTO coops (platform, external_ref, timezone, created_at) VALUES ('console', 'y', 'UTC', 0)").run();
    expect(db.prepare('SELECT count(*) FROM coops').pluck().get()).toBe(1);
  });

  it('rolls everything back when the work throws', () => {
    const db = opened(':memory:');
    migrate(db);
    expect(() =>
      inTransaction(db, () => {
        db.prepare("INSERT INTO coops (platform, external_ref, timezone, created_at) VALUES ('console', 'x', 'UTC', 0)").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT count(*) FROM coops').pluck().get()).toBe(0);
  });
});
