import { spawn } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../e2e/support/run-console.ts';
import { SECRETS, startDoctorWorld, type DoctorWorld } from './doctor-world.ts';
import { unusedPort } from '../support/ports.ts';

// `npm run doctor` as the real process an organiser runs: exit 0 when all is fine, and when something is wrong
// exit 1 with one plain line per check: no network at all, or a database this user may not write to.

const KEYS = ['DATABASE_PATH', 'BACKUP_DIR', 'DISCORD_TOKEN', 'DISCORD_APP_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'DISCORD_SHARDS', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'BREATHER_SECRET_KEY', 'PUBLIC_URL', 'PORT', 'LOG_LEVEL'];

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDoctorProcess(vars: Record<string, string>, as?: { uid: number; gid: number }): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of KEYS) delete env[key];
  Object.assign(env, vars);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/ops/doctor-cli.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], ...as });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let world: DoctorWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('npm run doctor, the process', () => {
  it('exits 0 when everything is fine', async () => {
    world = await startDoctorWorld();
    const ran = await runDoctorProcess(world.env);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(/All fine\.\n$/);
    expect(ran.code).toBe(0);
  });

  it('with no network, says so in one line per check, without a stack trace or a token, and exits 1', async () => {
    world = await startDoctorWorld();
    const port = await unusedPort();
    const ran = await runDoctorProcess({
      ...world.env,
      DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('');
    const lines = ran.stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^(ok  |FAIL|note|skip)  \S/.test(l) || /problems? \(FAIL above\)/.test(l))).toBe(true);
    expect(ran.stdout).not.toMatch(/\n\s+at |Error:/);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      expect.stringMatching(/^FAIL {2}discord token +cannot reach 127\.0\.0\.1:\d+: the connection was refused\. Is this machine online\?$/),
      expect.stringMatching(/^FAIL {2}slack token +cannot reach 127\.0\.0\.1:\d+: the connection was refused\. Is this machine online\?$/),
    ]);
    expect(lines.filter((l) => l.startsWith('skip')).length).toBeGreaterThanOrEqual(5);
    for (const secret of SECRETS) expect(ran.stdout + ran.stderr).not.toContain(secret);
  });

  it('finds a database this user may not write to', async () => {
    world = await startDoctorWorld();
    const env = { DATABASE_PATH: world.databasePath, BACKUP_DIR: world.backupDir };
    // Root writes anywhere, so as root the doctor runs as nobody, who may read the file but not write it.
    const root = process.getuid?.() === 0;
    chmodSync(world.dir, root ? 0o755 : 0o555);
    chmodSync(world.databasePath, root ? 0o644 : 0o444);
    try {
      const ran = await runDoctorProcess(env, root ? { uid: 65534, gid: 65534 } : undefined);
      expect(ran.code).toBe(1);
      const failed = ran.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
      expect(failed).toEqual([expect.stringMatching(/^FAIL {2}database +Breather cannot write to .*breather\.db \(it belongs to uid \d+, mode \d+; this is uid \d+\): run it as the user that owns the file, or chown the file and its folder/)]);
    } finally {
      chmodSync(world.dir, 0o755);
      chmodSync(world.databasePath, 0o644);
    }
  });
});
