import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { REPO_ROOT } from './run-console.ts';

// Runs the real `npm start` with platform tokens in its environment (Discord and/or Slack against loopback
// stand-ins), keeps everything it prints, and lets a test wait for a log line or for the exit, without sleeping.

const PLATFORM_KEYS = [
  'LOG_LEVEL',
  'DISCORD_TOKEN',
  'DISCORD_APP_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_API_URL',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'BREATHER_SECRET_KEY',
  'DISCORD_SHARDS',
  'PUBLIC_URL',
  'PORT',
];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PlatformProcess {
  readonly pid: number;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr/stdout line (pino JSON or plain) that matches; rejects if the process exits first. */
  waitForLine(matches: (line: string) => boolean, what: string): Promise<string>;
  readonly exited: Promise<Exit>;
  /** Breather's own process id (npm → sh → tsx → node), from the `pid` of its first log line. */
  appPid(): number | undefined;
  /**
   * Signals Breather's own process, as a supervisor does; its exit code then travels up through tsx, sh and npm.
   * (Signalling npm instead goes through sh and tsx's signal relay, which decide the exit code themselves.)
   */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to npm and everything under it (its own process group) if still running: test clean-up. */
  kill(): void;
}

/**
 * `npm start --silent` with the given platform variables; everything else from this environment minus platform keys.
 * `direct`: Breather's node process itself (node --import tsx src/main.ts), so that once `exited` resolves the
 * process is gone, not left for init to reap (a restart right after a SIGKILL takes its writer claim over at once).
 */
export function startPlatformProcess(vars: Record<string, string>, options: { direct?: boolean } = {}): PlatformProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of PLATFORM_KEYS) delete env[key];
  Object.assign(env, vars);
  const [command, args] = options.direct ? [process.execPath, ['--import', 'tsx', 'src/main.ts']] : ['npm', ['start', '--silent']];
  const child: ChildProcessWithoutNullStreams = spawn(command, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error('npm start did not spawn');
  const pid = child.pid;
  child.stdin.end();
  const out: string[] = [];
  const err: string[] = [];
  const lines: string[] = [];
  const waiters = new Set<{ matches: (line: string) => boolean; resolve: (line: string) => void; reject: (e: Error) => void; what: string }>();
  let running = true;
  let partial = { out: '', err: '' };

  let appPid: number | undefined;
  const onLine = (line: string) => {
    lines.push(line);
    appPid ??= logPid(line);
    for (const waiter of [...waiters]) {
      if (!waiter.matches(line)) continue;
      waiters.delete(waiter);
      waiter.resolve(line);
    }
  };
  const collect = (stream: 'out' | 'err', chunk: Buffer) => {
    const text = chunk.toString('utf8');
    (stream === 'out' ? out : err).push(text);
    const parts = (partial[stream] + text).split('\n');
    partial = { ...partial, [stream]: parts.pop() ?? '' };
    for (const line of parts) onLine(line);
  };
  child.stdout.on('data', (chunk: Buffer) => collect('out', chunk));
  child.stderr.on('data', (chunk: Buffer) => collect('err', chunk));

  const exited = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running = false;
      for (const rest of [partial.out, partial.err]) if (rest) onLine(rest);
      for (const waiter of waiters) {
        waiter.reject(new Error(`process exited (code ${code}, signal ${signal}) before ${waiter.what}; output:\n${lines.join('\n')}`));
      }
      waiters.clear();
      resolve({ code, signal });
    });
  });

  const send = (target: number, signal: NodeJS.Signals) => {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  };

  return {
    pid,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    waitForLine(matches, what) {
      const seen = lines.find(matches);
      if (seen !== undefined) return Promise.resolve(seen);
      if (!running) return Promise.reject(new Error(`process already exited before ${what}; output:\n${lines.join('\n')}`));
      return new Promise((resolve, reject) => waiters.add({ matches, resolve, reject, what }));
    },
    exited,
    appPid: () => appPid,
    signal: (signal) => {
      if (appPid === undefined) throw new Error('Breather has not logged its pid yet');
      send(appPid, signal);
    },
    kill: () => {
      if (running) send(-pid, 'SIGKILL');
    },
  };
}

function logFields(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A pino JSON line's `msg`, or undefined for anything else. */
export function logMessage(line: string): string | undefined {
  const msg = logFields(line)?.msg;
  return typeof msg === 'string' ? msg : undefined;
}

function logPid(line: string): number | undefined {
  const pid = logFields(line)?.pid;
  return typeof pid === 'number' ? pid : undefined;
}
