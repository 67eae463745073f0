import { once } from 'node:events';
import { Events, Routes, Status, type Interaction } from 'discord.js';
import type { Config } from '../../config.ts';
import type { CommandSpec } from '../../app/command.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import type { RunningPlatform } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import { CoopChannels } from './channels.ts';
import { createClient, type ClientSettings } from './client.ts';
import { describeError } from './errors.ts';
import { inviteUrl } from './invite.ts';
import { DiscordMessenger } from './messenger.ts';
import { InteractionRouter } from './router.ts';

export { commandsJson } from './command-json.ts';
export { inviteUrl } from './invite.ts';
export { registerCommands } from './registration.ts';

export interface DiscordDeps {
  config: NonNullable<Config['discord']>;
  dispatcher: Dispatcher;
  log: Logger;
  commands: readonly CommandSpec[];
  /** Tests and the bench lower the REST timeout and retries against the loopback stand-in. */
  tuning?: Omit<ClientSettings, 'apiUrl'>;
}

export type RunningDiscord = RunningPlatform;

/** Logs in and routes every interaction to the dispatcher; its messenger delivers the outbox's Discord rows. */
export async function startDiscord(deps: DiscordDeps): Promise<RunningDiscord> {
  const log = deps.log.child({ platform: 'discord' });
  const shards = deps.config.shards;
  const client = createClient({ apiUrl: deps.config.apiUrl, ...deps.tuning, ...(shards !== undefined ? { shards } : {}) });
  const channels = new CoopChannels(client);
  const messenger = new DiscordMessenger(client.rest, channels, log);
  const router = new InteractionRouter({ client, dispatcher: deps.dispatcher, channels, log });
  const inFlight = new Set<Promise<void>>();
  const onInteraction = (interaction: Interaction) => {
    const handled = router.handle(interaction).finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, (error) => log.error({ error: describeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  // While a shard is away /healthz answers 503; these lines say when and why.
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'discord shard disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.warn({ shard }, 'discord shard reconnecting'));
  client.on(Events.ShardResume, (shard) => log.info({ shard }, 'discord shard resumed'));

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(deps.config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw new Error(`Discord login failed: ${JSON.stringify(describeError(error))}`);
  }
  log.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size, invite: inviteUrl(deps.config.appId, deps.config.guildId) },
    'discord ready; add the bot to a server with the invite link',
  );
  void checkRegistration(client.rest, deps, log);

  let stopped: Promise<void> | undefined;
  return {
    platform: 'discord',
    messenger,
    // Every shard ready (discord.js reports the gateway ready only then).
    connected: () => client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready),
    stop() {
      stopped ??= (async () => {
        client.off(Events.InteractionCreate, onInteraction);
        await Promise.allSettled([...inFlight]);
        await client.destroy();
      })();
      return stopped;
    },
  };
}

/** Warns when the registered slash commands lag behind commands/ (a forgotten `npm run register`). */
async function checkRegistration(rest: { get(route: `/${string}`): Promise<unknown> }, deps: DiscordDeps, log: Logger): Promise<void> {
  const { appId, guildId } = deps.config;
  try {
    const found = await rest.get(guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId));
    const names = new Set(Array.isArray(found) ? found.map((c: unknown) => (typeof c === 'object' && c && 'name' in c ? String(c.name) : '')) : []);
    const missing = deps.commands.map((c) => c.name).filter((name) => !names.has(name));
    if (missing.length) log.warn({ missing }, 'some commands are not registered on Discord yet: run `npm run register`');
  } catch (error) {
    log.debug({ error: describeError(error) }, 'could not check the registered commands');
  }
}
