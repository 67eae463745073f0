import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_ATTEMPTS, BackupJobs, nextBackupAt } from '../../src/jobs/backup-jobs.ts';
import { startScheduler } from '../../src/jobs/cron.ts';
import { tempDir } from '../e2e/support/run-console.ts';
import { silentLog } from '../support/harness.ts';
import { createWorld, DAY, HOUR, MINUTE } from './world.ts';

// The daily backup as a job in the jobs table, on a real database file and a clock the test moves: the job only
// records a request inside the scheduler's transaction; the backup file appears when the tick runs the requests
// after it. Downtime brings one backup, not a burst; a failing backup is retried, then given up for the day.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0).reverse()) clean();
});

function backupWorld(start = '2027-03-03T12:00:00Z') {
  const dir = tempDir('backup-job');
  const w = createWorld({ start, path: dir.db });
  cleanups.push(dir.remove, () => w.store.db.close());
  w.run('Alice', '/credits balance');
  const backupsDir = join(dir.dir, 'backups');
  const backups = new BackupJobs(w.store, silentLog, { databasePath: dir.db, dir: backupsDir });
  const files = () => (existsSync(backupsDir) ? readdirSync(backupsDir).sort() : []);
  const backupJobs = () =>
    w.store.db
      .prepare<[], { status: string; due_at: number; coop_id: number | null; subject: string }>(
        "SELECT status, due_at, coop_id, subject FROM jobs WHERE kind = 'backup' ORDER BY id",
      )
      .all();
  const runs = () => w.store.db.prepare<[], { status: string; file: string | null; attempts: number }>('SELECT status, file, attempts FROM backup_runs ORDER BY id').all();
  return { w, dir, backupsDir, backups, files, backupJobs, runs };
}

describe('the daily backup job', () => {
  it('is due at 03:30 UTC; the job records a request, the backup is taken after the transaction', async () => {
    const { w, backups, files, backupJobs, runs, backupsDir } = backupWorld();
    expect(nextBackupAt(Date.parse('2027-03-03T12:00:00Z'))).toBe(Date.parse('2027-03-04T03:30:00Z'));
    expect(nextBackupAt(Date.parse('2027-03-04T03:29:59Z'))).toBe(Date.parse('2027-03-04T03:30:00Z'));
    expect(nextBackupAt(Date.parse('2027-03-04T03:30:00Z'))).toBe(Date.parse('2027-03-05T03:30:00Z'));

    backups.plan(w.clock.now());
    backups.plan(w.clock.now()); // once is enough
    expect(backupJobs()).toEqual([{ status: 'pending', due_at: Date.parse('2027-03-04T03:30:00Z'), coop_id: null, subject: 'install' }]);

    w.clock.set(Date.parse('2027-03-04T03:30:00Z'));
    expect(w.scheduler.runDue()).toMatchObject({ done: 1 });
    // The scheduler's transaction wrote a request and no file.
    expect(runs()).toEqual([{ status: 'pending', file: null, attempts: 0 }]);
    expect(files()).toEqual([]);

    const [result] = await backups.runRequested(w.clock.now());
    expect(result?.file).toBe(join(backupsDir, 'breather-2027-03-04-weekly.db'));
    expect(files()).toEqual(['breather-2027-03-04-weekly.db']);
    expect(runs()).toEqual([{ status: 'done', file: result?.file, attempts: 1 }]);
    expect(w.store.backupRuns.lastSuccessful()).toMatchObject({ file: result?.file, bytes: result?.bytes });
    expect(await backups.runRequested(w.clock.now())).toEqual([]);

    backups.plan(w.clock.now());
    expect(backupJobs().map((j) => [j.status, new Date(j.due_at).toISOString()])).toEqual([
      ['done', '2027-03-04T03:30:00.000Z'],
      ['pending', '2027-03-05T03:30:00.000Z'],
    ]);
  });

  it('after three days of downtime takes one backup, not three, and plans the next day', async () => {
    const { w, backups, files, backupJobs } = backupWorld();
    backups.plan(w.clock.now());
    w.clock.set(Date.parse('2027-03-07T15:00:00Z'));
    expect(w.scheduler.runDue()).toMatchObject({ done: 1 });
    await backups.runRequested(w.clock.now());
    backups.plan(w.clock.now());
    expect(files()).toEqual(['breather-2027-03-07-weekly.db']);
    expect(backupJobs().filter((j) => j.status === 'pending').map((j) => new Date(j.due_at).toISOString())).toEqual(['2027-03-08T03:30:00.000Z']);
  });

  it('a failing backup is retried an hour later, given up after three attempts, and the older backups stay', async () => {
    const { w, backups, files, runs, backupsDir, dir } = backupWorld();
    backups.plan(w.clock.now());
    w.clock.set(Date.parse('2027-03-04T03:30:00Z'));
    w.scheduler.runDue();
    await backups.runRequested(w.clock.now());
    const kept = files();
    expect(kept).toHaveLength(1);

    // The next night the backup cannot be written: a file sits where its folder should be.
    const blocked = new BackupJobs(w.store, silentLog, { databasePath: dir.db, dir: join(backupsDir, kept[0]!) });
    blocked.plan(w.clock.now());
    w.clock.set(Date.parse('2027-03-05T03:30:00Z'));
    w.scheduler.runDue();
    for (let attempt = 1; attempt <= BACKUP_ATTEMPTS; attempt++) {
      expect(await blocked.runRequested(w.clock.now())).toEqual([]);
      expect(runs().at(-1)).toMatchObject({ attempts: attempt, status: attempt < BACKUP_ATTEMPTS ? 'pending' : 'failed' });
      expect(await blocked.runRequested(w.clock.now() + HOUR - MINUTE)).toEqual([]); // not before the hour
      expect(runs().at(-1)?.attempts).toBe(attempt);
      w.clock.advance(HOUR);
    }
    expect(files()).toEqual(kept);
    expect(w.store.db.prepare("SELECT last_error FROM backup_runs WHERE status = 'failed'").pluck().get()).toMatch(
      /^Backup failed: .* cannot be used as the backup folder/,
    );
  });

  it('drops a request more than a day old (one restored from a backup) instead of writing today’s file from it', async () => {
    const { w, backups, files, runs } = backupWorld();
    backups.plan(w.clock.now());
    w.clock.set(Date.parse('2027-03-04T03:30:00Z'));
    w.scheduler.runDue();
    w.clock.advance(DAY + MINUTE);
    expect(await backups.runRequested(w.clock.now())).toEqual([]);
    expect(runs()).toEqual([{ status: 'skipped', file: null, attempts: 0 }]);
    expect(files()).toEqual([]);
  });

  it('the scheduler tick plans it, runs it and takes the backup after its transactions', async () => {
    const { w, backups, files } = backupWorld('2027-03-04T03:29:00Z');
    const running = startScheduler({ store: w.store, clock: w.clock, log: silentLog, relay: w.relay, backups, expression: '0 0 1 1 *' });
    await running.tick();
    expect(files()).toEqual([]);
    w.clock.set(Date.parse('2027-03-04T03:30:00Z'));
    await running.tick();
    expect(files()).toEqual(['breather-2027-03-04-weekly.db']);
    await running.stop();
  });
});
