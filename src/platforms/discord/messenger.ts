import { Routes, type REST, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DeliveryResult, Messenger, Notification } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { CoopChannels } from './channels.ts';
import { DiscordCode, deliveryFailure, describeError, discordCode } from './errors.ts';
import { renderMessage, type DiscordPage } from './render.ts';
import { SitThreads } from './threads.ts';

// Notifications out to Discord: DMs (open the DM channel, then post) and co-op channel posts, through discord.js's
// REST queue, which keeps to Discord's rate-limit buckets and waits out short 429s itself. Long waits and failures
// go back to the outbox relay as a DeliveryResult: a refused DM (50007) is permanent, and the relay then mentions
// the member in the co-op channel; nothing in the ledger is undone. Plain REST, so no message ends up in a cache.

const NO_CHANNEL_RETRY_MS = 5 * 60_000;
const MAX_DM_CHANNELS = 5_000;
const REFUSED_CHANNEL = new Set<number>([DiscordCode.UnknownChannel, DiscordCode.MissingAccess, DiscordCode.MissingPermissions]);

export function restBody(page: DiscordPage): RESTPostAPIChannelMessageJSONBody {
  const body: RESTPostAPIChannelMessageJSONBody = {
    allowed_mentions: { parse: [], users: page.mentionUsers },
    embeds: page.embeds,
    components: page.components,
  };
  if (page.content) body.content = page.content;
  if (page.files.length) body.attachments = page.files.map((f, id) => ({ id, filename: f.name }));
  return body;
}

export class DiscordMessenger implements Messenger {
  readonly platform = 'discord' as const;
  private readonly dmChannels = new Map<string, string>();
  private readonly threads: SitThreads;

  constructor(
    private readonly rest: REST,
    private readonly channels: CoopChannels,
    private readonly log: Logger,
  ) {
    this.threads = new SitThreads(rest, channels, this, log);
  }

  async send(notification: Notification): Promise<DeliveryResult> {
    const { destination, message } = notification;
    if (destination.kind === 'thread') return this.threads.deliver(destination, message);
    try {
      if (destination.kind === 'dm') {
        // A DM has no guild of its own: its buttons carry the co-op so a press knows where it belongs.
        await this.post(await this.dmChannel(destination.memberRef), renderMessage(message, { idPrefix: `${destination.coopRef}/` }));
        return { ok: true };
      }
      const channel = destination.channelRef ?? this.channels.fallback(destination.coopRef);
      if (!channel) {
        return { ok: false, permanent: false, retryAfterMs: NO_CHANNEL_RETRY_MS, error: 'the co-op has no channel yet (/coop setup channel:#…)' };
      }
      try {
        await this.post(channel, renderMessage(message));
      } catch (error) {
        // The co-op's channel is gone or closed to the bot: post where it can, rather than lose a request card.
        const other = REFUSED_CHANNEL.has(discordCode(error) ?? 0) ? this.channels.fallback(destination.coopRef, channel) : undefined;
        if (!other) throw error;
        this.log.warn({ coop: destination.coopRef, error: describeError(error) }, 'co-op channel refused a post; used another channel');
        await this.post(other, renderMessage(message));
      }
      return { ok: true };
    } catch (error) {
      const failure = deliveryFailure(error);
      this.log.warn({ coop: destination.coopRef, kind: destination.kind, failure: failure.error, error: describeError(error) }, 'discord delivery failed');
      return failure;
    }
  }

  async post(channelId: string, pages: DiscordPage[]): Promise<void> {
    for (const page of pages) {
      await this.rest.post(Routes.channelMessages(channelId), {
        body: restBody(page),
        files: page.files.map((f) => ({ name: f.name, data: f.data })),
      });
    }
  }

  async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id?: unknown };
    if (typeof channel.id !== 'string') throw new Error('Discord opened a DM channel without an id');
    if (this.dmChannels.size >= MAX_DM_CHANNELS) this.dmChannels.clear();
    this.dmChannels.set(userId, channel.id);
    return channel.id;
  }
}
