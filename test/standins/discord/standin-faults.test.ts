import { once } from 'node:events';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  StringSelectMenuBuilder,
  ActionRowBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordStandin, type StandinUser, startDiscordStandin } from './index.ts';

/** Fault injection and interaction lifetimes, through a real discord.js client (REST timeout 300 ms, 1 retry). */

function nextInteraction<T>(client: Client, handler: (interaction: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}

describe('Discord stand-in faults', { timeout: 10_000 }, () => {
  let standin: DiscordStandin;
  let client: Client;
  let dana: StandinUser;

  beforeAll(async () => {
    standin = await startDiscordStandin();
    dana = standin.addUser('dana');
    client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: standin.apiUrl, timeout: 300, retries: 1 },
    });
    const ready = once(client, Events.ClientReady);
    await client.login(standin.token);
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await standin?.close();
  });

  it('lets discord.js retry a 500 once', async () => {
    const from = standin.mark();
    standin.fail('GET /users/:userId', { status: 500, code: 0, message: '500: Internal Server Error' });
    const user = await client.users.fetch(dana.id, { force: true });
    expect(user.username).toBe('dana');
    expect(standin.calls.slice(from).map((c) => c.status)).toEqual([500, 200]);
  });

  it('holds an answer until released; the request has already taken effect', async () => {
    const held = standin.hold('POST /interactions/:id/:token/callback');
    let deferred = false;
    const handled = nextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a slash command');
      await i.deferReply();
      deferred = true;
    });
    const command = standin.dispatchSlashCommand({ user: dana, name: 'swap' });
    const call = await held.arrived;
    expect(call.interactionId).toBe(command.id);
    expect(standin.interaction(command.id)?.response?.type).toBe(5);
    expect(deferred).toBe(false);
    held.release();
    await handled;
    expect(deferred).toBe(true);
  });

  it('a late answer makes discord.js retry, and the retry meets 40060', async () => {
    standin.delay('POST /interactions/:id/:token/callback', 1_000);
    const outcome = nextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a slash command');
      return i.reply('ok').then(
        () => 'ok',
        (error: unknown) => (error instanceof DiscordAPIError ? error.code : String(error)),
      );
    });
    const command = standin.dispatchSlashCommand({ user: dana, name: 'swap' });
    expect(await outcome).toBe(40060);
    expect(standin.messagesIn(standin.channel('general').id).filter((m) => m.interactionId === command.id)).toHaveLength(1);
  });

  it('turns the first follow-up after a defer into the reply; an expired token is refused', async () => {
    const expired = nextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a slash command');
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      const first = await i.followUp('done');
      standin.expireInteraction(i.id);
      const late = await i.followUp('too late').catch((e: unknown) => e);
      return { first: first.id, late };
    });
    const command = standin.dispatchSlashCommand({ user: dana, name: 'swap' });
    const { first, late } = await expired;
    expect(standin.interaction(command.id)?.originalMessageId).toBe(first);
    expect(await standin.waitForReply(command.id)).toMatchObject({ id: first, content: 'done', flags: 64 });
    expect(late).toMatchObject({ status: 401, code: 50027 });
  });

  it('mirrors a label-style modal and delivers select values', async () => {
    const opened = nextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a slash command');
      const modal = new ModalBuilder()
        .setCustomId('swap:new')
        .setTitle('New swap')
        .addLabelComponents((label) =>
          label.setLabel('When').setTextInputComponent((input) => input.setCustomId('when').setStyle(TextInputStyle.Short)),
        );
      await i.showModal(modal);
    });
    standin.dispatchSlashCommand({ user: dana, name: 'swap' });
    await opened;
    const submitted = nextInteraction(client, async (i) => {
      if (!i.isModalSubmit()) throw new Error('expected a modal submission');
      const menu = new StringSelectMenuBuilder()
        .setCustomId('swap:kids')
        .addOptions({ label: 'One', value: '1' }, { label: 'Two', value: '2' });
      await i.reply({ content: 'How many?', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
      return i.fields.getTextInputValue('when');
    });
    const submit = standin.dispatchModalSubmit({ user: dana, customId: 'swap:new', fields: { when: 'Friday 6pm' } });
    expect(await submitted).toBe('Friday 6pm');
    expect(submit.payload.data).toMatchObject({ components: [{ type: 18, component: { custom_id: 'when', value: 'Friday 6pm' } }] });

    const picked = nextInteraction(client, async (i) => {
      if (!i.isStringSelectMenu()) throw new Error('expected a select menu');
      await i.deferUpdate();
      return i.values;
    });
    standin.dispatchSelect({ user: dana, customId: 'swap:kids', values: ['2'] });
    expect(await picked).toEqual(['2']);
  });

  it('resumes after op 7 RECONNECT', async () => {
    const resumed = once(client, Events.ShardResume);
    const from = standin.gatewayFrames.length;
    standin.requestReconnect();
    await resumed;
    const resume = await standin.waitForGatewayFrame((f) => f.direction === 'in' && f.op === 6, { from });
    expect(resume.path).toBe('/resume');
    expect(standin.gatewayConnections).toBe(1);
  });
});
