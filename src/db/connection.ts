import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/** Opens the database with the pragmas the ledger relies on. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at NORMAL, which can lose the last commits on power loss: credits must not vanish.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted and overwritten text is zeroed, not left in free space: /privacy forget must leave no name in the file.
  db.pragma('secure_delete = ON');
  // Savepoints (one per scheduled job) keep their undo pages in temp storage: in memory, not in a temp file.
  db.pragma('temp_store = MEMORY');
  // 16 MiB of page cache instead of 2: a wave of check-ins touches the jobs, outbox and members tables at once.
  db.pragma('cache_size = -16000');
  return db;
}

/** Runs `work` in a BEGIN IMMEDIATE transaction: writers take the lock first, so checks and writes see one state. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}
