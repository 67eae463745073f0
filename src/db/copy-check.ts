import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { databaseProblems } from './ledger-check.ts';

// The checks a fresh backup copy must pass: integrity_check, the schema version, the ledger invariants. On a year of
// 100 co-ops they take seconds of synchronous SQLite work, which would freeze the bot (Discord wants an answer to an
// interaction within 3 s), so the bot runs them in a short-lived child process; scripts run them in-process.

/** Makes the copy one self-contained file (no WAL beside it) and checks it; returns the first problem, if any. */
export function checkCopy(path: string, version: number, latestVersion: number): string | undefined {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const copied = copy.pragma('user_version', { simple: true }) as number;
    if (copied !== version) return `the copy is at schema version ${copied}, the database at ${version}`;
    const problems = databaseProblems(copy, latestVersion);
    return problems.length ? `the copy failed its checks (${problems[0]})` : undefined;
  } finally {
    copy.close();
  }
}

const LIMIT_MS = 10 * 60_000;

/** The child: this folder's copy-check-child.ts through tsx, or, when built (npm run build), dist/'s plain JS. */
function childCommand(): string[] {
  if (import.meta.url.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return ['--import', tsx, fileURLToPath(new URL('./copy-check-child.ts', import.meta.url))];
  }
  return [fileURLToPath(new URL('./copy-check-child.js', import.meta.url))];
}

/** `checkCopy` in a child process, so the event loop of the caller stays free. Rejects if the child fails. */
export function checkCopyInChild(path: string, version: number, latestVersion: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childCommand(), path, String(version), String(latestVersion)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: LIMIT_MS,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        const answer = JSON.parse(out) as { problem?: string };
        resolve(answer.problem);
        return;
      }
      const last = err.trim().split('\n').at(-1) ?? '';
      reject(new Error(`the check of the copy stopped (${signal ?? `exit ${code}`}${last ? `: ${last}` : ''})`));
    });
  });
}
