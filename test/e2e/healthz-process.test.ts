// The real `npm start` in Slack HTTP mode beside Discord: GET /healthz answers 200 with each platform connected and
// the queue depths, nothing secret in the body; once Discord's gateway is gone it answers 503. The hourly queue line
// is logged at start.
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/platforms/discord/index.ts';
import { startDiscordStandin, type DiscordStandin } from '../standins/discord/index.ts';
import { startSlackStandin, type SlackStandin } from '../standins/slack/index.ts';
import { tempDir } from './support/run-console.ts';
import { logMessage, startPlatformProcess, type PlatformProcess } from './support/run-platforms.ts';
import { unusedPort } from '../support/ports.ts';

const DISCORD_TOKEN = 'MTE0.discord-health-secret.Qw8r';
const SLACK = { botToken: 'xoxb-111-222-healthbotsecret5e2f', signingSecret: 'slack-signing-secret-health-7a1c' };

describe('GET /healthz in HTTP mode', () => {
  let discord: DiscordStandin | undefined;
  let slack: SlackStandin | undefined;
  let child: PlatformProcess | undefined;
  let removeDir: (() => void) | undefined;

  afterEach(async () => {
    child?.kill();
    if (child) await child.exited.catch(() => undefined);
    await discord?.close();
    await slack?.close();
    removeDir?.();
    child = discord = slack = removeDir = undefined;
  });

  it('answers 200 while the database and both platforms are up, 503 once Discord is gone, and never shows a secret', async () => {
    discord = await startDiscordStandin({ token: DISCORD_TOKEN });
    slack = await startSlackStandin({ ...SLACK });
    const dir = tempDir('health');
    removeDir = dir.remove;
    const port = await unusedPort();
    await registerCommands({ token: DISCORD_TOKEN, appId: discord.applicationId, apiUrl: discord.apiUrl }, commands);
    child = startPlatformProcess({
      DISCORD_TOKEN,
      DISCORD_APP_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: SLACK.botToken,
      SLACK_SIGNING_SECRET: SLACK.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATABASE_PATH: dir.db,
      LOG_LEVEL: 'info',
    });
    await child.waitForLine((l) => logMessage(l)?.startsWith('discord ready') === true, 'Discord ready');
    await child.waitForLine((l) => logMessage(l) === 'Slack connected', 'Slack connected');
    await child.waitForLine((l) => logMessage(l) === 'queue depths', 'the queue line at start');

    const url = `http://127.0.0.1:${port}/healthz`;
    const up = await fetch(url);
    const upBody = await up.text();
    expect(up.status).toBe(200);
    expect(JSON.parse(upBody)).toMatchObject({ ok: true, database: 'ok', platforms: { discord: 'connected', slack: 'connected' }, queues: { outboxUnsent: 0 } });

    await discord.close();
    await child.waitForLine((l) => /^discord shard (disconnected|reconnecting)/.test(logMessage(l) ?? ''), 'Discord gone');
    const down = await fetch(url);
    const downBody = await down.text();
    expect(down.status).toBe(503);
    expect(JSON.parse(downBody)).toMatchObject({ ok: false, database: 'ok', platforms: { discord: 'disconnected', slack: 'connected' } });

    for (const secret of [DISCORD_TOKEN, SLACK.botToken, SLACK.signingSecret]) {
      expect(upBody + downBody).not.toContain(secret);
      expect(child.stdout() + child.stderr()).not.toContain(secret);
    }
  });
});
