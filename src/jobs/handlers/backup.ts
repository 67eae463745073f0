import { done, type JobHandler } from '../job-run.ts';

/**
 * The daily backup, as a job so it sits in the jobs table like everything else. It runs inside the scheduler's
 * transaction, where file I/O does not belong, so it only records that a backup is due; the tick takes it after
 * its transactions (src/jobs/backup-jobs.ts), and plans the next day's.
 */
export const backup: JobHandler = {
  run(run) {
    run.store.backupRuns.request(run.job.id, run.now);
    return done;
  },
};
