// The real `npm start` process serving Discord and Slack at once, against loopback stand-ins started here: it
// connects to both, answers a slash command on each, posts to each co-op channel, never prints a secret, and stops
// cleanly on SIGTERM. A refused Slack token stops start-up with a short, token-free reason and a non-zero code.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/platforms/discord/index.ts';
import { opt, startDiscordStandin, type DiscordStandin } from '../standins/discord/index.ts';
import { startSlackStandin, type RecordedCall, type SlackStandin } from '../standins/slack/index.ts';
import { tempDir } from './support/run-console.ts';
import { logMessage, startPlatformProcess, type PlatformProcess } from './support/run-platforms.ts';

const EPHEMERAL = 64;
// Distinctive secrets, so a leak anywhere in the output is found by a plain substring search.
const DISCORD_TOKEN = 'MTE0.discord-e2e-secret.Zx9q7Lk2';
const SLACK = {
  botToken: 'xoxb-111-222-slackbotsecret9f3a',
  appToken: 'xapp-1-A0STANDIN-333-slackappsecret7c1e',
  signingSecret: 'slack-signing-secret-4b8d2e',
};

describe('npm start with Discord and Slack tokens', () => {
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

  async function startBoth(slackBotToken = SLACK.botToken) {
    discord = await startDiscordStandin({ token: DISCORD_TOKEN });
    const ana = discord.addUser({ username: 'ana', globalName: 'Ana' });
    discord.addMember(discord.guild.id, ana);
    slack = await startSlackStandin({ ...SLACK });
    slack.addUser({ id: 'U0ANA', real_name: 'Ana', tz: 'Europe/London' });
    const dir = tempDir('platforms');
    removeDir = dir.remove;
    const appId = discord.applicationId;
    await registerCommands({ token: DISCORD_TOKEN, appId, guildId: discord.guild.id, apiUrl: discord.apiUrl }, commands);
    child = startPlatformProcess({
      DISCORD_TOKEN,
      DISCORD_APP_ID: appId,
      DISCORD_GUILD_ID: discord.guild.id,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slackBotToken,
      SLACK_APP_TOKEN: SLACK.appToken,
      // Socket Mode wins when both are set; the secret is here so the leak check has something to look for.
      SLACK_SIGNING_SECRET: SLACK.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_PATH: dir.db,
      LOG_LEVEL: 'info',
    });
    return { discord, slack, child, ana, db: dir.db };
  }

  it('connects to both, answers /swap request on each, posts to each co-op channel, leaks nothing, exits 0 on SIGTERM', async () => {
    const { discord, slack, child, ana, db } = await startBoth();

    // Discord: the gateway session (IDENTIFY with our token, READY), then the adapter says it is ready.
    const identify = await discord.waitForGatewayFrame((f) => f.direction === 'in' && f.op === 2, { timeoutMs: 12_000 });
    expect((identify.d as { token?: unknown }).token).toBe(DISCORD_TOKEN);
    await discord.waitForGatewayFrame((f) => f.direction === 'out' && f.t === 'READY', { timeoutMs: 5_000 });
    // Slack: the Socket Mode connection opened with a ticket from apps.connections.open (app token).
    await slack.socket.waitForConnection(12_000);
    const opened = await slack.waitForCall('apps.connections.open');
    expect(opened.token).toBe(SLACK.appToken);
    await child.waitForLine((l) => logMessage(l)?.startsWith('discord ready') === true, 'Discord ready');
    await child.waitForLine((l) => logMessage(l) === 'Slack connected', 'Slack connected');

    // Discord: /swap request from #general is answered privately and the card is posted in #general.
    const general = discord.channel('general');
    const asked = discord.dispatchSlashCommand({ user: ana, name: 'swap', subcommand: 'request', options: [opt.string('when', 'sat 19:00-23:00'), opt.integer('kids', 2)] });
    const callback = await discord.waitForResponse(asked.id);
    expect(callback.type).toBe(4);
    expect(callback.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Posted #1 for Sat/) });
    const card = await discord.waitForMessage((m) => m.interactionId === null && `${m.content}${JSON.stringify(m.embeds)}`.includes('needs a sitter'));
    expect(card.channelId).toBe(general.id);
    expect(card.interactionId).toBeNull();

    // Slack: the same command over Socket Mode: a bare ack, the private answer on the response_url, the channel card.
    const mark = slack.lastSeq;
    const sent = slack.payloads.slashCommand({ command: '/swap', text: 'request when:"sat 19:00-23:00" kids:2', user_id: 'U0ANA', channel_id: 'C0GENERAL', channel_name: 'general' });
    const ack = await slack.socket.sendSlashCommand(sent);
    expect(ack.payload ?? {}).toEqual({});
    const answer = await slack.waitForCall((c) => c.method === 'response_url' && c.url === sent.response_url, { afterSeq: mark });
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer.body)).toMatch(/Posted #1 for Sat/);
    const post = await slack.waitForCall(
      (c: RecordedCall) => c.method === 'chat.postMessage' && c.response.channel === 'C0GENERAL' && JSON.stringify(c.body).includes('needs a sitter'),
      { afterSeq: mark },
    );
    expect(post.status).toBe(200);
    expect(post.token).toBe(SLACK.botToken);

    expect(child.appPid()).not.toBe(child.pid); // Breather's node process, under npm, sh and tsx
    child.signal('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    // The database was closed, not abandoned: the last connection's close checkpoints and removes the WAL file.
    expect(existsSync(`${db}-wal`)).toBe(false);
    const file = new Database(db, { readonly: true });
    const swaps = file.prepare('SELECT c.platform FROM swaps s JOIN coops c ON c.id = s.coop_id ORDER BY c.platform').pluck().all();
    file.close();
    expect(swaps).toEqual(['discord', 'slack']);

    const output = child.stdout() + child.stderr();
    for (const secret of [DISCORD_TOKEN, SLACK.botToken, SLACK.appToken, SLACK.signingSecret, asked.token]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/xox[abp]-|xapp-|ticket=/);
    // Both adapters logged their start; nothing logged at error level.
    const levels = child.stderr().split('\n').flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as { level: number; msg: string }] : []));
    expect(levels.map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^discord ready/), 'Slack connected']));
    expect(levels.filter((l) => l.level >= 50)).toEqual([]);
  }, 20_000);

  it('with a Slack bot token Slack refuses (invalid_auth): exits non-zero with one "Could not connect" line, no token', async () => {
    const wrong = 'xoxb-999-888-wrongbotsecret1d2c';
    const { slack, child } = await startBoth(wrong);
    const refused = await slack.waitForCall('auth.test', { timeoutMs: 12_000 });
    expect(refused.response).toMatchObject({ ok: false, error: 'invalid_auth' });

    expect(await child.exited).toEqual({ code: 1, signal: null });
    const stderr = child.stderr();
    const plain = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
    const reason = plain.filter((l) => l.includes('Could not connect'));
    expect(reason).toHaveLength(1);
    expect(reason[0]).toMatch(/invalid_auth/);
    const output = child.stdout() + stderr;
    for (const secret of [wrong, DISCORD_TOKEN, SLACK.botToken, SLACK.appToken, SLACK.signingSecret]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/xox[abp]-|xapp-|ticket=/);
  }, 20_000);
});
