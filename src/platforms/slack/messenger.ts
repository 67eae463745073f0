import { webApi } from '@slack/bolt';
import type { DeliveryResult, Messenger, Notification } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { CoopChannels } from './channels.ts';
import type { TeamClients } from './team-clients.ts';

// Notifications out to Slack: DMs through conversations.open + chat.postMessage, channel posts to the co-op's
// channel. It never waits out a rate limit itself: a 429 goes back to the outbox relay as retryAfterMs.

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
  return { ok: false, permanent: false, error: error instanceof Error ? error.message : String(error) };
}

function isCoded(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

function platformCode(error: Error): string {
  const data = 'data' in error ? error.data : undefined;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string' ? data.error : 'unknown_error';
}

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;

  constructor(
    private readonly clients: TeamClients,
    private readonly channels: CoopChannels,
    private readonly log: Logger,
    /** Called after a DM went out (the member's Home tab is redrawn); never holds up the relay. */
    private readonly afterDm: (teamId: string, userId: string) => Promise<void> = async () => {},
  ) {}

  async send(notification: Notification): Promise<DeliveryResult> {
    const { destination, message } = notification;
    const poster = this.clients.poster(destination.coopRef);
    // Not installed there (any more): the co-op is marked inactive when Slack says so; until then, try again later.
    if (!poster) return { ok: false, permanent: false, retryAfterMs: NOT_INSTALLED_RETRY_MS, error: 'Breather is not installed in this workspace' };
    try {
      if (destination.kind === 'dm') {
        await poster.post(await poster.dmChannel(destination.memberRef), message);
        void this.afterDm(destination.coopRef, destination.memberRef).catch(() => undefined);
        return { ok: true };
      }
      const channel = destination.channelRef ?? this.channels.fallback(destination.coopRef);
      // Slack opens no private thread for a sit: the channel's news of it is posted, as any channel post.
      const post = destination.kind === 'thread' ? (destination.channelPost?.everywhere && !destination.threadRef ? destination.channelPost.message : undefined) : message;
      const receipt = destination.kind === 'thread' ? { receipt: { kind: 'thread_not_opened' as const, reason: 'Slack has no private threads for sits' } } : {};
      if (!post) return { ok: true, ...receipt };
      if (!channel) {
        return { ok: false, permanent: false, retryAfterMs: NO_CHANNEL_RETRY_MS, error: 'the co-op has no channel yet (/coop setup channel:#…)' };
      }
      await poster.post(channel, post);
      return { ok: true, ...receipt };
    } catch (error) {
      const failure = deliveryFailure(error);
      this.log.warn({ coop: destination.coopRef, kind: destination.kind, error: failure.error }, 'slack delivery failed');
      return failure;
    }
  }
}
