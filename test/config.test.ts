import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  it('runs the console with nothing set', () => {
    const config = loadConfig({});
    expect(config.databasePath).toBe('./data/breather.db');
    expect(config.backupDir).toBe('./data/backups');
    expect(loadConfig({ BACKUP_DIR: '/srv/backups' }).backupDir).toBe('/srv/backups');
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports one line per problem', () => {
    const lines = problems({ DISCORD_TOKEN: 'abc', SLACK_BOT_TOKEN: 'nope', PORT: 'eighty', DEFAULT_TIMEZONE: 'Mars/Olympus' });
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).toMatch(/DISCORD_APP_ID: is required/);
    expect(lines.join('\n')).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    expect(lines.join('\n')).toMatch(/PORT/);
    expect(lines.join('\n')).toMatch(/DEFAULT_TIMEZONE: must be an IANA timezone/);
  });

  it('never echoes a secret in a problem', () => {
    const lines = problems({ SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token' });
    expect(lines.join('\n')).not.toContain('very-secret');
  });

  it('picks Socket Mode or HTTP mode from the Slack tokens', () => {
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(socket.slack).toMatchObject({ appToken: 'xapp-1', port: 3000 });
    const http = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8080' });
    expect(http.slack).toMatchObject({ signingSecret: 's', port: 8080 });
    expect(http.slack?.appToken).toBeUndefined();
  });

  const KEY = 'q0V8hC3nY1m2Jx6v2R9yq4b0Zt7wUeKfLs5dNcPaXgM=';

  it('OAuth mode needs the client id, secret, state secret, a signing secret and a key, and no single token', () => {
    const lines = problems({ SLACK_CLIENT_ID: '123.456', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    const text = lines.join('\n');
    expect(text).toMatch(/SLACK_CLIENT_SECRET: is required for OAuth mode/);
    expect(text).toMatch(/SLACK_STATE_SECRET: is required for OAuth mode/);
    expect(text).toMatch(/SLACK_SIGNING_SECRET: is required for OAuth mode/);
    expect(text).toMatch(/BREATHER_SECRET_KEY: is required for OAuth mode.*openssl rand -base64 32/);
    expect(text).toMatch(/SLACK_BOT_TOKEN: leave it unset in OAuth mode/);
    expect(text).toMatch(/SLACK_APP_TOKEN: leave it unset in OAuth mode/);
    const oauth = loadConfig({ SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss', SLACK_SIGNING_SECRET: 'sig', BREATHER_SECRET_KEY: KEY, PUBLIC_URL: 'https://breather.example.org/' });
    expect(oauth.slack).toMatchObject({ signingSecret: 'sig', oauth: { clientId: '123.456', clientSecret: 'cs', stateSecret: 'ss' } });
    expect(oauth.slack?.botToken).toBeUndefined();
    expect(oauth.secretKey).toBe(KEY);
    expect(oauth.publicUrl).toBe('https://breather.example.org');
  });

  it('refuses a secret key that is not 32 bytes, without echoing it', () => {
    const lines = problems({ BREATHER_SECRET_KEY: 'hunter2-not-a-key' });
    expect(lines).toEqual(['BREATHER_SECRET_KEY: must be 32 random bytes as base64 or hex; make one with: openssl rand -base64 32']);
    expect(problems({ BREATHER_SECRET_KEY: 'ab'.repeat(32) })).toEqual([]);
  });

  it('reads DISCORD_SHARDS as auto or a count', () => {
    const base = { DISCORD_TOKEN: 't', DISCORD_APP_ID: '1' };
    expect(loadConfig(base).discord?.shards).toBeUndefined();
    expect(loadConfig({ ...base, DISCORD_SHARDS: 'auto' }).discord?.shards).toBe('auto');
    expect(loadConfig({ ...base, DISCORD_SHARDS: '2' }).discord?.shards).toBe(2);
    expect(problems({ ...base, DISCORD_SHARDS: 'many' })).toEqual(['DISCORD_SHARDS: must be auto or a number of shards such as 2']);
  });

  it('loads .env.example as shipped (every value empty or a default): the console chat', () => {
    const env = Object.fromEntries(
      readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['SLACK_CLIENT_ID', 'BREATHER_SECRET_KEY', 'PUBLIC_URL', 'DISCORD_SHARDS']));
    const config = loadConfig(env);
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
  });
});
