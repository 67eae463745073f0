import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { loadMigrations, migrate, NewerDatabaseError, type Migration } from '../../src/db/migrate.ts';

const dirs: string[] = [];
const open: Db[] = [];

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breather-migrate-'));
  dirs.push(dir);
  return join(dir, 'breather.db');
}

function openAt(path: string): Db {
  const db = openDatabase(path);
  open.push(db);
  return db;
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const version = (db: Db) => db.pragma('user_version', { simple: true }) as number;
const tables = (db: Db) =>
  db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);

const real = loadMigrations();
const fake = (v: number, sql: string): Migration => ({ version: v, name: `${String(v).padStart(4, '0')}_fake.sql`, sql });

describe('migrations', () => {
  it('loads the migration files in order, numbered from 1 without gaps', () => {
    expect(real.length).toBeGreaterThan(0);
    real.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
    });
  });

  it('applies every migration in order and records the version', () => {
    const db = openAt(':memory:');
    const applied = migrate(db);
    expect(applied).toEqual(real.map((m) => m.version));
    expect(version(db)).toBe(real.at(-1)?.version);
    expect(tables(db)).toEqual(expect.arrayContaining(['coops', 'accounts', 'transfers', 'postings', 'swaps', 'invocations', 'outbox']));
  });

  it('applies fake migrations in version order, one after another', () => {
    const db = openAt(':memory:');
    const order = [fake(1, 'CREATE TABLE one (x INTEGER) STRICT;'), fake(2, 'ALTER TABLE one ADD COLUMN y INTEGER;'), fake(3, 'CREATE TABLE three (z INTEGER) STRICT;')];
    expect(migrate(db, { migrations: order })).toEqual([1, 2, 3]);
    expect(version(db)).toBe(3);
    expect(db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all('one').map((c) => c.name)).toEqual(['x', 'y']);
  });

  it('re-running applies nothing and changes nothing', () => {
    const db = openAt(':memory:');
    migrate(db);
    const schema = db.prepare("SELECT sql FROM sqlite_master ORDER BY name").all();
    expect(migrate(db)).toEqual([]);
    expect(version(db)).toBe(real.at(-1)?.version);
    expect(db.prepare("SELECT sql FROM sqlite_master ORDER BY name").all()).toEqual(schema);
  });

  it('only applies the migrations above the recorded version', () => {
    const db = openAt(':memory:');
    migrate(db, { migrations: [fake(1, 'CREATE TABLE one (x INTEGER) STRICT;')] });
    const applied = migrate(db, { migrations: [fake(1, 'CREATE TABLE one (x INTEGER) STRICT;'), fake(2, 'CREATE TABLE two (x INTEGER) STRICT;')] });
    expect(applied).toEqual([2]);
    expect(tables(db)).toEqual(['one', 'two']);
  });

  it('refuses a database newer than the code, with a clear message, and touches nothing', () => {
    const db = openAt(':memory:');
    migrate(db);
    const latest = real.at(-1)?.version ?? 0;
    db.pragma(`user_version = ${latest + 5}`);
    let caught: unknown;
    try {
      migrate(db);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NewerDatabaseError);
    const message = (caught as Error).message;
    expect(message).toContain(`schema version ${latest + 5}`);
    expect(message).toContain(`only knows up to ${latest}`);
    expect(message).toMatch(/Update Breather/);
    expect(version(db)).toBe(latest + 5);
  });

  it('takes a backup of a non-empty database file before migrating it', () => {
    const path = tempPath();
    const db = openAt(path);
    migrate(db, { path, migrations: [fake(1, 'CREATE TABLE kept (x INTEGER) STRICT;')] });
    db.prepare('INSERT INTO kept (x) VALUES (42)').run();
    const now = Date.parse('2026-11-22T12:34:56.789Z');

    migrate(db, { path, now: () => now, migrations: [fake(1, 'CREATE TABLE kept (x INTEGER) STRICT;'), fake(2, 'CREATE TABLE added (y INTEGER) STRICT;')] });

    const backups = readdirSync(join(path, '..')).filter((f) => f.endsWith('.bak'));
    expect(backups).toEqual(['breather.db.v1-2026-11-22T12-34-56-789Z.bak']);
    const backup = openAt(join(path, '..', backups[0]!));
    expect(version(backup)).toBe(1);
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(tables(backup)).toEqual(['kept']);
    expect(backup.prepare('SELECT x FROM kept').pluck().get()).toBe(42);
    expect(version(db)).toBe(2);
  });

  it('takes no backup of a fresh database or when nothing is pending', () => {
    const path = tempPath();
    const db = openAt(path);
    const list = [fake(1, 'CREATE TABLE kept (x INTEGER) STRICT;')];
    migrate(db, { path, migrations: list });
    migrate(db, { path, migrations: list });
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('rolls a failing migration back whole: no partial schema, version unchanged', () => {
    const db = openAt(':memory:');
    migrate(db, { migrations: [fake(1, 'CREATE TABLE one (x INTEGER) STRICT;')] });
    const broken = fake(2, 'CREATE TABLE half (x INTEGER) STRICT; INSERT INTO one (x) VALUES (1); CREATE TABLE oops (;');
    expect(() => migrate(db, { migrations: [fake(1, 'CREATE TABLE one (x INTEGER) STRICT;'), broken] })).toThrow(/syntax error/);
    expect(version(db)).toBe(1);
    expect(tables(db)).toEqual(['one']);
    expect(db.prepare('SELECT count(*) FROM one').pluck().get()).toBe(0);
    expect(db.inTransaction).toBe(false);
  });

  it('keeps the migrations before a failing one, each having had its own transaction', () => {
    const db = openAt(':memory:');
    const list = [fake(1, 'CREATE TABLE one (x INTEGER) STRICT;'), fake(2, 'CREATE TABLE two (x INTEGER) STRICT; SELECT * FROM missing_table;'), fake(3, 'CREATE TABLE three (x INTEGER) STRICT;')];
    expect(() => migrate(db, { migrations: list })).toThrow(/no such table/);
    expect(version(db)).toBe(1);
    expect(tables(db)).toEqual(['one']);
    // Fixed and re-run: carries on from where it stopped.
    expect(migrate(db, { migrations: [list[0]!, fake(2, 'CREATE TABLE two (x INTEGER) STRICT;'), list[2]!] })).toEqual([2, 3]);
    expect(tables(db)).toEqual(['one', 'three', 'two']);
  });

  it('rolls back a failing real-schema migration on a file database too', () => {
    const path = tempPath();
    const db = openAt(path);
    migrate(db, { path });
    const latest = real.at(-1)?.version ?? 0;
    const before = tables(db);
    expect(() => migrate(db, { path, migrations: [...real, fake(latest + 1, 'ALTER TABLE coops ADD COLUMN extra TEXT; DROP TABLE no_such_table;')] })).toThrow();
    expect(version(db)).toBe(latest);
    expect(tables(db)).toEqual(before);
    expect(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('coops')").all().map((c) => c.name)).not.toContain('extra');
  });

  it('a table-rebuilding migration runs with foreign keys off, checks them before committing, and turns them back on', () => {
    const db = openAt(':memory:');
    migrate(db, { migrations: [fake(1, 'CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE child (p INTEGER REFERENCES parent (id)) STRICT; INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);')] });
    const rebuild = fake(2, '-- breather: foreign_keys=off\nCREATE TABLE parent_next (id INTEGER PRIMARY KEY, name TEXT) STRICT; INSERT INTO parent_next (id) SELECT id FROM parent; DROP TABLE parent; ALTER TABLE parent_next RENAME TO parent;');
    expect(migrate(db, { migrations: [fake(1, ''), rebuild] })).toEqual([2]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const orphaning = fake(3, '-- breather: foreign_keys=off\nDELETE FROM parent;');
    expect(() => migrate(db, { migrations: [fake(1, ''), rebuild, orphaning] })).toThrow(/broken foreign keys/);
    expect(version(db)).toBe(2);
    expect(db.prepare('SELECT count(*) FROM parent').pluck().get()).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('upgrades a version-2 database holding a ledger to the guarded schema, keeping every entry', () => {
    const path = tempPath();
    const db = openAt(path);
    migrate(db, { path, migrations: real.slice(0, 2) });
    db.exec(`INSERT INTO coops (id, platform, external_ref, timezone, created_at) VALUES (1, 'console', 'c', 'Europe/London', 0);
      INSERT INTO accounts (id, coop_id, kind) VALUES (1, 1, 'issuance');
      INSERT INTO households (id, coop_id, name, created_at) VALUES (1, 1, 'A', 0);
      INSERT INTO accounts (id, coop_id, kind, household_id) VALUES (2, 1, 'household', 1);
      INSERT INTO transfers (id, coop_id, kind, memo, created_at) VALUES (1, 1, 'starting', 'starting credits', 0);
      INSERT INTO postings (transfer_id, account_id, amount) VALUES (1, 1, -300), (1, 2, 300);`);
    expect(migrate(db, { path })).toEqual(real.slice(2).map((m) => m.version));
    expect(db.prepare('SELECT balance FROM accounts WHERE id = 2').pluck().get()).toBe(300);
    expect(db.prepare('SELECT balanced_id FROM transfer_balances WHERE transfer_id = 1').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare('UPDATE accounts SET balance = 1 WHERE id = 2').run()).toThrow(/only through a posting/);
    db.transaction(() => {
      db.exec("INSERT INTO transfers (id, coop_id, number, kind, memo, created_at) VALUES (2, 1, 2, 'household', 'moved', 1)");
      db.exec('INSERT INTO postings (transfer_id, account_id, amount) VALUES (2, 2, -60), (2, 1, 60)');
    }).immediate();
    expect(db.prepare('SELECT balance FROM accounts WHERE id = 2').pluck().get()).toBe(240);
  });
});
