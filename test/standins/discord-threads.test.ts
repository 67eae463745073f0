import { once } from 'node:events';
import { ApplicationCommandType, ChannelType, Client, DiscordAPIError, Events, GatewayIntentBits, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordStandin, Perm, type StandinUser, startDiscordStandin } from './discord/index.ts';

// The stand-in's threads and user commands hold a bot to what Discord documents: it refuses what Discord refuses,
// with Discord's codes, so the adapter's fallbacks are tested against the real answers.

async function code(work: Promise<unknown>): Promise<number | string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    return error instanceof DiscordAPIError ? Number(error.code) : String(error);
  }
}

describe('Discord stand-in: private threads and user commands', { timeout: 10_000 }, () => {
  let standin: DiscordStandin;
  let client: Client;
  let rest: REST;
  let ana: StandinUser;
  let general: string;

  beforeAll(async () => {
    standin = await startDiscordStandin();
    ana = standin.addUser({ username: 'ana', globalName: 'Ana' });
    standin.addMember(standin.guild.id, ana);
    standin.addMember(standin.guild.id, standin.bot, { permissions: Perm.ViewChannel | Perm.SendMessages | Perm.CreatePrivateThreads | Perm.SendMessagesInThreads | Perm.ManageThreads });
    general = standin.channel('general').id;
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl, timeout: 2_000, retries: 0 } });
    const ready = once(client, Events.ClientReady);
    await client.login(standin.token);
    await ready;
    rest = client.rest;
  });
  afterAll(async () => {
    await client.destroy();
    await standin.close();
  });

  it('opens a private thread in a text channel, adds guild members only, takes messages, and closes when locked', async () => {
    const created = (await rest.post(Routes.threads(general), { body: { name: 'sit #1', type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: 10080 } })) as {
      id: string;
      type: number;
      parent_id: string;
      thread_metadata: { invitable: boolean; archived: boolean };
    };
    expect(created).toMatchObject({ type: 12, parent_id: general, thread_metadata: { invitable: false, archived: false } });
    const threadCreate = await standin.waitForGatewayFrame((f) => f.t === 'THREAD_CREATE');
    expect(threadCreate.d).toMatchObject({ id: created.id, newly_created: true });
    expect(await code(rest.put(Routes.threadMembers(created.id, ana.id)))).toBe('ok');
    const stranger = standin.addUser({ username: 'stranger' });
    expect(await code(rest.put(Routes.threadMembers(created.id, stranger.id)))).toBe(10007);
    expect(await code(rest.post(Routes.channelMessages(created.id), { body: { content: 'hello' } }))).toBe('ok');
    expect(await code(rest.patch(Routes.channel(created.id), { body: { archived: true, locked: true } }))).toBe('ok');
    expect(await code(rest.post(Routes.channelMessages(created.id), { body: { content: 'too late' } }))).toBe(50083);
    expect(await code(rest.put(Routes.threadMembers(created.id, ana.id)))).toBe(50083);
    expect(standin.thread(created.id)?.thread).toMatchObject({ archived: true, locked: true });
  });

  it("refuses what Discord refuses: bad names and durations, the wrong channel type, missing permissions", async () => {
    expect(await code(rest.post(Routes.threads(general), { body: { name: '', type: 12 } }))).toBe(50035);
    expect(await code(rest.post(Routes.threads(general), { body: { name: 'x'.repeat(101), type: 12 } }))).toBe(50035);
    expect(await code(rest.post(Routes.threads(general), { body: { name: 'x', type: 12, auto_archive_duration: 30 } }))).toBe(50035);
    const news = standin.addChannel(standin.guild.id, 'news', 5);
    expect(await code(rest.post(Routes.threads(news.id), { body: { name: 'x', type: 12 } }))).toBe(50024);
    expect(await code(rest.patch(Routes.channel(general), { body: { archived: true } }))).toBe(50013);

    const bare = standin.addGuild({ name: 'Bare Co-op' });
    standin.addMember(bare.id, standin.bot, { permissions: Perm.ViewChannel | Perm.SendMessages });
    const lobby = standin.channel('general', bare.id).id;
    expect(await code(rest.post(Routes.threads(lobby), { body: { name: 'x', type: 12 } }))).toBe(50013);
    // Without Manage Threads, nobody can be added to a thread nobody may invite to; the bot that opened it may archive it.
    standin.addMember(bare.id, standin.bot, { permissions: Perm.ViewChannel | Perm.SendMessages | Perm.CreatePrivateThreads | Perm.SendMessagesInThreads });
    standin.addMember(bare.id, ana);
    const closed = (await rest.post(Routes.threads(lobby), { body: { name: 'x', type: 12, invitable: false } })) as { id: string };
    expect(await code(rest.put(Routes.threadMembers(closed.id, ana.id)))).toBe(50013);
    expect(await code(rest.patch(Routes.channel(closed.id), { body: { archived: true, locked: true } }))).toBe(50013);
    expect(await code(rest.patch(Routes.channel(closed.id), { body: { archived: true } }))).toBe('ok');
  });

  it("lists the server's active threads, newest first, with the bot's own membership; archived and hidden ones are left out", async () => {
    const guild = standin.addGuild({ name: 'Listed Co-op' });
    standin.addMember(guild.id, standin.bot, { permissions: Perm.ViewChannel | Perm.SendMessages | Perm.CreatePrivateThreads | Perm.SendMessagesInThreads | Perm.ManageThreads });
    const lobby = standin.channel('general', guild.id).id;
    const open = async (name: string) => ((await rest.post(Routes.threads(lobby), { body: { name, type: ChannelType.PrivateThread, invitable: false } })) as { id: string }).id;
    const first = await open('#1 · Ana & Ben · Sat 28 Nov');
    const second = await open('#2 · Cleo & Ben · Fri 27 Nov');
    const closed = await open('#3 · old');
    await rest.patch(Routes.channel(closed), { body: { archived: true } });
    const listed = (await rest.get(Routes.guildActiveThreads(guild.id))) as {
      threads: { id: string; type: number; parent_id: string; owner_id: string; name: string; guild_id: string }[];
      members: { id: string; user_id: string }[];
    };
    expect(listed.threads).toEqual([
      expect.objectContaining({ id: second, type: 12, parent_id: lobby, owner_id: standin.bot.id, name: '#2 · Cleo & Ben · Fri 27 Nov', guild_id: guild.id }),
      expect.objectContaining({ id: first, type: 12, parent_id: lobby, owner_id: standin.bot.id, name: '#1 · Ana & Ben · Sat 28 Nov' }),
    ]);
    expect(listed.members.map((m) => [m.id, m.user_id])).toEqual([[second, standin.bot.id], [first, standin.bot.id]]);
    // A private thread the bot is not in shows only to a moderator (Manage Threads).
    standin.thread(first)?.thread?.members.delete(standin.bot.id);
    standin.addMember(guild.id, standin.bot, { permissions: Perm.ViewChannel | Perm.SendMessages | Perm.SendMessagesInThreads });
    const seen = (await rest.get(Routes.guildActiveThreads(guild.id))) as { threads: { id: string }[] };
    expect(seen.threads.map((t) => t.id)).toEqual([second]);
    expect(await code(rest.get(Routes.guildActiveThreads('999999999999999999')))).toBe(10004);
  });

  it('drops a repeated nonce with enforce_nonce from the same author, in any channel, answering with the first message', async () => {
    const other = standin.addChannel(standin.guild.id, 'other', 0).id;
    const body = (content: string) => ({ content, nonce: 'o77.h0', enforce_nonce: true });
    const first = (await rest.post(Routes.channelMessages(general), { body: body('hello') })) as { id: string; nonce: string };
    const again = (await rest.post(Routes.channelMessages(other), { body: body('hello again') })) as { id: string };
    expect(again.id).toBe(first.id);
    expect(standin.messagesIn(other).filter((m) => m.content.startsWith('hello'))).toEqual([]);
    // Without enforce_nonce the nonce is only echoed.
    const plain = (await rest.post(Routes.channelMessages(other), { body: { content: 'plain', nonce: 'o77.h0' } })) as { id: string };
    expect(plain.id).not.toBe(first.id);
  });

  it('registers user commands with spaces and no description, and dispatches them with the target resolved', async () => {
    const route = Routes.applicationGuildCommands(standin.applicationId, standin.guild.id);
    expect(await code(rest.put(route, { body: [{ type: ApplicationCommandType.User, name: 'Ask to sit', description: 'nope' }] }))).toBe(50035);
    expect(await code(rest.put(route, { body: [{ type: ApplicationCommandType.ChatInput, name: 'ask to sit', description: 'x' }] }))).toBe(50035);
    expect(await code(rest.put(route, { body: [{ type: ApplicationCommandType.User, name: 'Ask to sit' }] }))).toBe('ok');
    const seen = new Promise<{ target: string; type: number }>((resolve) => {
      client.once(Events.InteractionCreate, (interaction) => {
        if (interaction.isUserContextMenuCommand()) resolve({ target: interaction.targetUser.id, type: interaction.commandType });
      });
    });
    standin.dispatchUserCommand({ user: standin.addUser({ username: 'ben' }), name: 'Ask to sit', target: ana });
    expect(await seen).toEqual({ target: ana.id, type: ApplicationCommandType.User });
  });
});
