import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { latestSchemaVersion } from './backup.ts';
import { removeDatabaseFiles, syncDir, syncFile } from './durable-files.ts';
import { databaseProblems } from './ledger-check.ts';
import { refuseIfClaimed, WriterClaimedError } from './writer-claim.ts';

// Puts a backup back as the live database, with the bot stopped. The file is copied beside the database and checked
// there (an SQLite file, a Breather database, a schema this code knows, integrity_check, the ledger invariants)
// before anything is replaced; the current database is kept as `<db>.before-restore-<stamp>` (with its WAL, so it
// holds every commit); the checked copy is then renamed into place, so the database path never points at nothing.

export interface RestoreOptions {
  /** The backup to restore. */
  file: string;
  databasePath: string;
  now: number;
  /** Restore even when the current database is too damaged to say whether a bot is using it. */
  force?: boolean;
  latestVersion?: number;
  staleMs?: number;
}

export interface RestoreResult {
  /** Where the previous database was kept, if there was one. */
  keptAs?: string;
  transfers: number;
  schemaVersion: number;
}

/** A restore refused or failed, in one line; the live database is untouched. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

export function restoreBackup(options: RestoreOptions): RestoreResult {
  const { file, databasePath } = options;
  if (databasePath === ':memory:') throw new RestoreError('DATABASE_PATH is :memory:; there is no database file to restore into.');
  if (!existsSync(file) || !statSync(file).isFile()) throw new RestoreError(`Cannot restore ${file}: no such file.`);
  if (!isSqliteFile(file)) {
    throw new RestoreError(`Cannot restore ${file}: it is not an SQLite database (empty, damaged or another kind of file). Nothing was changed.`);
  }
  if (existsSync(databasePath)) refuseWhileRunning(databasePath, options);

  const stamp = new Date(options.now).toISOString().replace(/[:.]/g, '-');
  const temp = `${databasePath}.restoring-${stamp}`;
  mkdirSync(dirname(databasePath), { recursive: true });
  let checked: { transfers: number; schemaVersion: number };
  try {
    copyFileSync(file, temp);
    // A copy of a live database made by hand may have its last commits in a WAL beside it.
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${temp}-wal`);
    checked = checkAndClean(temp, file, options.latestVersion ?? latestSchemaVersion());
    syncFile(temp);
  } catch (error) {
    removeDatabaseFiles(temp);
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(`Cannot restore ${file}: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`);
  }

  const keptAs = existsSync(databasePath) ? `${databasePath}.before-restore-${stamp}` : undefined;
  if (keptAs) {
    try {
      linkSync(databasePath, keptAs);
    } catch {
      copyFileSync(databasePath, keptAs);
    }
    // The WAL goes with the kept copy (SQLite finds `<name>-wal` beside `<name>`), never with the restored file.
    const wal = `${databasePath}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) renameSync(wal, `${keptAs}-wal`);
    rmSync(wal, { force: true });
    rmSync(`${databasePath}-shm`, { force: true });
    rmSync(`${databasePath}-journal`, { force: true });
  }
  renameSync(temp, databasePath);
  syncDir(dirname(databasePath));
  return { ...checked, ...(keptAs ? { keptAs } : {}) };
}

function refuseWhileRunning(databasePath: string, options: RestoreOptions): void {
  try {
    // Not read-only: a read-only connection leaves -wal and -shm files behind; this one removes them on close.
    const db = new Database(databasePath, { fileMustExist: true });
    try {
      refuseIfClaimed(db, databasePath, { now: () => options.now, ...(options.staleMs ? { staleMs: options.staleMs } : {}) });
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof WriterClaimedError) {
      const { pid, host } = error.holder;
      throw new RestoreError(`Breather is running on ${databasePath} (pid ${pid} on host ${host}). Stop it first, then run the restore again.`);
    }
    if (options.force) return;
    throw new RestoreError(
      `Cannot tell whether Breather is running on ${databasePath} (${error instanceof Error ? error.message : String(error)}). ` +
        'Make sure it is stopped, then run the restore again with --force.',
    );
  }
}

/** Checks the copy; makes it one self-contained file and drops the claim of whichever process was running then. */
function checkAndClean(path: string, file: string, latestVersion: number): { transfers: number; schemaVersion: number } {
  const db = new Database(path, { fileMustExist: true });
  try {
    let problems: string[];
    try {
      db.pragma('journal_mode = DELETE');
      problems = databaseProblems(db, latestVersion);
    } catch (error) {
      problems = [describeOpenError(error)];
    }
    if (problems.length) throw new RestoreError(`Cannot restore ${file}: ${problems[0]}. Nothing was changed.`);
    const hasClaim = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'writer_claim'").get();
    if (hasClaim) db.exec('DELETE FROM writer_claim');
    return {
      transfers: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM transfers').get()?.n ?? 0,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

function describeOpenError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB') return 'it is not an SQLite database (damaged, truncated or another kind of file)';
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return 'the file is damaged or truncated';
  return error instanceof Error ? error.message : String(error);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Every SQLite database starts with these 16 bytes (SQLite itself takes a short file for an empty database). */
function isSqliteFile(path: string): boolean {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
