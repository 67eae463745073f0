import { Routes, type REST, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DeliveryContext, DeliveryResult, Destination, Messenger, Notification, ThreadDestination } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { CoopChannels } from './channels.ts';
import { DiscordCode, deliveryFailure, describeError, discordCode } from './errors.ts';
import { renderMessage, type DiscordPage } from './render.ts';
import { SitThreads } from './threads.ts';

// Notifications out to Discord: DMs (open the DM channel, then post; the relay keeps the channel for next time) and
// co-op channel posts, through discord.js's REST queue, which keeps to Discord's rate-limit buckets and waits out
// short 429s itself. Long waits and failures go back to the outbox relay as a DeliveryResult: a refused DM (50007) is
// permanent, and the relay then mentions the member in the co-op channel; nothing in the ledger is undone.
//
// Exactly once: each page carries a nonce made from the outbox row, with enforce_nonce, so Discord answers a resend
// (after a crash between the send and its mark) with the message it already has instead of posting it twice. Opening
// a sit's thread has no nonce: the relay notes that row before it goes, and a resend looks for the thread first.

const NO_CHANNEL_RETRY_MS = 5 * 60_000;
const REFUSED_CHANNEL = new Set<number>([DiscordCode.UnknownChannel, DiscordCode.MissingAccess, DiscordCode.MissingPermissions]);

/**
 * "o1234.0": the outbox row and page; "o1234.h0": a page of one part of a row that posts several messages (a sit
 * thread's hello and its news). Discord keeps nonces for a few minutes, per author, not per channel, and allows 25
 * characters.
 */
export function nonceOf(outboxId: number, page: number, part = ''): string {
  return `o${outboxId}.${part}${page}`;
}

const opensThread = (destination: Destination): destination is ThreadDestination => destination.kind === 'thread' && !destination.threadRef;

export function restBody(page: DiscordPage, nonce?: string): RESTPostAPIChannelMessageJSONBody {
  const body: RESTPostAPIChannelMessageJSONBody = {
    allowed_mentions: { parse: [], users: page.mentionUsers },
    embeds: page.embeds,
    components: page.components,
  };
  if (page.content) body.content = page.content;
  if (page.files.length) body.attachments = page.files.map((f, id) => ({ id, filename: f.name }));
  if (nonce) {
    body.nonce = nonce;
    body.enforce_nonce = true;
  }
  return body;
}

export class DiscordMessenger implements Messenger {
  readonly platform = 'discord' as const;
  private readonly threads: SitThreads;

  constructor(
    private readonly rest: REST,
    private readonly channels: CoopChannels,
    private readonly log: Logger,
  ) {
    this.threads = new SitThreads(rest, channels, this, log);
  }

  /** Every send but the opening of a sit's thread (Discord gives thread creation no nonce). */
  recognisesResend(notification: Notification): boolean {
    return !opensThread(notification.destination);
  }

  requestsFor(notification: Notification, context: DeliveryContext): number {
    const pages = renderMessage(notification.message).length;
    const { destination } = notification;
    // Opening a sit's thread: the thread, each member added, the hello and the channel's news; after a send that may
    // have arrived, first who the bot is and the server's active threads.
    if (opensThread(destination)) return (context.maybeSent ? 2 : 0) + 1 + destination.members.length + pages + (destination.channelPost ? 1 : 0);
    return pages + (destination.kind === 'dm' && !context.dmChannel ? 1 : 0);
  }

  async send(notification: Notification, context?: DeliveryContext): Promise<DeliveryResult> {
    const { destination, message } = notification;
    if (destination.kind === 'thread') return this.threads.deliver(destination, message, context);
    try {
      if (destination.kind === 'dm') {
        // A DM has no guild of its own: its buttons carry the co-op so a press knows where it belongs.
        const pages = renderMessage(message, { idPrefix: `${destination.coopRef}/` });
        return { ok: true, dmChannel: await this.postToDm(destination.memberRef, pages, context) };
      }
      const channel = destination.channelRef ?? this.channels.fallback(destination.coopRef);
      if (!channel) {
        return { ok: false, permanent: false, retryAfterMs: NO_CHANNEL_RETRY_MS, error: 'the co-op has no channel yet (/coop setup channel:#…)' };
      }
      try {
        await this.post(channel, renderMessage(message), context);
      } catch (error) {
        // The co-op's channel is gone or closed to the bot: post where it can, rather than lose a request card.
        const other = REFUSED_CHANNEL.has(discordCode(error) ?? 0) ? this.channels.fallback(destination.coopRef, channel) : undefined;
        if (!other) throw error;
        this.log.warn({ coop: destination.coopRef, error: describeError(error) }, 'co-op channel refused a post; used another channel');
        await this.post(other, renderMessage(message), context);
      }
      return { ok: true };
    } catch (error) {
      const failure = deliveryFailure(error);
      this.log.warn({ coop: destination.coopRef, kind: destination.kind, failure: failure.error, error: describeError(error) }, 'discord delivery failed');
      return failure;
    }
  }

  /** Posts to the member's DM channel, opening it when none is known (or the known one is gone); returns it. */
  private async postToDm(userId: string, pages: DiscordPage[], context: DeliveryContext | undefined): Promise<string> {
    if (context?.dmChannel) {
      try {
        await this.post(context.dmChannel, pages, context);
        return context.dmChannel;
      } catch (error) {
        if (discordCode(error) !== DiscordCode.UnknownChannel) throw error;
      }
    }
    const opened = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id?: unknown };
    if (typeof opened.id !== 'string') throw new Error('Discord opened a DM channel without an id');
    await this.post(opened.id, pages, context);
    return opened.id;
  }

  /** Posts pages; with a delivery's context each carries its nonce (`part`: which of the row's messages it is). */
  async post(channelId: string, pages: DiscordPage[], context?: DeliveryContext, part = ''): Promise<void> {
    for (const [i, page] of pages.entries()) {
      await this.rest.post(Routes.channelMessages(channelId), {
        body: restBody(page, context && nonceOf(context.outboxId, i, part)),
        files: page.files.map((f) => ({ name: f.name, data: f.data })),
      });
    }
  }

  /** A member's DM channel, for a sit thread's fallback (Discord hands back the same channel when it is open). */
  async dmChannel(userId: string): Promise<string> {
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id?: unknown };
    if (typeof channel.id !== 'string') throw new Error('Discord opened a DM channel without an id');
    return channel.id;
  }
}
