import { webApi } from '@slack/bolt';
import type { DeliveryContext, DeliveryResult, Message, Messenger, Notification } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import { renderMessage } from './blocks.ts';
import type { CoopChannels } from './channels.ts';
import type { SlackPoster } from './poster.ts';
import type { TeamClients } from './team-clients.ts';

// Notifications out to Slack, each with its workspace's token: DMs through conversations.open + chat.postMessage (the
// relay keeps the DM channel for next time), channel posts to the co-op's channel. It never waits out a rate limit
// itself: a 429 goes back to the outbox relay as retryAfterMs.
//
// Exactly once: every message carries `metadata` naming its outbox row and page. When an earlier attempt got no
// answer (the process died between the send and its mark, or Slack timed out), the channel's recent history is read
// first, and the pages already there are not posted again.

/** Failures that will not get better by trying again: the row is marked failed (and the relay falls back). */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'user_not_visible',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
  'restricted_action',
  'restricted_action_read_only_channel',
  'ekm_access_denied',
]);

const NO_CHANNEL_RETRY_MS = 5 * 60_000;
const NOT_INSTALLED_RETRY_MS = 10 * 60_000;

export function deliveryFailure(error: unknown): Extract<DeliveryResult, { ok: false }> {
  if (isCoded(error)) {
    if (error.code === webApi.ErrorCode.RateLimitedError) {
      const seconds = 'retryAfter' in error && typeof error.retryAfter === 'number' ? error.retryAfter : 1;
      return { ok: false, permanent: false, retryAfterMs: seconds * 1000, error: 'ratelimited' };
    }
    if (error.code === webApi.ErrorCode.PlatformError) {
      const code = platformCode(error);
      return { ok: false, permanent: PERMANENT.has(code), error: code };
    }
  }
  // No answer from Slack, or not one it meant (a timeout, a dropped connection, a 5xx): it may have posted it.
  return { ok: false, permanent: false, unknown: true, error: error instanceof Error ? error.message : String(error) };
}

function isCoded(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

function platformCode(error: Error): string {
  const data = 'data' in error ? error.data : undefined;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string' ? data.error : 'unknown_error';
}

/** A file upload is three calls: an upload URL, the upload, and its completion. */
const REQUESTS_PER_FILE = 3;

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;

  constructor(
    private readonly clients: TeamClients,
    private readonly channels: CoopChannels,
    private readonly log: Logger,
    /** Called after a DM went out (the member's Home tab is redrawn); never holds up the relay. */
    private readonly afterDm: (teamId: string, userId: string) => Promise<void> = async () => {},
  ) {}

  requestsFor(notification: Notification, context: DeliveryContext): number {
    const { destination } = notification;
    const message = destination.kind === 'thread' ? destination.channelPost?.message : notification.message;
    if (!message) return 0;
    const opens = destination.kind === 'dm' && !context.dmChannel ? 1 : 0;
    const looks = context.maybeSent ? 1 : 0;
    return opens + looks + renderMessage(message).length + (message.attachments?.length ?? 0) * REQUESTS_PER_FILE;
  }

  async send(notification: Notification, context?: DeliveryContext): Promise<DeliveryResult> {
    const { destination, message } = notification;
    const poster = this.clients.poster(destination.coopRef);
    // Not installed there (any more): the co-op is marked inactive when Slack says so; until then, try again later.
    if (!poster) return { ok: false, permanent: false, retryAfterMs: NOT_INSTALLED_RETRY_MS, error: 'Breather is not installed in this workspace' };
    try {
      if (destination.kind === 'dm') {
        const channel = context?.dmChannel ?? (await poster.dmChannel(destination.memberRef));
        await this.postOnce(poster, channel, message, context);
        void this.afterDm(destination.coopRef, destination.memberRef).catch(() => undefined);
        return { ok: true, dmChannel: channel };
      }
      const channel = destination.channelRef ?? this.channels.fallback(destination.coopRef);
      // Slack opens no private thread for a sit: the channel's news of it is posted, as any channel post.
      const post = destination.kind === 'thread' ? (destination.channelPost?.everywhere && !destination.threadRef ? destination.channelPost.message : undefined) : message;
      const receipt = destination.kind === 'thread' ? { receipt: { kind: 'thread_not_opened' as const, reason: 'Slack has no private threads for sits' } } : {};
      if (!post) return { ok: true, ...receipt };
      if (!channel) {
        return { ok: false, permanent: false, retryAfterMs: NO_CHANNEL_RETRY_MS, error: 'the co-op has no channel yet (/coop setup channel:#…)' };
      }
      await this.postOnce(poster, channel, post, context);
      return { ok: true, ...receipt };
    } catch (error) {
      const failure = deliveryFailure(error);
      this.log.warn({ coop: destination.coopRef, kind: destination.kind, error: failure.error }, 'slack delivery failed');
      return failure;
    }
  }

  /** After an unanswered attempt, only the pages the channel does not have yet (and no files twice). */
  private async postOnce(poster: SlackPoster, channel: string, message: Message, context: DeliveryContext | undefined): Promise<void> {
    if (!context) return poster.post(channel, message);
    const skip = context.maybeSent ? await this.lookFirst(poster, channel, context.outboxId, context.maybeSent.since) : new Set<number>();
    if (skip.size > 0) this.log.info({ outboxId: context.outboxId, pages: [...skip] }, 'slack already had part of this message; not posting it twice');
    await poster.post(channel, message, context.outboxId, skip);
  }

  /** The pages already there; when Slack will not show the history (an app without the scope), none. */
  private async lookFirst(poster: SlackPoster, channel: string, outboxId: number, since: number): Promise<Set<number>> {
    try {
      return await poster.postedPages(channel, outboxId, since);
    } catch (error) {
      if (!(isCoded(error) && error.code === webApi.ErrorCode.PlatformError)) throw error;
      this.log.warn({ outboxId, error: platformCode(error) }, 'could not read the channel history; sending again (reinstall the app for the history scopes)');
      return new Set();
    }
  }
}
