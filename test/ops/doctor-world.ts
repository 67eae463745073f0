// A set-up for the doctor: Discord and Slack stand-ins with a co-op each, their commands registered and manifest
// granted, a real database file with a fresh backup beside it. Every check passes until a test plants a fault.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { takeBackup } from '../../src/db/backup.ts';
import { registerCommands } from '../../src/platforms/discord/index.ts';
import { BOT_PERMISSIONS } from '../../src/platforms/discord/invite.ts';
import { snowflake, startDiscordStandin, type DiscordStandin, type StandinChannel } from '../standins/discord/index.ts';
import { startSlackStandin, type SlackStandin } from '../standins/slack/index.ts';
import { createStore } from '../support/harness.ts';

export const DISCORD_TOKEN = 'MTE0.doctor-discord-secret.Kp3v';
export const SLACK = { botToken: 'xoxb-111-222-doctorbotsecret8a1b', appToken: 'xapp-1-A0STANDIN-333-doctorappsecret4c2d', signingSecret: 'doctor-signing-secret-9e' };
export const SECRETS = [DISCORD_TOKEN, SLACK.botToken, SLACK.appToken, SLACK.signingSecret];

export interface DoctorWorld {
  discord: DiscordStandin;
  slack: SlackStandin;
  general: StandinChannel;
  botRole: string;
  dir: string;
  databasePath: string;
  backupDir: string;
  /** The environment `npm run doctor` would read. */
  env: Record<string, string>;
  config(extra?: Record<string, string>): ReturnType<typeof loadConfig>;
  close(): Promise<void>;
}

export async function startDoctorWorld(): Promise<DoctorWorld> {
  const discord = await startDiscordStandin({ token: DISCORD_TOKEN });
  const guild = discord.guild;
  const general = discord.channel('general');
  // The bot joined with the invite link: a role of its own with exactly the permissions the link asks for.
  const botRole = snowflake();
  guild.roles.push({ id: botRole, name: 'Breather', permissions: BOT_PERMISSIONS, position: 1 });
  discord.addMember(guild.id, discord.bot, { roleIds: [botRole], permissions: BOT_PERMISSIONS });
  await registerCommands({ token: DISCORD_TOKEN, appId: discord.applicationId, apiUrl: discord.apiUrl }, commands);

  const slack = await startSlackStandin({ ...SLACK });
  slack.addChannel({ id: 'C0COOP', name: 'swaps' });

  const dir = mkdtempSync(join(tmpdir(), 'breather-doctor-'));
  const databasePath = join(dir, 'breather.db');
  const backupDir = join(dir, 'backups');
  const store = createStore(databasePath);
  const now = Date.now();
  const maple = store.coops.create('discord', guild.id, guild.name, 'Europe/London', now);
  store.coops.setChannel(maple.id, general.id);
  const team = store.coops.create('slack', slack.identity.teamId, 'standin-coop', 'Europe/London', now);
  store.coops.setChannel(team.id, 'C0COOP');
  await takeBackup({ db: store.db, databasePath, dir: backupDir, now });
  store.db.close();

  const env = {
    DATABASE_PATH: databasePath,
    BACKUP_DIR: backupDir,
    DISCORD_TOKEN,
    DISCORD_APP_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: SLACK.botToken,
    SLACK_APP_TOKEN: SLACK.appToken,
    SLACK_API_URL: slack.apiUrl,
  };
  return {
    discord,
    slack,
    general,
    botRole,
    dir,
    databasePath,
    backupDir,
    env,
    config: (extra = {}) => loadConfig({ ...env, ...extra }),
    async close() {
      await discord.close();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
