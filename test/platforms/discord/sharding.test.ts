import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { Dispatcher } from '../../../src/app/dispatcher.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { inviteUrl, registerCommands, startDiscord, type RunningDiscord } from '../../../src/platforms/discord/index.ts';
import { BOT_PERMISSIONS } from '../../../src/platforms/discord/invite.ts';
import { Perm, startDiscordStandin, type DiscordStandin, type StandinGuild } from '../../standins/discord/index.ts';
import { createStore, silentLog } from '../../support/harness.ts';

// Several shards in one process: each guild's events arrive on shard (guild_id >> 22) % count, the stand-in's gateway
// routes them so, and every guild is still its own co-op answered exactly once. Registration is global, as a
// multi-server install needs, and the invite link names no server.

const DISCORD_EPOCH = 1_420_070_400_000n;
/** A realistic guild id that falls on `shard` of `count`. */
function guildIdOnShard(shard: number, count: number): string {
  let ts = BigInt(Date.parse('2024-05-01T00:00:00Z')) - DISCORD_EPOCH;
  while (Number(ts % BigInt(count)) !== shard) ts += 1n;
  return ((ts << 22n) | (1n << 17n)).toString();
}

const running: { bot: RunningDiscord; standin: DiscordStandin }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.bot.stop();
    await r.standin.close();
  }
});

async function start(shards: 'auto' | number, recommended = 1) {
  const standin = await startDiscordStandin({
    guilds: [
      { id: guildIdOnShard(0, 2), name: 'Maple Street Co-op' },
      { id: guildIdOnShard(1, 2), name: 'Oak Lane Parents' },
    ],
    shards: recommended,
    maxConcurrency: 2,
  });
  const [maple, oak] = standin.guilds as [StandinGuild, StandinGuild];
  for (const guild of [maple, oak]) standin.addMember(guild.id, standin.bot, { permissions: BOT_PERMISSIONS });
  const store = createStore();
  const clock = new ManualClock(Date.parse('2026-11-22T12:00:00Z'));
  const dispatcher = new Dispatcher({ store, clock, log: silentLog, commands, defaultTimezone: 'Europe/London' });
  const config = { token: standin.token, appId: standin.applicationId, apiUrl: standin.apiUrl, shards };
  const registered = await registerCommands(config, commands);
  const bot = await startDiscord({ config, dispatcher, log: silentLog, commands, tuning: { restTimeoutMs: 2_000, restRetries: 1 } });
  running.push({ bot, standin });
  return { standin, store, bot, maple, oak, registered };
}

describe('Discord with several shards in one process', () => {
  it('runs two shards, each given only its own guild, and answers each guild once in its own co-op', async () => {
    const { standin, store, bot, maple, oak, registered } = await start(2);
    expect(registered.scope).toBe('global');
    expect(standin.commands(null).map((c) => c.name)).toContain('swap');
    expect(standin.sessionShards.sort()).toEqual([[0, 2], [1, 2]]);
    expect(bot.connected?.()).toBe(true);
    // Each session got the GUILD_CREATE of its own guild only.
    const created = standin.gatewayFrames.filter((f) => f.direction === 'out' && f.t === 'GUILD_CREATE');
    expect(created.map((f) => (f.d as { id: string }).id).sort()).toEqual([maple.id, oak.id].sort());
    expect(new Set(created.map((f) => f.connectionId)).size).toBe(2);

    const ana = standin.addUser({ username: 'ana', globalName: 'Ana' });
    const olu = standin.addUser({ username: 'olu', globalName: 'Olu' });
    standin.addMember(maple.id, ana, { permissions: Perm.ManageGuild | Perm.SendMessages | Perm.ViewChannel });
    standin.addMember(oak.id, olu, { permissions: Perm.ManageGuild | Perm.SendMessages | Perm.ViewChannel });
    const fromMaple = standin.dispatchSlashCommand({ user: ana, name: 'swap', subcommand: 'list', guildId: maple.id });
    const fromOak = standin.dispatchSlashCommand({ user: olu, name: 'swap', subcommand: 'list', guildId: oak.id });
    expect((await standin.waitForReply(fromMaple.id)).content).toContain('Nothing is open');
    expect((await standin.waitForReply(fromOak.id)).content).toContain('Nothing is open');
    // One callback each: a second shard seeing the same interaction would have answered it twice.
    const callbacks = standin.calls.filter((c) => c.route === 'POST /interactions/:id/:token/callback');
    expect(callbacks.map((c) => c.interactionId).sort()).toEqual([fromMaple.id, fromOak.id].sort());
    const mapleCoop = store.coops.find('discord', maple.id);
    const oakCoop = store.coops.find('discord', oak.id);
    expect(mapleCoop && oakCoop && mapleCoop.id !== oakCoop.id).toBe(true);
  });

  it("takes Discord's recommended count with shards: 'auto'", async () => {
    const { standin } = await start('auto', 2);
    expect(standin.sessionShards.sort()).toEqual([[0, 2], [1, 2]]);
  });

  it('without sharding, one session (shard 0 of 1) serves every guild', async () => {
    const { standin, maple, oak } = await start(1);
    expect(standin.sessionShards).toEqual([[0, 1]]);
    const created = standin.gatewayFrames.filter((f) => f.direction === 'out' && f.t === 'GUILD_CREATE');
    expect(created.map((f) => (f.d as { id: string }).id).sort()).toEqual([maple.id, oak.id].sort());
  });

  it('the invite link fits any server: bot and commands scopes, the permissions used, no server named', () => {
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('permissions')).toBe(BOT_PERMISSIONS.toString());
    expect(url.searchParams.has('guild_id')).toBe(false);
  });
});
