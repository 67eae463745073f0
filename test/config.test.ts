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
});
