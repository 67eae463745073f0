/**
 * Loopback Discord for tests: a real discord.js Client talks to it over HTTP + WebSocket on 127.0.0.1.
 *
 *   const standin = await startDiscordStandin();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl, timeout: 2_000, retries: 1 } });
 *   await client.login(standin.token);            // then wait for Events.ClientReady
 *   const i = standin.dispatchSlashCommand({ user: standin.addUser('alice'), name: 'swap', subcommand: 'offer' });
 *   const reply = await standin.waitForReply(i.id);
 *   await client.destroy(); await standin.close();
 */
export { DiscordStandin, startDiscordStandin, type DiscordStandinOptions } from './standin.ts';
export type { StandinBase } from './standin-base.ts';
export type { FailOptions, HeldRequest, RateLimitOptions, RouteMatcher } from './faults.ts';
export type {
  AutocompleteOptions,
  ComponentOptions,
  InvokerOptions,
  ModalSubmitOptions,
  SelectOptions,
  SlashCommandOptions,
  UserCommandOptions,
} from './interactions.ts';
export { opt, type OptionInput, type OptionShorthand } from './options.ts';
export { ALL_PERMISSIONS, MEMBER_PERMISSIONS, Perm } from './permissions.ts';
export type { MessageEvent } from './rest-server.ts';
export { snowflake, snowflakeTime } from './snowflake.ts';
export type * from './types.ts';
export type { WaitOptions } from './wait-log.ts';
export type { GuildInput, MemberInput, UserInput, World } from './world.ts';
