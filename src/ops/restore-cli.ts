import { ConfigError, loadConfig } from '../config.ts';
import { systemClock } from '../core/clock.ts';
import { restoreBackup, RestoreError } from '../db/restore.ts';
import { stop } from './cli-output.ts';

// `npm run restore -- FILE [--force]`: puts a backup back as DATABASE_PATH, with the bot stopped. Refuses a file
// that fails the checks, and refuses while a bot holds the database; keeps the current one beside it.

const USAGE = 'Usage: npm run restore -- FILE   (a backup from BACKUP_DIR, e.g. ./data/backups/breather-2026-12-04-daily.db)';

function main(): void {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  const file = files[0];
  if (!file || files.length > 1) stop([USAGE]);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) stop(error.problems);
    throw error;
  }
  try {
    const result = restoreBackup({ file, databasePath: config.databasePath, now: systemClock.now(), force });
    const kept = result.keptAs ? ` The previous database is kept as ${result.keptAs}.` : '';
    process.stdout.write(
      `Restored ${file} into ${config.databasePath} (${result.transfers} ledger entries, schema version ${result.schemaVersion}).${kept} ` +
        'Start Breather again with npm start.\n',
    );
  } catch (error) {
    if (error instanceof RestoreError) stop([error.message]);
    throw error;
  }
}

main();
