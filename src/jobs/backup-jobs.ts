import { BackupError, takeBackup, type BackupResult } from '../db/backup.ts';
import type { Retention } from '../db/backup-files.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { DAY, HOUR, MINUTE } from '../domain/time.ts';

// The daily backup, in two halves. Planning: a `backup` job in the jobs table, due every day at 03:30 UTC, planned
// by the tick (the console's simulated clock plans none). Running: the job only records a request (its handler runs
// inside the scheduler's transaction); after the tick's transactions, `runRequested` takes the backup, which copies
// the database with SQLite's backup API and writes files, then records how it went in a short transaction of its own.

/** 03:30 UTC: a quiet hour in Europe, and a backup takes seconds anyway. */
export const BACKUP_MINUTE_UTC = 3 * 60 + 30;
/** A failed backup is tried again an hour later, three times in all; the next day's job then takes over. */
export const BACKUP_ATTEMPTS = 3;
const RETRY_AFTER = HOUR;
/** A request older than this (it was pending in a restored backup, say) is dropped: the next daily one comes soon. */
const REQUEST_MAX_AGE = DAY;
const TRIES = 3;

/** The first 03:30 UTC strictly after `after`. */
export function nextBackupAt(after: number): number {
  const midnight = after - (after % DAY);
  const today = midnight + BACKUP_MINUTE_UTC * MINUTE;
  return today > after ? today : today + DAY;
}

export interface BackupJobOptions {
  databasePath: string;
  dir: string;
  keep?: Readonly<Retention>;
}

export class BackupJobs {
  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: BackupJobOptions,
  ) {}

  /** Makes sure the next daily backup job is planned. */
  plan(now: number): void {
    const { store } = this;
    if (store.backupRuns.hasPendingJob()) return;
    store.transaction(() => {
      let at = nextBackupAt(now);
      for (let i = 0; i < TRIES; i++) {
        const date = new Date(at).toISOString().slice(0, 10);
        const job = { kind: 'backup', subject: 'install', coopId: null, dueAt: at, graceMs: null, key: `backup:${date}` };
        if (store.jobs.plan(job, now)) return;
        at = nextBackupAt(at);
      }
    });
  }

  /** Takes the backups that jobs asked for. Never inside a transaction: it writes files and waits on the copy. */
  async runRequested(now: number): Promise<BackupResult[]> {
    const results: BackupResult[] = [];
    for (const run of this.store.backupRuns.dueBy(now)) {
      const log = this.log.child({ backupRun: run.id, job: run.jobId });
      if (now - run.requestedAt > REQUEST_MAX_AGE) {
        this.store.transaction(() => this.store.backupRuns.markSkipped(run.id, 'too old: the next daily backup comes instead', now));
        log.info('backup request dropped: more than a day old');
        continue;
      }
      try {
        const result = await takeBackup({ db: this.store.db, now, check: 'child', ...this.options });
        this.store.transaction(() => this.store.backupRuns.markDone(run.id, { file: result.file, bytes: result.bytes, tookMs: result.ms }, now));
        log.info({ file: result.file, kind: result.kind, bytes: result.bytes, ms: Math.round(result.ms), removed: result.removed }, 'backup written');
        results.push(result);
      } catch (error) {
        const message = error instanceof BackupError ? error.message : `Backup failed: ${error instanceof Error ? error.message : String(error)}`;
        const attempts = run.attempts + 1;
        this.store.transaction(() => {
          if (attempts >= BACKUP_ATTEMPTS) this.store.backupRuns.markFailed(run.id, message, now);
          else this.store.backupRuns.retryLater(run.id, now + RETRY_AFTER, message);
        });
        log.error({ attempts, willRetry: attempts < BACKUP_ATTEMPTS }, message);
      }
    }
    return results;
  }
}
