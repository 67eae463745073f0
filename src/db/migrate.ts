import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './connection.ts';

/** migrations/ at the root of the checkout: two folders up from src/db, or one up from dist/ (npm run build). */
export const MIGRATIONS_DIR = findMigrations(fileURLToPath(new URL('.', import.meta.url)));

function findMigrations(from: string): string {
  for (let dir = from, i = 0; i < 4; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, '0001_coop_core.sql'))) return candidate;
  }
  throw new Error(`no migrations/ folder above ${from}`);
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file, sql: readFileSync(join(dir, file), 'utf8') }));
}

export class NewerDatabaseError extends Error {
  constructor(dbVersion: number, codeVersion: number) {
    super(
      `This database is at schema version ${dbVersion}, but this Breather only knows up to ${codeVersion}. ` +
        'Update Breather (git pull && npm install) instead of running an older copy on it.',
    );
  }
}

export interface MigrateOptions {
  /** File path of the DB, for the backup taken before migrating a non-empty database. */
  path?: string;
  now?: () => number;
  migrations?: Migration[];
}

/** Applies pending migrations in order, each in its own transaction; returns the versions applied. */
export function migrate(db: Db, options: MigrateOptions = {}): number[] {
  const migrations = options.migrations ?? loadMigrations();
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new NewerDatabaseError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];

  if (current > 0 && options.path && options.path !== ':memory:' && existsSync(options.path)) {
    const stamp = new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-');
    db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(options.path, `${options.path}.v${current}-${stamp}.bak`);
  }

  for (const migration of pending) applyOne(db, migration);
  return pending.map((m) => m.version);
}

/** A migration that rebuilds a table says so on its first line; it runs as SQLite's table rebuild procedure asks. */
const FOREIGN_KEYS_OFF = /^-- breather: foreign_keys=off\b/;

function applyOne(db: Db, migration: Migration): void {
  const rebuild = FOREIGN_KEYS_OFF.test(migration.sql);
  const wasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  // PRAGMA foreign_keys is a no-op inside a transaction: it is switched before BEGIN and back after.
  if (rebuild && wasOn) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(migration.sql);
      if (rebuild) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`${migration.name} would leave ${broken.length} broken foreign keys`);
      }
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  } finally {
    if (rebuild && wasOn) db.pragma('foreign_keys = ON');
  }
}
