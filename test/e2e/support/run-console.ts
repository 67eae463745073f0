import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs the real `npm start` (the console chat) with a piped script, and waits for it to exit at end of input.

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const START = '2026-11-22T12:00Z';

export interface ConsoleRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the trailing empty one. */
  lines: string[];
  ms: number;
}

export interface ConsoleRunOptions {
  /** The DB file (see tempDir); the caller removes it. */
  dbPath: string;
  now?: string;
  /** Kills the process (SIGKILL) if it has not exited by then; the run then reports signal SIGKILL. */
  timeoutMs?: number;
}

/** A fresh directory in os.tmpdir() for one test's DB file, and a way to remove it. */
export function tempDir(label: string): { dir: string; db: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `breather-${label}-`));
  return { dir, db: join(dir, 'breather.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment of a console run: no platform tokens, LOG_LEVEL unset, the DB where the test says. */
function consoleEnv(dbPath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: dbPath };
  for (const key of ['LOG_LEVEL', 'DISCORD_TOKEN', 'DISCORD_APP_ID', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET']) {
    delete env[key];
  }
  return env;
}

export function runConsole(script: string | readonly string[], options: ConsoleRunOptions): Promise<ConsoleRun> {
  const input = typeof script === 'string' ? script : `${script.join('\n')}\n`;
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent', '--', '--now', options.now ?? START], {
    cwd: REPO_ROOT,
    env: consoleEnv(options.dbPath),
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so a timeout can stop npm and the tsx/node processes under it together.
    detached: true,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  // The process may stop reading early (`:quit`); a broken pipe then is not the test's concern.
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, options.timeoutMs ?? 50_000);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const lines = stdout.split('\n');
      if (lines.at(-1) === '') lines.pop();
      resolve({ code, signal, stdout, stderr: Buffer.concat(err).toString('utf8'), lines, ms: performance.now() - started });
    });
  });
}

/** The lines one member sees privately, without the `[private → NAME] ` prefix. */
export function privateTo(run: Pick<ConsoleRun, 'lines'>, name: string): string[] {
  const prefix = `[private → ${name}] `;
  return run.lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
}

const STACK = /^\s*at\s|\bat .+ \(.+:\d+:\d+\)|node:internal|\.[cm]?[jt]s:\d+:\d+|\b(?:Type|Range|Reference|Syntax|Sqlite)Error\b/;

/** Output lines that look like part of a stack trace or a raw error. */
export function stackTraceLines(lines: readonly string[]): string[] {
  return lines.filter((l) => STACK.test(l));
}
