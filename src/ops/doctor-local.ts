import Database from 'better-sqlite3';
import { existsSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupBaseName, listBackups } from '../db/backup-files.ts';
import { loadMigrations } from '../db/migrate.ts';
import { Store } from '../db/store.ts';
import { readClaim, STALE_MS } from '../db/writer-claim.ts';
import { formatBytes } from './cli-output.ts';
import { fail, note, ok, type Check } from './doctor-report.ts';

// The checks on this machine: the database (there, intact, writable, the schema this Breather knows, room on its
// disk), the backups (a recent one), and the clock (against Discord's and Slack's, and against the database).

const HOUR = 3_600_000;
/** Daily at 03:30 UTC, so the newest is never more than a day old; two hours of slack for a slow or retried one. */
export const BACKUP_MAX_AGE_MS = 26 * HOUR;
/** Slack refuses requests more than 5 minutes off; a minute is already worth fixing. */
export const CLOCK_MAX_SKEW_MS = 60_000;

export interface LocalDatabase {
  checks: Check[];
  /** Open read-only for the co-op checks, when the schema is this Breather's own. */
  store?: Store;
  close(): void;
}

function sqliteCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function ownerHint(path: string): string {
  try {
    const stat = statSync(path);
    const me = process.getuid?.();
    return ` (it belongs to uid ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}; this is uid ${me ?? '?'})`;
  } catch {
    return '';
  }
}

/** Whether this user can write to the database: a real write (the schema version, unchanged) inside a rolled-back transaction. */
function writeProblem(path: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 3_000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.pragma(`user_version = ${version}`);
    } finally {
      db.exec('ROLLBACK');
    }
    return undefined;
  } catch (error) {
    const code = sqliteCode(error);
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
      return `Breather cannot write to ${path}${ownerHint(path)}: run it as the user that owns the file, or chown the file and its folder (SQLite writes -wal and -shm files beside it).`;
    }
    if (code === 'SQLITE_BUSY') return `${path} stayed locked by another program for 3 s: close whatever holds it (an open sqlite3 shell?).`;
    if (code === 'SQLITE_FULL') return `the disk holding ${path} is full: free some space.`;
    return `${path} cannot be written: ${error instanceof Error ? error.message : String(error)}.`;
  } finally {
    db?.close();
  }
}

function runningLine(db: Database.Database, now: number): string {
  const hasClaim = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'writer_claim'").get();
  const claim = hasClaim ? readClaim(db) : undefined;
  if (!claim || now - claim.heartbeatAt > STALE_MS) return 'Breather is not running on it';
  return `Breather is running on it (pid ${claim.pid} on ${claim.host})`;
}

export function checkDatabase(path: string, now: number): LocalDatabase {
  const none: LocalDatabase = { checks: [], close: () => undefined };
  if (path === ':memory:') return { ...none, checks: [note('database', 'DATABASE_PATH is :memory:, so nothing is kept between starts.')] };
  if (!existsSync(path)) return { ...none, checks: [note('database', `there is no database at ${path} yet: npm start creates it (check DATABASE_PATH if one exists).`)] };
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true, readonly: true, timeout: 3_000 });
    db.pragma('user_version');
  } catch (error) {
    const written = writeProblem(path);
    return { ...none, checks: [fail('database', written ?? `cannot open ${path}: ${error instanceof Error ? error.message : String(error)}.`)] };
  }
  const close = () => db.close();
  try {
    const integrity = String(db.pragma('quick_check', { simple: true }));
    if (integrity !== 'ok') {
      return { checks: [fail('database', `${path} is damaged (${integrity.slice(0, 80)}): stop Breather and restore the newest backup (npm run restore -- FILE).`)], close };
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = loadMigrations().at(-1)?.version ?? 0;
    if (version > latest) return { checks: [fail('database', `${path} is from a newer Breather (schema ${version}, this one knows ${latest}): update this copy.`)], close };
    const problem = writeProblem(path);
    if (problem) return { checks: [fail('database', problem)], close };
    const checks: Check[] = [];
    const size = statSync(path).size;
    const schema = version === latest ? `schema ${version}` : `schema ${version}, migrated to ${latest} at the next start`;
    checks.push(ok('database', `${path} is intact and writable (${formatBytes(size)}, ${schema}); ${runningLine(db, now)}.`));
    const free = freeBytes(dirname(path));
    const room = 2 * size + 50 * 1024 * 1024;
    if (free !== undefined && free < room) {
      checks.push(fail('disk', `only ${formatBytes(free)} free beside ${path}: backups and migrations need about ${formatBytes(room)}; free some space.`));
    }
    return { checks, close, ...(version === latest ? { store: new Store(db) } : {}) };
  } catch (error) {
    close();
    return { ...none, checks: [fail('database', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}.`)] };
  }
}

function freeBytes(dir: string): number | undefined {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return undefined;
  }
}

const age = (ms: number) => (ms < 2 * 24 * HOUR ? `${Math.round(ms / HOUR)} h` : `${Math.floor(ms / (24 * HOUR))} days`);

export function checkBackups(databasePath: string, dir: string, now: number): Check[] {
  if (databasePath === ':memory:') return [];
  if (!existsSync(databasePath)) return [note('backups', 'nothing to back up yet.')];
  const backups = listBackups(dir, backupBaseName(databasePath));
  if (backups.length === 0) {
    return [fail('backups', `no backups in ${dir} yet: npm run backup makes one now (Breather makes one every day while it runs).`)];
  }
  const newest = backups
    .map((b) => ({ ...b, stat: statSync(b.file) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs)[0];
  if (!newest) return [];
  const old = now - newest.stat.mtimeMs;
  if (old > BACKUP_MAX_AGE_MS) {
    return [fail('backups', `the newest backup, ${newest.file}, is ${age(old)} old: is Breather running? npm run backup makes one now.`)];
  }
  return [ok('backups', `newest ${newest.file} (${formatBytes(newest.stat.size)}, ${age(old)} old); ${backups.length} kept in ${dir}. Copy them off this machine too.`)];
}

export function checkClock(skews: readonly number[], now: number, store: Store | undefined): Check[] {
  const checks: Check[] = [];
  if (skews.length === 0) {
    checks.push(note('clock', 'could not compare with Discord or Slack (no answer from them).'));
  } else {
    const worst = skews.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
    const seconds = Math.round(Math.abs(worst) / 1000);
    if (Math.abs(worst) > CLOCK_MAX_SKEW_MS) {
      const way = worst > 0 ? 'behind' : 'ahead of';
      checks.push(fail('clock', `this machine's clock is ${seconds} s ${way} Discord's or Slack's: reminders would go out at the wrong time and Slack refuses requests over 5 minutes off; turn on time sync (timedatectl set-ntp true).`));
    } else {
      checks.push(ok('clock', `within ${Math.max(seconds, 1)} s of Discord's or Slack's.`));
    }
  }
  const latest = store?.db.prepare<[], { at: number | null }>('SELECT max(created_at) AS at FROM outbox').get()?.at ?? null;
  if (latest !== null && latest - now > 5 * 60_000) {
    checks.push(fail('clock', `the database has messages dated ${age(latest - now)} in the future: this clock went back, or the database came from a machine whose clock was ahead.`));
  }
  return checks;
}
