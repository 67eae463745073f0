// A Discord server for tests: the loopback stand-in, the real adapter (real discord.js client), and the real
// dispatcher and outbox relay over a real SQLite store with a movable clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../../commands/index.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { Dispatcher } from '../../../src/app/dispatcher.ts';
import { advanceTo } from '../../../src/jobs/console-advance.ts';
import { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import { Scheduler } from '../../../src/jobs/scheduler.ts';
import type { Logger } from '../../../src/logger.ts';
import { BOT_PERMISSIONS } from '../../../src/platforms/discord/invite.ts';
import { registerCommands, startDiscord, type RunningDiscord } from '../../../src/platforms/discord/index.ts';
import {
  Perm,
  startDiscordStandin,
  type DispatchedInteraction,
  type OptionInput,
  type StandinUser,
  type StoredMessage,
} from '../../standins/discord/index.ts';
import { createStore, silentLog } from '../../support/harness.ts';

export type Person = 'ana' | 'ben' | 'cleo';
export const NAMES: Record<Person, string> = { ana: 'Ana', ben: 'Ben', cleo: 'Cleo' };
export const START = '2026-11-22T12:00:00Z'; // a Sunday

export interface WorldOptions {
  /** A file database (kept across restart()); in memory otherwise. */
  file?: boolean;
  log?: Logger;
  /** The bot's permissions in the server; default: what the invite link asks for. */
  botPermissions?: bigint;
}

export interface Button {
  label: string;
  customId: string;
}

export function buttonsOf(message: StoredMessage): Button[] {
  const out: Button[] = [];
  for (const row of message.components) {
    const children = Array.isArray(row.components) ? (row.components as Record<string, unknown>[]) : [];
    for (const c of children) if (c.type === 2) out.push({ label: String(c.label), customId: String(c.custom_id) });
  }
  return out;
}

/** Everything a person reads in a message: content and every embed's title, description and fields. */
export function textOf(message: StoredMessage): string {
  const parts = [message.content];
  for (const embed of message.embeds) {
    const fields = Array.isArray(embed.fields) ? (embed.fields as { name: string; value: string }[]) : [];
    parts.push(String(embed.title ?? ''), String(embed.description ?? ''), ...fields.map((f) => `${f.name}: ${f.value}`));
  }
  return parts.filter(Boolean).join('\n');
}

export async function startDiscordWorld(options: WorldOptions = {}) {
  const standin = await startDiscordStandin();
  const guild = standin.guild;
  const general = standin.channel('general');
  const people: Record<Person, StandinUser> = {
    ana: standin.addUser({ username: 'ana', globalName: 'Ana' }),
    ben: standin.addUser({ username: 'ben', globalName: 'Ben' }),
    cleo: standin.addUser({ username: 'cleo', globalName: 'Cleo' }),
  };
  // The bot joined with the invite link's permissions, as an organiser adds it.
  standin.addMember(guild.id, standin.bot, { permissions: options.botPermissions ?? BOT_PERMISSIONS });
  standin.addMember(guild.id, people.ana, { permissions: Perm.ManageGuild | Perm.SendMessages | Perm.ViewChannel });
  standin.addMember(guild.id, people.ben);
  standin.addMember(guild.id, people.cleo);

  const dir = options.file ? mkdtempSync(join(tmpdir(), 'breather-discord-')) : undefined;
  const path = dir ? join(dir, 'breather.db') : ':memory:';
  const log = options.log ?? silentLog;
  const clock = new ManualClock(Date.parse(START));
  const config = { token: standin.token, appId: standin.applicationId, guildId: guild.id, apiUrl: standin.apiUrl };
  await registerCommands(config, commands);

  let store = createStore(path);
  let relay = new OutboxRelay(store, clock, log);
  const newDispatcher = () => new Dispatcher({ store, clock, log, commands, defaultTimezone: 'Europe/London', onCommitted: () => void relay.drain().catch(() => undefined) });
  let dispatcher = newDispatcher();
  const start = async () => {
    const running = await startDiscord({ config, dispatcher, log, commands, tuning: { restTimeoutMs: 2_000, restRetries: 1 } });
    relay.register(running.messenger);
    void relay.drain().catch(() => undefined); // whatever was queued before a restart
    return running;
  };
  let bot: RunningDiscord = await start();

  const world = {
    standin,
    guild,
    general,
    people,
    clock,
    get store() {
      return store;
    },
    get relay() {
      return relay;
    },
    get bot() {
      return bot;
    },
    command(who: Person | StandinUser, name: string, sub?: string, opts: OptionInput[] = [], extra: { group?: string; guildId?: string; dm?: boolean } = {}): DispatchedInteraction {
      const user = typeof who === 'string' ? people[who] : who;
      return standin.dispatchSlashCommand({ user, name, ...(sub !== undefined ? { subcommand: sub } : {}), options: opts, ...extra });
    },
    /** Runs a slash command and resolves with its visible answer. */
    async ask(who: Person | StandinUser, name: string, sub?: string, opts: OptionInput[] = [], extra: { group?: string; guildId?: string; dm?: boolean } = {}) {
      return standin.waitForReply(world.command(who, name, sub, opts, extra).id);
    },
    press(who: Person, message: StoredMessage, label: string): DispatchedInteraction {
      const button = buttonsOf(message).find((b) => b.label === label);
      if (!button) throw new Error(`no button "${label}" on message ${message.id}: ${buttonsOf(message).map((b) => b.label).join(', ')}`);
      return standin.dispatchButton({ user: people[who], customId: button.customId, message: message.id });
    },
    async tap(who: Person, message: StoredMessage, label: string) {
      return standin.waitForReply(world.press(who, message, label).id);
    },
    /** The first channel post (not an interaction answer) in #general whose text contains `text`. */
    channelPost(text: string, from = 0): Promise<StoredMessage> {
      return standin.waitForMessage((m) => m.channelId === general.id && m.interactionId === null && textOf(m).includes(text), { from });
    },
    dm(who: Person, text: string, from = 0): Promise<StoredMessage> {
      const channel = standin.dmChannel(people[who].id).id;
      return standin.waitForMessage((m) => m.channelId === channel && textOf(m).includes(text), { from });
    },
    channelPosts(): StoredMessage[] {
      return standin.messagesIn(general.id).filter((m) => m.interactionId === null);
    },
    dms(who: Person): StoredMessage[] {
      return standin.dmsTo(people[who].id);
    },
    /**
     * Lets time pass up to `iso`: each job runs and each message held back (quiet hours, a burst) is delivered as
     * it falls due, as the console's `:advance` does.
     */
    advanceTo(iso: string): Promise<void> {
      return advanceTo({ store, clock, scheduler: new Scheduler(store, clock, log), relay, platform: 'discord' }, Date.parse(iso));
    },
    balance(who: Person): number | undefined {
      const coop = store.coops.find('discord', guild.id);
      const member = coop && store.members.find(coop.id, people[who].id);
      return member ? store.ledger.balance(store.ledger.accountOfHousehold(member.householdId)) : undefined;
    },
    /** Stops the bot and starts a new one (new client, store, dispatcher and relay) on the same database file. */
    async restart() {
      await bot.stop();
      store.db.close();
      store = createStore(path);
      relay = new OutboxRelay(store, clock, log);
      dispatcher = newDispatcher();
      bot = await start();
    },
    async close() {
      await bot.stop();
      await standin.close();
      store.db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

export type DiscordWorld = Awaited<ReturnType<typeof startDiscordWorld>>;
