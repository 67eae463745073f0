import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import type { CommandSpec } from '../app/command.ts';
import type { Config } from '../config.ts';
import type { Store } from '../db/store.ts';
import { commandsJson } from '../platforms/discord/command-json.ts';
import { contextMenuJson } from '../platforms/discord/context-menu.ts';
import { inviteUrl } from '../platforms/discord/invite.ts';
import { commandDifferences } from './doctor-commands.ts';
import { field, Unreachable, type Answer, type Net } from './doctor-net.ts';
import { fail, note, ok, skip, type Check } from './doctor-report.ts';

// Discord: the token, the gateway, the registered commands against commands/, and each co-op's server and channel
// (the bot still in the server, the channel still there, and the permissions it needs to post in it).

type DiscordConfig = NonNullable<Config['discord']>;

/** Without these Breather cannot post in the co-op channel. */
const NEEDED = { ViewChannel: PermissionFlagsBits.ViewChannel, SendMessages: PermissionFlagsBits.SendMessages, EmbedLinks: PermissionFlagsBits.EmbedLinks, AttachFiles: PermissionFlagsBits.AttachFiles };
/** Without these each sit gets DMs instead of a private thread. */
const THREADS = { CreatePrivateThreads: PermissionFlagsBits.CreatePrivateThreads, SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads, ManageThreads: PermissionFlagsBits.ManageThreads };

const words = (flag: string) => flag.replace(/([a-z])([A-Z])/g, '$1 $2');

class DiscordApi {
  constructor(
    private readonly net: Net,
    private readonly config: DiscordConfig,
  ) {}

  get(path: string): Promise<Answer> {
    return this.net.request(`${this.config.apiUrl.replace(/\/+$/, '')}/v10${path}`, { headers: { authorization: `Bot ${this.config.token}` } });
  }
}

const message = (body: unknown) => String(field(body, 'message') ?? '');

export async function checkDiscord(config: DiscordConfig, net: Net, commands: readonly CommandSpec[], store: Store | undefined): Promise<Check[]> {
  const api = new DiscordApi(net, config);
  let me: Answer;
  try {
    me = await api.get('/users/@me');
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    return ['discord token', 'discord gateway', 'discord commands', 'discord channels'].map((name, i) =>
      i === 0 ? fail(name, `${error.message}. Is this machine online?`) : skip(name, 'Discord could not be reached.'),
    );
  }
  if (me.status === 401) {
    return [
      fail('discord token', 'Discord refused DISCORD_TOKEN (401): copy it again from the developer portal (Bot → Reset Token).'),
      ...['discord gateway', 'discord commands', 'discord channels'].map((name) => skip(name, 'needs a working token.')),
    ];
  }
  if (me.status !== 200) return [fail('discord token', `Discord answered ${me.status} to the token check (${message(me.body)}): try again later.`)];
  const botId = String(field(me.body, 'id'));
  const checks: Check[] = [];
  checks.push(
    botId === config.appId
      ? ok('discord token', `logged in as ${String(field(me.body, 'username'))} (application ${botId}).`)
      : fail('discord token', `DISCORD_TOKEN belongs to application ${botId}, but DISCORD_APP_ID is ${config.appId}: copy the Application ID of the same app.`),
  );
  checks.push(await gateway(api, config));
  checks.push(await registered(api, config, commands));
  checks.push(...(await channels(api, config, botId, store)));
  return checks;
}

async function gateway(api: DiscordApi, config: DiscordConfig): Promise<Check> {
  const answer = await api.get('/gateway/bot').catch((error: unknown) => (error instanceof Unreachable ? error : Promise.reject(error)));
  if (answer instanceof Unreachable) return fail('discord gateway', `${answer.message}.`);
  if (answer.status !== 200) return fail('discord gateway', `Discord answered ${answer.status} for the gateway (${message(answer.body)}).`);
  const shards = Number(field(answer.body, 'shards') ?? 1);
  const left = Number(field(field(answer.body, 'session_start_limit'), 'remaining') ?? 1);
  if (left <= 0) return fail('discord gateway', 'no gateway logins are left for today (too many restarts): wait for Discord to reset the limit.');
  const running = config.shards === 'auto' ? shards : (config.shards ?? 1);
  if (shards > running) {
    return fail('discord gateway', `Discord wants ${shards} shards for this many servers and Breather runs ${running}: set DISCORD_SHARDS=auto.`);
  }
  return ok('discord gateway', `reachable; Discord recommends ${shards} shard${shards === 1 ? '' : 's'}, Breather runs ${running}; ${left} logins left today.`);
}

async function registered(api: DiscordApi, config: DiscordConfig, commands: readonly CommandSpec[]): Promise<Check> {
  const where = config.guildId ? `/applications/${config.appId}/guilds/${config.guildId}/commands` : `/applications/${config.appId}/commands`;
  const answer = await api.get(where).catch((error: unknown) => (error instanceof Unreachable ? error : Promise.reject(error)));
  if (answer instanceof Unreachable) return fail('discord commands', `${answer.message}.`);
  if (answer.status !== 200 || !Array.isArray(answer.body)) {
    return fail('discord commands', `could not read the registered commands (${answer.status} ${message(answer.body)}): run npm run register.`);
  }
  const wanted = [...commandsJson(commands), ...contextMenuJson()];
  const diff = commandDifferences(wanted, answer.body);
  const scope = config.guildId ? `in server ${config.guildId}` : 'globally';
  if (diff.length === 0) return ok('discord commands', `${wanted.length} commands registered ${scope}, as in commands/.`);
  return fail('discord commands', `the commands registered ${scope} differ from commands/ (${diff.slice(0, 4).join('; ')}${diff.length > 4 ? '; …' : ''}): run npm run register.`);
}

interface Overwrite {
  id: string;
  type: number;
  allow: bigint;
  deny: bigint;
}

function overwritesOf(channel: unknown): Overwrite[] {
  const raw = field(channel, 'permission_overwrites');
  return Array.isArray(raw)
    ? raw.map((o) => ({ id: String(field(o, 'id')), type: Number(field(o, 'type')), allow: BigInt(String(field(o, 'allow') ?? 0)), deny: BigInt(String(field(o, 'deny') ?? 0)) }))
    : [];
}

/** Discord's permission arithmetic: @everyone and the member's roles, then the channel's overwrites in order. */
export function channelPermissions(guild: unknown, member: unknown, channel: unknown, userId: string): bigint {
  const guildId = String(field(guild, 'id'));
  if (String(field(guild, 'owner_id')) === userId) return PermissionsBitField.All;
  const roleIds = new Set((field(member, 'roles') as unknown[] | undefined)?.map(String) ?? []);
  const roles = (field(guild, 'roles') as unknown[] | undefined) ?? [];
  let bits = 0n;
  for (const role of roles) {
    const id = String(field(role, 'id'));
    if (id === guildId || roleIds.has(id)) bits |= BigInt(String(field(role, 'permissions') ?? 0));
  }
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return PermissionsBitField.All;
  const overwrites = overwritesOf(channel);
  const everyone = overwrites.find((o) => o.type === 0 && o.id === guildId);
  if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;
  const mine = overwrites.filter((o) => o.type === 0 && roleIds.has(o.id));
  bits = (bits & ~mine.reduce((a, o) => a | o.deny, 0n)) | mine.reduce((a, o) => a | o.allow, 0n);
  const own = overwrites.find((o) => o.type === 1 && o.id === userId);
  if (own) bits = (bits & ~own.deny) | own.allow;
  return bits;
}

const missing = (bits: bigint, wanted: Record<string, bigint>) => Object.entries(wanted).filter(([, flag]) => (bits & flag) === 0n).map(([name]) => words(name));

async function channels(api: DiscordApi, config: DiscordConfig, botId: string, store: Store | undefined): Promise<Check[]> {
  if (!store) return [skip('discord channels', 'the database could not be read (see above).')];
  const coops = store.coopActivity.coopsOf('discord');
  if (coops.length === 0) return [note('discord channels', `no co-ops yet: add Breather to a server with ${inviteUrl(config.appId, config.guildId)}`)];
  const checks: Check[] = [];
  let fine = 0;
  for (const coop of coops) {
    const name = `discord co-op ${coop.name || coop.externalRef}`;
    try {
      const guild = await api.get(`/guilds/${coop.externalRef}`);
      if (guild.status === 403 || guild.status === 404) {
        checks.push(fail(name, `Breather is not in this server any more: an admin re-adds it with ${inviteUrl(config.appId)}`));
        continue;
      }
      if (guild.status !== 200) {
        checks.push(fail(name, `Discord answered ${guild.status} about this server (${message(guild.body)}): try again later.`));
        continue;
      }
      if (!coop.channelRef) {
        checks.push(note(name, 'has no channel of its own yet: an admin runs /coop setup channel:#… (posts go where Breather was last used).'));
        continue;
      }
      const channel = await api.get(`/channels/${coop.channelRef}`);
      if (channel.status === 404) {
        checks.push(fail(name, 'its channel was deleted: an admin runs /coop setup channel:#… to pick another.'));
        continue;
      }
      if (channel.status !== 200) {
        checks.push(fail(name, `Breather cannot see its channel (<#${coop.channelRef}>): give Breather's role View Channel there.`));
        continue;
      }
      const member = await api.get(`/guilds/${coop.externalRef}/members/${botId}`);
      const bits = channelPermissions(guild.body, member.body, channel.body, botId);
      const lacking = missing(bits, NEEDED);
      const channelName = `#${String(field(channel.body, 'name'))}`;
      if (lacking.length > 0) {
        checks.push(fail(name, `Breather may not post in ${channelName} (missing ${lacking.join(', ')}): allow these for its role in the channel's permissions.`));
        continue;
      }
      const noThreads = missing(bits, THREADS);
      if (noThreads.length > 0) checks.push(note(name, `posts in ${channelName}; without ${noThreads.join(', ')} each sit's family and sitter get DMs instead of a private thread.`));
      else fine += 1;
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      checks.push(fail(name, `${error.message}.`));
    }
  }
  if (fine > 0) checks.unshift(ok('discord channels', `Breather can post in the channel of ${fine} co-op${fine === 1 ? '' : 's'}.`));
  return checks;
}
