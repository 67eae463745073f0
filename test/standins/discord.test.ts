import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  RESTEvents,
  type RateLimitData,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordStandin, Perm, type StandinUser, opt, startDiscordStandin } from './discord/index.ts';

/** Timeouts and retries lowered so a misbehaving stand-in fails fast instead of hanging (defaults: 15 s, 3). */
function newClient(standin: DiscordStandin): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: standin.apiUrl, timeout: 2_000, retries: 1 },
  });
}

async function logIn(client: Client, token: string): Promise<void> {
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
}

/** Runs `handler` on the next interaction the client receives and settles with its outcome. */
function nextInteraction<T>(client: Client, handler: (interaction: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}

describe('Discord stand-in with a real discord.js client', { timeout: 10_000 }, () => {
  let standin: DiscordStandin;
  let client: Client;
  let alice: StandinUser;
  let bob: StandinUser;

  beforeAll(async () => {
    standin = await startDiscordStandin();
    alice = standin.addUser('alice');
    bob = standin.addUser('bob');
    standin.addMember(standin.guild.id, alice, { permissions: Perm.ManageGuild | Perm.SendMessages });
    standin.addMember(standin.guild.id, bob);
    client = newClient(standin);
    await logIn(client, standin.token);
  });

  afterAll(async () => {
    await client?.destroy();
    await standin?.close();
  });

  it('logs in through /gateway/bot, IDENTIFY and READY, and sees the guild', async () => {
    expect(standin.calls[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 200 });
    const identify = await standin.waitForGatewayFrame((f) => f.direction === 'in' && f.op === 2);
    expect(identify.d).toMatchObject({ token: 'test-token', intents: 1 });
    expect(client.user?.id).toBe(standin.bot.id);
    expect(client.user?.id).toMatch(/^\d{17,19}$/);
    const guild = client.guilds.cache.get(standin.guild.id);
    expect(guild?.name).toBe('Maple Street Co-op');
    expect(guild?.ownerId).toBe(standin.guild.ownerId);
    expect(guild?.channels.cache.get(standin.channel('general').id)?.name).toBe('general');
    const member = await guild?.members.fetch(alice.id);
    expect(member?.user.username).toBe('alice');
  });

  it('records command registration and echoes it with ids', async () => {
    const registered = await client.application?.commands.set(
      [
        {
          name: 'swap',
          description: 'Babysitting swaps',
          options: [
            {
              type: 1,
              name: 'offer',
              description: 'Offer a swap',
              options: [
                { type: 6, name: 'with', description: 'Who', required: true },
                { type: 4, name: 'hours', description: 'How long', required: true },
              ],
            },
          ],
        },
        { name: 'note', description: 'Leave a note' },
      ],
      standin.guild.id,
    );
    expect(registered?.size).toBe(2);
    const call = await standin.waitForCall((c) => c.route === 'PUT /applications/:app/guilds/:guildId/commands');
    expect(call.body).toMatchObject([{ name: 'swap' }, { name: 'note' }]);
    expect(standin.commands(standin.guild.id).map((c) => c.name)).toEqual(['swap', 'note']);
  });

  it('delivers a slash command; deferReply + editReply and a button update are recorded', async () => {
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
      const seen = {
        subcommand: interaction.options.getSubcommand(),
        with: interaction.options.getUser('with', true).username,
        withMember: interaction.options.getMember('with') !== null,
        hours: interaction.options.getInteger('hours', true),
        canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
      };
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const button = new ButtonBuilder().setCustomId('swap:accept:42').setLabel('Accept').setStyle(ButtonStyle.Primary);
      await interaction.editReply({ content: 'hi', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)] });
      return seen;
    });
    const command = standin.dispatchSlashCommand({
      user: alice,
      name: 'swap',
      subcommand: 'offer',
      options: [opt.user('with', bob), opt.integer('hours', 3)],
    });
    expect(command.id).toMatch(/^\d{17,19}$/);
    expect(await handled).toEqual({ subcommand: 'offer', with: 'bob', withMember: true, hours: 3, canManage: true });

    const callback = await standin.waitForCall((c) => c.path === `/interactions/${command.id}/${command.token}/callback`);
    expect(callback).toMatchObject({ method: 'POST', status: 204, body: { type: 5, data: { flags: 64 } } });
    const edit = await standin.waitForCall((c) => c.method === 'PATCH' && c.interactionId === command.id);
    expect(edit.path).toBe(`/webhooks/${standin.applicationId}/${command.token}/messages/@original`);
    expect(edit.rawPath).toMatch(/\/messages\/%40original$/); // discord.js percent-encodes the @
    expect(edit.body).toMatchObject({ content: 'hi' });
    const reply = await standin.waitForReply(command.id);
    expect(reply).toMatchObject({ content: 'hi', flags: 64 });

    const clicked = nextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({ content: 'accepted', components: [] });
      return { customId: interaction.customId, messageId: interaction.message.id };
    });
    const press = standin.dispatchButton({ user: alice, customId: 'swap:accept:42' });
    expect(await clicked).toEqual({ customId: 'swap:accept:42', messageId: reply.id });
    expect(await standin.waitForResponse(press.id)).toEqual({ type: 7, data: expect.objectContaining({ content: 'accepted', components: [] }) });
    expect(standin.message(reply.id)?.content).toBe('accepted');
  });

  it('answers a second callback for a duplicated interaction with 40060', async () => {
    const attempts: unknown[] = [];
    const both = new Promise<void>((resolve) => {
      const listener = (interaction: Interaction) => {
        if (!interaction.isChatInputCommand()) return;
        interaction.reply('noted').then(
          () => attempts.push('ok'),
          (error: unknown) => attempts.push(error instanceof DiscordAPIError ? error.code : error),
        ).finally(() => {
          if (attempts.length === 2) {
            client.off(Events.InteractionCreate, listener);
            resolve();
          }
        });
      };
      client.on(Events.InteractionCreate, listener);
    });
    const command = standin.dispatchSlashCommand({ user: bob, name: 'note' });
    standin.redispatch(command);
    await both;
    expect(attempts.sort()).toEqual([40060, 'ok']);
  });

  it('carries DM context and other guilds, with per-guild permissions', async () => {
    const other = standin.addGuild({ name: 'Oak Lane Co-op', channels: ['lobby'] });
    await once(client, Events.GuildCreate);
    const carol = standin.addUser('carol');
    const seen = nextInteraction(client, async (i) => {
      await (i.isChatInputCommand() ? i.reply('ok') : Promise.resolve());
      return { guildId: i.guildId, channelId: i.channelId, canManage: i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) };
    });
    standin.dispatchSlashCommand({ user: carol, guildId: other.id, name: 'note', permissions: 0x20n });
    expect(await seen).toEqual({ guildId: other.id, channelId: standin.channel('lobby').id, canManage: true });

    const dm = nextInteraction(client, async (i) => {
      await (i.isChatInputCommand() ? i.reply('ok') : Promise.resolve());
      // Without Partials.Channel discord.js does not cache an unseen DM channel: `channel` stays null.
      return { guildId: i.guildId, user: i.user.username, member: i.member, channelId: i.channelId, context: i.context };
    });
    standin.dispatchSlashCommand({ user: carol, dm: true, name: 'note' });
    expect(await dm).toEqual({
      guildId: null,
      user: 'carol',
      member: null,
      channelId: standin.dmChannel(carol.id).id,
      context: InteractionContextType.BotDM,
    });
  });

  it('opens a modal from a button and delivers its submission; answers autocomplete', async () => {
    const opened = nextInteraction(client, async (i) => {
      if (!i.isButton()) throw new Error('expected a button');
      const input = new TextInputBuilder().setCustomId('note').setLabel('Note').setStyle(TextInputStyle.Short);
      const modal = new ModalBuilder().setCustomId('note:modal').setTitle('A note');
      await i.showModal(modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)));
    });
    const press = standin.dispatchButton({ user: bob, customId: 'note:open' });
    await opened;
    expect((await standin.waitForResponse(press.id)).type).toBe(9);

    const submitted = nextInteraction(client, async (i) => {
      if (!i.isModalSubmit()) throw new Error('expected a modal submission');
      await i.reply({ content: 'thanks', flags: MessageFlags.Ephemeral });
      return i.fields.getTextInputValue('note');
    });
    standin.dispatchModalSubmit({ user: bob, customId: 'note:modal', fields: { note: 'back at 6' } });
    expect(await submitted).toBe('back at 6');

    const completed = nextInteraction(client, async (i) => {
      if (!i.isAutocomplete()) throw new Error('expected autocomplete');
      await i.respond([{ name: 'three hours', value: 3 }]);
      return i.options.getFocused();
    });
    const typing = standin.dispatchAutocomplete({
      user: bob,
      name: 'swap',
      subcommand: 'offer',
      options: [opt.integer('hours', 3)],
      focused: 'hours',
    });
    expect(await completed).toBe(3);
    expect(await standin.waitForResponse(typing.id)).toEqual({ type: 8, data: { choices: [{ name: 'three hours', value: 3 }] } });
  });

  it('retries a DM after a 429 and delivers it once', async () => {
    const from = standin.mark();
    standin.rateLimit('POST /channels/:id/messages', { retryAfterMs: 30 });
    const limited = once(client.rest, RESTEvents.RateLimited) as Promise<[RateLimitData]>;
    const sent = await client.users.send(alice.id, 'Your swap starts at 6');
    expect(sent.content).toBe('Your swap starts at 6');
    expect((await limited)[0]).toMatchObject({ global: false, scope: 'user' });
    const attempts = standin.calls.slice(from).filter((c) => c.route === 'POST /channels/:channelId/messages');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(standin.calls.slice(from).some((c) => c.route === 'POST /users/@me/channels')).toBe(true);
    expect(standin.dmsTo(alice.id).map((m) => m.content)).toEqual(['Your swap starts at 6']);
  });

  it('rejects a DM to someone who refuses DMs with 50007', async () => {
    standin.refuseDms(bob.id);
    const error = await client.users.send(bob.id, 'Reminder').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50007, status: 403 });
    expect(standin.dmsTo(bob.id)).toEqual([]);
  });

  it('parses a file attachment sent as multipart', async () => {
    const channel = client.channels.cache.get(standin.channel('general').id);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const message = await channel.send({
      content: 'This month',
      files: [{ attachment: Buffer.from('household,credits\nlee,4\n'), name: 'ledger.csv' }],
    });
    const call = await standin.waitForCall((c) => c.route === 'POST /channels/:channelId/messages' && c.files.length > 0);
    expect(call.files).toEqual([expect.objectContaining({ field: 'files[0]', filename: 'ledger.csv', text: 'household,credits\nlee,4\n' })]);
    expect(call.body).toMatchObject({ content: 'This month', attachments: [{ id: '0' }] });
    const url = message.attachments.first()?.url ?? '';
    expect(await (await fetch(url)).text()).toBe('household,credits\nlee,4\n');
  });

  it('answers unknown routes with a Discord-shaped 404 and enforces message limits', async () => {
    const missing = await client.rest.get('/nowhere/at/all').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 0 });
    expect(standin.calls.at(-1)).toMatchObject({ path: '/nowhere/at/all', route: null, status: 404 });
    const channel = client.channels.cache.get(standin.channel('general').id);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    await expect(channel.send('x'.repeat(2001))).rejects.toMatchObject({ code: 50035 });
  });

  it('resumes after a dropped gateway connection and replays what was missed', async () => {
    const resumed = once(client, Events.ShardResume);
    standin.dropGateway();
    const handled = nextInteraction(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('still here');
      return i.id;
    });
    // Dispatched while disconnected: Discord holds it for the session and replays it on RESUME.
    const command = standin.dispatchSlashCommand({ user: alice, name: 'note' });
    await resumed;
    const resume = await standin.waitForGatewayFrame((f) => f.direction === 'in' && f.op === 6);
    expect(resume.path).toBe('/resume');
    expect(await handled).toBe(command.id);
  });
});

describe('Discord stand-in gateway details', { timeout: 10_000 }, () => {
  it('acknowledges heartbeats and refuses a wrong token', async () => {
    const standin = await startDiscordStandin({ heartbeatIntervalMs: 40 });
    const client = newClient(standin);
    try {
      await logIn(client, standin.token);
      await standin.waitForGatewayFrame((f) => f.direction === 'in' && f.op === 1);
      await standin.waitForGatewayFrame((f) => f.direction === 'out' && f.op === 11);
      const intruder = newClient(standin);
      await expect(intruder.login('wrong-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
      await intruder.destroy();
    } finally {
      await client.destroy();
      await standin.close();
    }
  });
});
