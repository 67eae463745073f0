// Two real Breather processes on one database file: the second exits 1 with one line naming the first's pid and
// host; after the first is SIGKILLed the next start takes it over (same host, its process gone: at once). With a
// bot running, `npm run backup` still works (an online backup) and `npm run restore` refuses; once it stopped
// cleanly, the restore goes through, and a truncated backup is refused with one line.
import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, statSync, truncateSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from './support/run-console.ts';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Breather {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first log line whose msg matches; rejects if the process exits first. */
  waitForLog(msg: string): Promise<Record<string, unknown>>;
}

const running: Breather[] = [];
const dirs: (() => void)[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) {
    if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
    await b.exited;
  }
  for (const remove of dirs.splice(0)) remove();
});

function environment(db: string, backups: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: db, BACKUP_DIR: backups, LOG_LEVEL: 'info' };
  for (const key of ['DISCORD_TOKEN', 'DISCORD_APP_ID', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET']) delete env[key];
  return env;
}

/** `node --import tsx <script>`: the console chat when the script is src/main.ts, its stdin left open. */
function start(script: string, env: NodeJS.ProcessEnv, args: string[] = []): Breather {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];
  const onLine = (line: string) => {
    if (!line.startsWith('{')) return;
    const entry = JSON.parse(line) as Record<string, unknown>;
    for (const w of [...waiters]) {
      if (entry['msg'] !== w.msg) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(entry);
    }
  };
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    err += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  void exited.then(() => {
    for (const w of waiters.splice(0)) w.reject(new Error(`exited before logging "${w.msg}": ${err}`));
  });
  const breather: Breather = {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    waitForLog: (msg) => new Promise((resolve, reject) => waiters.push({ msg, resolve, reject })),
  };
  running.push(breather);
  return breather;
}

async function runToEnd(script: string, env: NodeJS.ProcessEnv, args: string[] = []) {
  const b = start(script, env, args);
  b.child.stdin.end();
  const exit = await b.exited;
  return { ...exit, stdout: b.stdout(), stderr: b.stderr(), lines: b.stderr().split('\n').filter((l) => l.trim() !== '') };
}

function setUp() {
  const dir = tempDir('writer');
  dirs.push(dir.remove);
  return { dir, env: environment(dir.db, join(dir.dir, 'backups')) };
}

const claimRows = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], number>('SELECT COUNT(*) FROM writer_claim').pluck().get() ?? -1;
  } finally {
    db.close();
  }
};

describe('one writer per database, with real processes', () => {
  it('refuses a second process with one line naming the first, and takes over at once after a SIGKILL', async () => {
    const { dir, env } = setUp();
    const first = start('src/main.ts', env);
    await first.waitForLog('writer claim taken');

    const second = await runToEnd('src/main.ts', env);
    expect(second.code).toBe(1);
    const refusals = second.lines.filter((l) => l.includes('already using'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(`pid ${first.child.pid} on host ${hostname()}`);
    expect(second.lines.filter((l) => !l.startsWith('{'))).toEqual(['Breather cannot start:', refusals[0]]);

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const third = start('src/main.ts', env);
    const takeover = await third.waitForLog('writer claim taken over from a process that died');
    expect(takeover['previous']).toMatchObject({ pid: first.child.pid, host: hostname(), state: 'gone' });

    // End of input: the console stops cleanly and gives the claim back.
    third.child.stdin.end();
    expect(await third.exited).toEqual({ code: 0, signal: null });
    expect(claimRows(dir.db)).toBe(0);
  }, 120_000);

  it('backs up while the bot runs, refuses to restore under it, refuses a truncated file, then restores', async () => {
    const { dir, env } = setUp();
    const bot = start('src/main.ts', env);
    await bot.waitForLog('writer claim taken');

    const backup = await runToEnd('src/ops/backup-cli.ts', env);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    const written = /^Backup written: (\S+) \((\d+\.\d) KB, (daily|weekly)\) in \d+\.\d s\.\n$/.exec(backup.stdout);
    expect(written, backup.stdout).not.toBeNull();
    const file = written![1]!;
    expect(claimRows(file)).toBe(1); // the running bot's claim is in the copy

    const busy = await runToEnd('src/ops/restore-cli.ts', env, [file]);
    expect(busy.code).toBe(1);
    expect(busy.lines).toEqual([`Breather is running on ${dir.db} (pid ${bot.child.pid} on host ${hostname()}). Stop it first, then run the restore again.`]);

    bot.child.stdin.end();
    expect(await bot.exited).toEqual({ code: 0, signal: null });

    const truncated = join(dir.dir, 'truncated.db');
    copyFileSync(file, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const refused = await runToEnd('src/ops/restore-cli.ts', env, [truncated]);
    expect(refused.code).toBe(1);
    expect(refused.lines).toHaveLength(1);
    expect(refused.lines[0]).toMatch(/^Cannot restore .*truncated\.db: .*\. Nothing was changed\.$/);

    const restored = await runToEnd('src/ops/restore-cli.ts', env, [file]);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toMatch(/^Restored .* into .*breather\.db \(\d+ ledger entries, schema version \d+\)\. The previous database is kept as .*\.before-restore-/);
    // The claim of the bot that ran at backup time belongs to that run, not to the data: dropped on restore.
    expect(claimRows(dir.db)).toBe(0);
  }, 120_000);
});
