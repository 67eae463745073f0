import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/run-console.ts';

// The console loads neither discord.js nor Bolt (each platform is imported only when configured), and the build
// (`npm run build`, what a service manager runs as `node dist/main.js`) serves the same console without tsx.

const HOOK = join(REPO_ROOT, 'test/support/loaded-packages.cjs');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function run(command: string, args: string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, DATABASE_PATH: ':memory:', LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function loadedPackages(stderr: string): string[] {
  const line = stderr.split('\n').find((l) => l.startsWith('loaded-packages '));
  if (!line) throw new Error(`no package list in:\n${stderr}`);
  return JSON.parse(line.slice('loaded-packages '.length)) as string[];
}

const withoutTokens = { DISCORD_TOKEN: '', DISCORD_APP_ID: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' };

describe('a lean start', () => {
  it('the console loads neither discord.js nor Bolt', async () => {
    const result = await run(process.execPath, ['--require', HOOK, '--import', TSX, 'src/main.ts'], ':as Alice\n/credits balance\n:quit\n', withoutTokens);
    expect(result.stdout).toContain('You have 5 h');
    const packages = loadedPackages(result.stderr);
    expect(packages).toContain('better-sqlite3');
    expect(packages.filter((p) => p === 'discord.js' || p.startsWith('@discordjs/') || p.startsWith('@slack/'))).toEqual([]);
  });

  it('npm run build makes a bundle that serves the console without tsx', async () => {
    const build = await run('npm', ['run', 'build', '--silent'], '');
    expect(build.code).toBe(0);
    expect(existsSync(join(REPO_ROOT, 'dist/main.js'))).toBe(true);
    const result = await run(process.execPath, ['--require', HOOK, 'dist/main.js'], ':as Alice\n/credits balance\n:quit\n', withoutTokens);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('You have 5 h');
    expect(loadedPackages(result.stderr)).not.toContain('tsx');
  });
});
