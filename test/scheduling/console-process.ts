import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real `npm start` console with a piped script; resolves with its stdout when it exits (no sleeping). */
export function runConsole(databasePath: string, now: string, script: readonly string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent', '--', '--now', now], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath, LOG_LEVEL: 'error', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(`${script.join('\n')}\n`);
  });
}

export interface Shown {
  audience: string;
  localTime: string | undefined;
  text: string;
}

/** Splits console output into who saw what, and when (job messages carry the local send time). */
export function readLines(stdout: string): Shown[] {
  return stdout
    .split('\n')
    .map((line) => /^\[([^\]]+)\](?: (\d{4}-\d{2}-\d{2} \d{2}:\d{2}))? ?(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ audience: m[1] ?? '', localTime: m[2], text: (m[3] ?? '').trim() }));
}
