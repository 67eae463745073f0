import type { Db } from '../connection.ts';

// Backups the daily job asked for, and how each went. The job writes a request inside the scheduler's transaction;
// the backup itself (file I/O) runs after that transaction, and its outcome is recorded in a short one of its own.

export type BackupRunStatus = 'pending' | 'done' | 'failed' | 'skipped';

export interface BackupRun {
  id: number;
  jobId: number;
  requestedAt: number;
  status: BackupRunStatus;
  attempts: number;
  nextAttemptAt: number;
  file: string | null;
  bytes: number | null;
  tookMs: number | null;
  lastError: string | null;
  finishedAt: number | null;
}

interface Row {
  id: number;
  job_id: number;
  requested_at: number;
  status: BackupRunStatus;
  attempts: number;
  next_attempt_at: number;
  file: string | null;
  bytes: number | null;
  took_ms: number | null;
  last_error: string | null;
  finished_at: number | null;
}

const toRun = (r: Row): BackupRun => ({
  id: r.id,
  jobId: r.job_id,
  requestedAt: r.requested_at,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  file: r.file,
  bytes: r.bytes,
  tookMs: r.took_ms,
  lastError: r.last_error,
  finishedAt: r.finished_at,
});

export class BackupRunRepository {
  private readonly insert;
  private readonly due;
  private readonly succeed;
  private readonly fail;
  private readonly retry;
  private readonly skip;
  private readonly pendingJob;
  private readonly lastDone;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, number]>(
      'INSERT INTO backup_runs (job_id, requested_at, next_attempt_at) VALUES (?, ?, ?) ON CONFLICT (job_id) DO NOTHING',
    );
    this.due = db.prepare<[number], Row>(
      "SELECT * FROM backup_runs WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id",
    );
    this.succeed = db.prepare<[string, number, number, number, number]>(
      "UPDATE backup_runs SET status = 'done', attempts = attempts + 1, file = ?, bytes = ?, took_ms = ?, last_error = NULL, finished_at = ? WHERE id = ?",
    );
    this.fail = db.prepare<[string, number, number]>(
      "UPDATE backup_runs SET status = 'failed', attempts = attempts + 1, last_error = ?, finished_at = ? WHERE id = ?",
    );
    this.retry = db.prepare<[number, string, number]>(
      'UPDATE backup_runs SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
    );
    this.skip = db.prepare<[string, number, number]>(
      "UPDATE backup_runs SET status = 'skipped', last_error = ?, finished_at = ? WHERE id = ?",
    );
    this.pendingJob = db.prepare<[], { id: number }>("SELECT id FROM jobs WHERE kind = 'backup' AND status = 'pending' LIMIT 1");
    this.lastDone = db.prepare<[], Row>("SELECT * FROM backup_runs WHERE status = 'done' ORDER BY finished_at DESC LIMIT 1");
  }

  /** A backup is due (once per job). */
  request(jobId: number, at: number): void {
    this.insert.run(jobId, at, at);
  }

  dueBy(now: number): BackupRun[] {
    return this.due.all(now).map(toRun);
  }

  markDone(id: number, result: { file: string; bytes: number; tookMs: number }, at: number): void {
    this.succeed.run(result.file, result.bytes, Math.round(result.tookMs), at, id);
  }

  markFailed(id: number, error: string, at: number): void {
    this.fail.run(error, at, id);
  }

  retryLater(id: number, at: number, error: string): void {
    this.retry.run(at, error, id);
  }

  markSkipped(id: number, reason: string, at: number): void {
    this.skip.run(reason, at, id);
  }

  /** Whether a backup job is planned and has not run yet. */
  hasPendingJob(): boolean {
    return this.pendingJob.get() !== undefined;
  }

  /** The newest backup that worked: for a health check that backups are recent. */
  lastSuccessful(): BackupRun | undefined {
    const row = this.lastDone.get();
    return row && toRun(row);
  }
}
