// `npx tsx bench/backup.ts [--quick]`: the daily backup and a restore on a year of co-op life (100 co-ops × 50
// households, as `npm run bench` seeds it), with the event loop's longest stall while each runs. Not part of
// `npm run bench`: seeding alone takes a quarter of a minute.
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { ManualClock } from '../src/core/clock.ts';
import { takeBackup } from '../src/db/backup.ts';
import { backupBaseName, listBackups } from '../src/db/backup-files.ts';
import { restoreBackup } from '../src/db/restore.ts';
import { Store } from '../src/db/store.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { seedCoops } from './seed.ts';
import { elapsedMs } from './stats.ts';
import { formatBytes, formatMs, formatNumber, formatTable } from './table.ts';
import { databaseBytes, TempDir } from './temp-db.ts';

const quick = process.argv.includes('--quick');
const NOW = Date.parse('2026-11-22T12:00:00Z');
const print = (text = '') => process.stdout.write(`${text}\n`);

const temp = new TempDir();
try {
  const { db, file } = temp.openFresh('breather');
  const seeded = seedCoops(db, { coops: quick ? 10 : 100, householdsPerCoop: 50, swapsPerHouseholdPerMonth: 2, now: NOW, seed: 20261122 });
  new Scheduler(new Store(db), new ManualClock(NOW), pino({ level: 'silent' })).plan(NOW);
  db.pragma('wal_checkpoint(TRUNCATE)');
  print(`Database: ${formatNumber(seeded.counts.coops)} co-ops, ${formatNumber(seeded.counts.households)} households, ` +
    `${formatNumber(seeded.counts.transfers)} transfers, ${formatBytes(databaseBytes(file))}`);

  const rows: string[][] = [];
  const backups = join(temp.path, 'backups');
  for (const [day, check] of (['child', 'in-process'] as const).entries()) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const result = await takeBackup({ db, databasePath: file, dir: backups, now: NOW + day * 86_400_000, check });
    delay.disable();
    rows.push([`backup, checks ${check === 'child' ? 'in a child process (the bot)' : 'in-process (npm run backup)'}`, formatMs(result.ms), formatBytes(result.bytes), formatMs(delay.max / 1e6)]);
  }
  db.close();
  const started = process.hrtime.bigint();
  const [newest] = listBackups(backups, backupBaseName(file));
  if (!newest) throw new Error('no backup was written');
  restoreBackup({ file: newest.file, databasePath: file, now: NOW });
  rows.push(['restore (checks, keep the old file, swap in)', formatMs(elapsedMs(started)), formatBytes(databaseBytes(file)), '(script)']);
  print(formatTable(['operation', 'time', 'size', 'longest event-loop stall'], rows));
} finally {
  temp.remove();
}
