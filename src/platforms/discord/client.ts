import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';

// The discord.js client, kept small for a large server: only the Guilds intent (no privileged ones), and caches for
// what the bot never reads (messages, members, presences, threads, emojis …) limited to nothing or to a handful.
// Guilds, channels and roles stay cached: they come with the Guilds intent and tell where the bot may post.

const HOUR_S = 3_600;

export interface ClientSettings {
  apiUrl: string;
  /** Tests lower these so a stand-in failure shows quickly; production keeps discord.js's defaults. */
  restTimeoutMs?: number;
  restRetries?: number;
  /** Rate-limit waits longer than this are not waited out inside a send: the outbox retries the row later. */
  maxQueueWaitMs?: number;
  /**
   * Gateway shards in this process: 'auto' takes Discord's recommendation, a number runs that many (0 … n-1); unset,
   * one. Each guild's events come on shard (guild_id >> 22) % count; REST and the outbox are shared by all.
   */
  shards?: 'auto' | number;
}

function sharding(shards: ClientSettings['shards']): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (shards === 'auto') return { shards: 'auto' };
  if (shards === undefined || shards <= 1) return {};
  return { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}

export function clientOptions(settings: ClientSettings): ClientOptions {
  const maxWait = settings.maxQueueWaitMs ?? 5_000;
  return {
    ...sharding(settings.shards),
    intents: [GatewayIntentBits.Guilds],
    makeCache: Options.cacheWithLimits({
      ApplicationCommandManager: 0,
      ApplicationEmojiManager: 0,
      AutoModerationRuleManager: 0,
      BaseGuildEmojiManager: 0,
      DMMessageManager: 0,
      EntitlementManager: 0,
      GuildBanManager: 0,
      GuildEmojiManager: 0,
      GuildForumThreadManager: 0,
      GuildInviteManager: 0,
      GuildMessageManager: 0,
      GuildScheduledEventManager: 0,
      GuildStickerManager: 0,
      GuildTextThreadManager: 0,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      StageInstanceManager: 0,
      ThreadManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
      // The bot's own member decides where it may post; other members come and go with interactions.
      GuildMemberManager: { maxSize: 50, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 500, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      // Hourly, everyone but the bot itself: people are cached only while an interaction needs them.
      users: { interval: HOUR_S, filter: () => (user) => user.id !== user.client.user.id },
      guildMembers: { interval: HOUR_S, filter: () => (member) => member.id !== member.client.user.id },
    },
    rest: {
      api: settings.apiUrl,
      ...(settings.restTimeoutMs !== undefined ? { timeout: settings.restTimeoutMs } : {}),
      ...(settings.restRetries !== undefined ? { retries: settings.restRetries } : {}),
      rejectOnRateLimit: (data) => data.retryAfter > maxWait,
    },
  };
}

export function createClient(settings: ClientSettings): Client {
  return new Client(clientOptions(settings));
}
