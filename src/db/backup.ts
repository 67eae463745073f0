import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  backupBaseName,
  backupFileName,
  kindFor,
  KEEP,
  listBackups,
  pruneBackups,
  removeStalePartials,
  utcDate,
  type BackupKind,
  type Retention,
} from './backup-files.ts';
import type { Db } from './connection.ts';
import { checkCopy, checkCopyInChild } from './copy-check.ts';
import { removeDatabaseFiles, renameDurably } from './durable-files.ts';
import { loadMigrations } from './migrate.ts';

// An online backup: SQLite's backup API copies the live database page by page while the bot keeps working (never a
// file copy, which can catch a half-written state). The copy goes to a temp name in the backup folder, is checked
// (integrity_check, the schema version, the ledger invariants), synced to disk and only then renamed into place, so
// a failure (disk full, a copy that fails its checks) leaves every older backup as it was.

export interface BackupOptions {
  /** An open connection to the live database: the bot's own, or one `npm run backup` opened. */
  db: Db;
  /** The live database's path: its file name names the backups. */
  databasePath: string;
  dir: string;
  now: number;
  keep?: Readonly<Retention>;
  latestVersion?: number;
  /**
   * Where the copy is checked: 'child' (a short-lived process, for the bot: seconds of integrity_check would freeze
   * its event loop) or 'in-process' (scripts and tests; the default).
   */
  check?: 'child' | 'in-process';
}

export interface BackupResult {
  file: string;
  kind: BackupKind;
  bytes: number;
  ms: number;
  /** Older backups removed by retention. */
  removed: string[];
}

/** A backup that did not happen, in one line; the older backups are untouched. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Pages copied per step (4 MB at 4 KiB pages): about 50 ms each, so the event loop gets a turn between them. */
const PAGES_PER_STEP = 1024;

export async function takeBackup(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const { db, dir } = options;
  const untouched = `The older backups in ${dir} were left as they were.`;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BackupError(`Backup failed: ${dir} cannot be used as the backup folder (${message}). No backup was changed.`);
  }
  const name = backupBaseName(options.databasePath);
  removeStalePartials(dir, name);
  const date = utcDate(options.now);
  const kind = kindFor(date, listBackups(dir, name));
  const file = join(dir, backupFileName(name, date, kind));
  const temp = `${file}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await db.backup(temp, { progress: () => PAGES_PER_STEP });
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = options.latestVersion ?? latestSchemaVersion();
    const problem = options.check === 'child' ? await checkCopyInChild(temp, version, latest) : checkCopy(temp, version, latest);
    if (problem) throw new CheckFailed(problem);
    await renameDurably(temp, file);
  } catch (error) {
    removeDatabaseFiles(temp);
    throw new BackupError(`Backup failed: ${reason(error)}. ${untouched}`);
  }
  const removed = pruneBackups(dir, name, options.keep ?? KEEP);
  return { file, kind, bytes: statSync(file).size, ms: performance.now() - started, removed };
}

export function latestSchemaVersion(): number {
  return loadMigrations().at(-1)?.version ?? 0;
}

class CheckFailed extends Error {}

/** One line saying what went wrong, in words a volunteer can act on. */
function reason(error: unknown): string {
  if (error instanceof CheckFailed) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY') return `no permission to write there (${message})`;
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return `the database is damaged (${message})`;
  return message;
}
