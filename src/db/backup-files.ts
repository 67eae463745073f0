import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

// How backup files are named and which are kept. One file per backup: `<name>-YYYY-MM-DD-daily.db` or
// `<name>-YYYY-MM-DD-weekly.db`, where <name> is the database file's own name (breather.db → breather) and the date
// is the UTC date the backup was taken. The first backup of each ISO week (Monday to Sunday, UTC) is that week's
// weekly one; the others are daily. A second backup on the same date replaces that date's file. Retention keeps the
// newest 7 daily and the newest 4 weekly files and never touches any other file in the folder.

export type BackupKind = 'daily' | 'weekly';

export interface BackupFile {
  file: string;
  date: string;
  kind: BackupKind;
}

export interface Retention {
  daily: number;
  weekly: number;
}

export const KEEP: Readonly<Retention> = { daily: 7, weekly: 4 };

const DAY = 86_400_000;
/** Temp files are `<final name>.partial-<random>`; one left by a crash is removed once it is this old. */
const STALE_PARTIAL_MS = 6 * 3_600_000;

/** `./data/breather.db` → `breather`: backups of different databases in one folder do not mix. */
export function backupBaseName(databasePath: string): string {
  const name = basename(databasePath);
  return extname(name) ? name.slice(0, -extname(name).length) : name;
}

export function utcDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The Monday (UTC) of the ISO week holding this date. */
export function isoWeekStart(date: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(at).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return utcDate(at - weekday * DAY);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function backupFileName(name: string, date: string, kind: BackupKind): string {
  return `${name}-${date}-${kind}.db`;
}

/** The backups of database `name` in `dir`, newest first. */
export function listBackups(dir: string, name: string): BackupFile[] {
  const pattern = new RegExp(`^${escape(name)}-(\\d{4}-\\d{2}-\\d{2})-(daily|weekly)\\.db$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .flatMap((file) => {
      const match = pattern.exec(file);
      return match?.[1] && match[2] ? [{ file: join(dir, file), date: match[1], kind: match[2] as BackupKind }] : [];
    })
    .sort((a, b) => (a.date === b.date ? a.kind.localeCompare(b.kind) : b.date.localeCompare(a.date)));
}

/** Weekly when no other date of this ISO week has a weekly backup yet (a same-date weekly is being replaced). */
export function kindFor(date: string, existing: readonly BackupFile[]): BackupKind {
  const week = isoWeekStart(date);
  const weekly = existing.find((b) => b.kind === 'weekly' && isoWeekStart(b.date) === week);
  return !weekly || weekly.date === date ? 'weekly' : 'daily';
}

/** The files retention would remove: everything past the newest 7 daily and 4 weekly. */
export function beyondRetention(backups: readonly BackupFile[], keep: Readonly<Retention> = KEEP): BackupFile[] {
  const daily = backups.filter((b) => b.kind === 'daily').slice(keep.daily);
  const weekly = backups.filter((b) => b.kind === 'weekly').slice(keep.weekly);
  return [...daily, ...weekly];
}

/** Removes backups beyond retention; returns the files removed. */
export function pruneBackups(dir: string, name: string, keep: Readonly<Retention> = KEEP): string[] {
  const old = beyondRetention(listBackups(dir, name), keep);
  for (const b of old) rmSync(b.file, { force: true });
  return old.map((b) => b.file);
}

/**
 * Removes temp files a crashed backup left behind (not a running one's: those are younger). File times are the
 * machine's wall clock, so this compares with the wall clock, not the bot's Clock.
 */
export function removeStalePartials(dir: string, name: string): void {
  const now = Date.now();
  const pattern = new RegExp(`^${escape(name)}-.*\\.db\\.partial-[0-9a-f]+(-journal|-wal|-shm)?$`);
  for (const file of readdirSync(dir)) {
    if (!pattern.test(file)) continue;
    const path = join(dir, file);
    try {
      if (now - statSync(path).mtimeMs > STALE_PARTIAL_MS) rmSync(path, { force: true });
    } catch {
      // gone already
    }
  }
}
