// The bot as a process: resident memory idle (the console alone; Discord and Slack connected), time to the first
// answer, and how long SIGTERM takes with a long queue. Built JS (npm run build, `node dist/main.js`, what a service
// manager runs) and, for comparison, `node --import tsx src/main.ts` (what `npm start` runs under npm).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startDiscordStandin } from '../test/standins/discord/index.ts';
import { startSlackStandin } from '../test/standins/slack/index.ts';
import { createStore } from '../test/support/harness.ts';
import { memberDestination } from '../src/domain/destinations.ts';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export type Runtime = 'built' | 'tsx';

/** `npm run start:prod`'s node arguments, as package.json says: what a service manager runs. */
function startProdArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [node, ...rest] = (scripts['start:prod'] ?? '').split(/\s+/);
  if (node !== 'node' || !rest.includes('dist/main.js')) throw new Error(`start:prod is not "node … dist/main.js": ${scripts['start:prod']}`);
  return rest;
}

const args = (runtime: Runtime) => (runtime === 'built' ? startProdArgs() : ['--import', TSX, 'src/main.ts']);

export interface Running {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

export function run(runtime: Runtime, env: Record<string, string>): Running {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DISCORD_TOKEN', 'DISCORD_APP_ID', 'DISCORD_GUILD_ID', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'LOG_LEVEL']) delete clean[key];
  const child = spawn(process.execPath, args(runtime), { cwd: REPO, env: { ...clean, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<{ match: (line: string) => boolean; resolve: (line: string) => void }>();
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      for (const w of [...waiters]) if (w.match(line)) (waiters.delete(w), w.resolve(line));
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor(match, timeoutMs = 60_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching line in ${timeoutMs} ms; saw:\n${lines.slice(-20).join('\n')}`)), timeoutMs);
        waiters.add({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
  };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The console, answering one command, then idle for a moment: its memory, and how long the first answer took. */
export async function consoleProcess(runtime: Runtime, databasePath: string): Promise<{ rssMiB: number; firstAnswerMs: number }> {
  const started = performance.now();
  const p = run(runtime, { DATABASE_PATH: databasePath });
  p.child.stdin.write(':as Alice\n/credits balance\n');
  await p.waitFor((l) => l.includes('Your household has') || l.includes('You have'));
  const firstAnswerMs = performance.now() - started;
  await settle(1_500);
  const rss = rssMiB(p.child.pid ?? 0);
  p.child.stdin.end(':quit\n');
  await p.exited;
  return { rssMiB: rss, firstAnswerMs };
}

/** Discord and Slack both connected (loopback stand-ins in this process), then idle for a moment: its memory. */
export async function platformsProcess(runtime: Runtime, databasePath: string): Promise<{ rssMiB: number }> {
  const discord = await startDiscordStandin();
  const slack = await startSlackStandin();
  const p = run(runtime, {
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'info',
    DISCORD_TOKEN: discord.token,
    DISCORD_APP_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: slack.identity.botToken,
    SLACK_APP_TOKEN: slack.identity.appToken,
    SLACK_API_URL: slack.apiUrl,
  });
  try {
    await p.waitFor((l) => l.includes('"msg":"discord ready'));
    await p.waitFor((l) => l.includes('"msg":"Slack connected"'));
    await settle(3_000);
    return { rssMiB: rssMiB(p.child.pid ?? 0) };
  } finally {
    p.child.kill('SIGTERM');
    await p.exited;
    await discord.close();
    await slack.close();
  }
}

/** SIGTERM with `queued` posts waiting behind Slack's one a second: seconds to exit, and how many stayed queued. */
export async function sigtermWithQueue(runtime: Runtime, dir: string, queued: number): Promise<{ seconds: number; code: number | null; stillQueued: number }> {
  const slack = await startSlackStandin();
  const path = join(dir, `sigterm-${runtime}.db`);
  const store = createStore(path);
  store.transaction(() => {
    const coop = store.coops.create('slack', slack.identity.teamId, 'Team', 'Europe/London', Date.now());
    store.coops.setUp(coop.id, { timezone: 'Europe/London', channelRef: 'C0GENERAL', checkin: coop.checkin, dateOrder: null }, Date.now());
    const { member } = store.members.create(coop.id, 'U0ANA', 'Ana', true, Date.now());
    for (let i = 0; i < queued; i++) {
      store.outbox.add({ coopId: coop.id, notification: { destination: i % 2 ? memberDestination(coop, member) : { kind: 'channel', platform: 'slack', coopRef: coop.externalRef, channelRef: 'C0GENERAL' }, message: { text: `queued ${i}` } }, at: Date.now() });
    }
  });
  store.db.close();
  slack.addUser({ id: 'U0ANA', real_name: 'Ana', tz: 'Europe/London' });
  const p = run(runtime, { DATABASE_PATH: path, LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: slack.identity.botToken, SLACK_APP_TOKEN: slack.identity.appToken, SLACK_API_URL: slack.apiUrl });
  try {
    await slack.waitForCall('chat.postMessage', { timeoutMs: 60_000 });
    const started = performance.now();
    p.child.kill('SIGTERM');
    const code = await p.exited;
    const seconds = (performance.now() - started) / 1000;
    const after = createStore(path);
    const stillQueued = after.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get()?.n ?? 0;
    after.db.close();
    return { seconds, code, stillQueued };
  } finally {
    p.child.kill('SIGKILL');
    await slack.close();
  }
}
