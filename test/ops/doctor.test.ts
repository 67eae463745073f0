import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/platforms/discord/index.ts';
import { MANIFEST_PATH } from '../../src/platforms/slack/manifest.ts';
import { runDoctor } from '../../src/ops/doctor.ts';
import { formatReport, healthy, type Check } from '../../src/ops/doctor-report.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { WorkspaceVault } from '../../src/db/workspace-vault.ts';
import { Perm } from '../standins/discord/index.ts';
import { createStore, silentLog } from '../support/harness.ts';
import { DEFAULT_SCOPES } from '../standins/slack/index.ts';
import { DISCORD_TOKEN, SECRETS, SLACK, startDoctorWorld, type DoctorWorld } from './doctor-world.ts';

// `npm run doctor` against the stand-ins: all fine first, then each fault planted on its own, and each time the
// one line that names it and says what to do, and never a token.

let world: DoctorWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function doctor(w: DoctorWorld, extra: Record<string, string> = {}, options: { now?: () => number; manifestPath?: string } = {}) {
  const checks = await runDoctor(w.config(extra), { commands, timeoutMs: 5_000, ...options });
  const report = formatReport(checks);
  for (const secret of SECRETS) expect(report).not.toContain(secret);
  return { checks, report, failed: checks.filter((c) => c.verdict === 'fail') };
}

const line = (checks: Check[], name: string) => checks.find((c) => c.name === name);

describe('npm run doctor', () => {
  it('passes a set-up where everything is right', async () => {
    world = await startDoctorWorld();
    const { checks, failed, report } = await doctor(world);
    expect(failed).toEqual([]);
    expect(healthy(checks)).toBe(true);
    expect(report).toMatch(/All fine\.\n$/);
    for (const name of ['database', 'backups', 'discord token', 'discord gateway', 'discord commands', 'discord channels', 'slack manifest', 'slack token', 'slack scopes', 'slack channels', 'slack socket mode', 'clock']) {
      expect(line(checks, name)?.verdict, name).toBe('ok');
    }
    expect(line(checks, 'discord channels')?.line).toContain('can post in the channel of 1 co-op');
    expect(line(checks, 'slack channels')?.line).toContain('#swaps');
  });

  it('says which token was refused and where to get a new one', async () => {
    world = await startDoctorWorld();
    const { failed } = await doctor(world, { DISCORD_TOKEN: 'MTE0.wrong.token', SLACK_BOT_TOKEN: 'xoxb-wrong' });
    expect(failed.map((c) => c.name)).toEqual(['discord token', 'slack token']);
    expect(failed[0]?.line).toContain('Discord refused DISCORD_TOKEN (401)');
    expect(failed[1]?.line).toContain('Slack refused the token (invalid_auth): copy the Bot User OAuth Token again into SLACK_BOT_TOKEN');
    world.slack.revokeTokens(world.slack.identity.teamId);
    expect((await doctor(world)).failed.map((c) => c.line)).toEqual([expect.stringContaining('the token was revoked (was the app uninstalled?)')]);
  });

  it('finds a channel the bot may not post in', async () => {
    world = await startDoctorWorld();
    world.general.overwrites = [{ id: world.botRole, type: 0, allow: 0n, deny: Perm.SendMessages | Perm.EmbedLinks }];
    world.slack.addChannel({ id: 'C0COOP', name: 'swaps', is_archived: true });
    const { failed } = await doctor(world);
    expect(failed.map((c) => c.line)).toEqual([
      'Breather may not post in #general (missing Send Messages, Embed Links): allow these for its role in the channel\'s permissions.',
      'the co-op channel #swaps is archived: /coop setup channel:#… picks another.',
    ]);
    // The stand-in refuses the post as Discord would: the doctor's verdict is Discord's.
    const post = await fetch(`${world.discord.apiUrl}/v10/channels/${world.general.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${DISCORD_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hello' }),
    });
    expect([post.status, ((await post.json()) as { code: number }).code]).toEqual([403, 50013]);
    world.slack.addChannel({ id: 'C0COOP', name: 'swaps', is_private: true, is_member: false });
    expect((await doctor(world)).failed.map((c) => c.line)[1]).toContain('Breather cannot see the co-op channel <#C0COOP>');
  });

  it('finds stale registered commands and says to run npm run register', async () => {
    world = await startDoctorWorld();
    const older = commands.filter((c) => c.name !== 'privacy').map((c) => (c.name === 'swap' ? { ...c, description: 'Swaps, as they were' } : c));
    await registerCommands({ token: DISCORD_TOKEN, appId: world.discord.applicationId, apiUrl: world.discord.apiUrl }, older);
    const { failed } = await doctor(world);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ name: 'discord commands', line: expect.stringContaining('/swap has changed; /privacy is not registered') });
    expect(failed[0]?.line).toMatch(/run npm run register\.$/);
  });

  it('finds a stale manifest: the file behind commands/, and an app in Slack without the scopes it asks for', async () => {
    world = await startDoctorWorld();
    const stale = join(world.dir, 'slack-manifest.json');
    writeFileSync(stale, readFileSync(MANIFEST_PATH, 'utf8').replace('"/privacy"', '"/privacy-old"'));
    world.slack.grantScopes(SLACK.botToken, DEFAULT_SCOPES.filter((s) => s !== 'channels:read' && s !== 'groups:read'));
    const { failed } = await doctor(world, {}, { manifestPath: stale });
    expect(failed.map((c) => [c.name, c.line])).toEqual([
      ['slack manifest', 'slack-manifest.json is out of date with commands/: run npm run manifest, then paste it under App Manifest in the app settings and save.'],
      ['slack scopes', 'the app in Slack lacks channels:read, groups:read: paste slack-manifest.json under App Manifest, save, and reinstall the app to the workspace.'],
      ['slack channels', expect.stringContaining('cannot look at channels (channels:read, groups:read missing)')],
    ]);
  });

  it('finds old backups, and a database another program keeps locked', async () => {
    world = await startDoctorWorld();
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    for (const file of readdirSync(world.backupDir)) utimesSync(join(world.backupDir, file), threeDaysAgo, threeDaysAgo);
    const locker = new Database(world.databasePath);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      const { failed } = await doctor(world);
      expect(failed.map((c) => c.name)).toEqual(['database', 'backups']);
      expect(failed[0]?.line).toContain('stayed locked by another program for 3 s');
      expect(failed[1]?.line).toMatch(/the newest backup, .*breather-\d{4}-\d\d-\d\d-weekly\.db, is 3 days old: is Breather running\? npm run backup makes one now\./);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
  });

  it("finds a clock that is off from Discord's and Slack's", async () => {
    world = await startDoctorWorld();
    const { failed } = await doctor(world, {}, { now: () => Date.now() - 10 * 60_000 });
    expect(failed.map((c) => c.name)).toEqual(['clock']);
    expect(failed[0]?.line).toMatch(/this machine's clock is (599|600|601) s behind Discord's or Slack's/);
  });

  it('finds that Discord wants more shards than Breather runs', async () => {
    world = await startDoctorWorld();
    world.discord.world.recommendedShards = 3;
    expect((await doctor(world)).failed.map((c) => c.line)).toEqual([expect.stringContaining('Discord wants 3 shards for this many servers and Breather runs 1: set DISCORD_SHARDS=auto')]);
    expect((await doctor(world, { DISCORD_SHARDS: 'auto' })).failed).toEqual([]);
  });

  it('checks each installed workspace in OAuth mode, and says when the key cannot read an installation', async () => {
    world = await startDoctorWorld();
    const key = randomBytes(32).toString('base64');
    const store = createStore(world.databasePath);
    const record = JSON.stringify({ team: { id: world.slack.identity.teamId, name: 'Maple' }, bot: { token: SLACK.botToken } });
    new WorkspaceVault(store, key, new ManualClock(Date.now()), silentLog).save({ platform: 'slack', teamRef: world.slack.identity.teamId, teamName: 'Maple', record });
    store.db.close();
    const oauth = { SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss', SLACK_SIGNING_SECRET: SLACK.signingSecret, BREATHER_SECRET_KEY: key };
    const { checks, failed } = await doctor(world, oauth);
    expect(failed).toEqual([]);
    expect(line(checks, 'slack workspace Maple token')?.verdict).toBe('ok');
    expect(line(checks, 'slack workspace Maple channels')?.line).toContain('#swaps');
    expect(line(checks, 'slack http mode')?.verdict).toBe('note');
    const other = await doctor(world, { ...oauth, BREATHER_SECRET_KEY: randomBytes(32).toString('hex') });
    expect(other.failed.map((c) => [c.name, c.line])).toEqual([['slack workspace Maple', expect.stringContaining('cannot be read with this BREATHER_SECRET_KEY (was the key changed?)')]]);
    expect(other.report).not.toContain(key);
  });

  it('waits out a short rate limit, and names a co-op whose server removed Breather', async () => {
    world = await startDoctorWorld();
    world.discord.rateLimit(/GET \/guilds\//, { times: 2, retryAfterMs: 200 });
    expect((await doctor(world)).failed).toEqual([]);
    world.discord.world.requireGuild(world.discord.guild.id).members.delete(world.discord.bot.id);
    world.discord.world.guilds.delete(world.discord.guild.id);
    const { failed } = await doctor(world);
    expect(failed).toEqual([{ name: 'discord co-op Maple Street Co-op', verdict: 'fail', line: expect.stringContaining('Breather is not in this server any more: an admin re-adds it with https://discord.com/oauth2/authorize?') }]);
  });
});
