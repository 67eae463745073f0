import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { systemClock } from '../core/clock.ts';
import { BackupError, takeBackup } from '../db/backup.ts';
import { openDatabase } from '../db/connection.ts';
import { formatBytes, stop } from './cli-output.ts';

// `npm run backup`: one verified backup of DATABASE_PATH into BACKUP_DIR now, whether or not the bot is running
// (SQLite's backup API reads a consistent state while the bot writes). It writes nothing to the database itself.

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) stop(error.problems);
    throw error;
  }
  const { databasePath, backupDir } = config;
  if (databasePath === ':memory:') stop(['Nothing to back up: DATABASE_PATH is :memory:.']);
  if (!existsSync(databasePath)) stop([`Nothing to back up: there is no database at ${databasePath} (check DATABASE_PATH).`]);
  const db = openDatabase(databasePath);
  try {
    const result = await takeBackup({ db, databasePath, dir: backupDir, now: systemClock.now() });
    const removed = result.removed.length ? `; ${result.removed.length} older backup(s) removed` : '';
    process.stdout.write(
      `Backup written: ${result.file} (${formatBytes(result.bytes)}, ${result.kind}) in ${(result.ms / 1000).toFixed(1)} s${removed}.\n`,
    );
  } catch (error) {
    if (error instanceof BackupError) stop([error.message]);
    throw error;
  } finally {
    if (db.open) db.close();
  }
}

await main();
