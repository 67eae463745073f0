import { webApi } from '@slack/bolt';
import type { Attachment, DeliveryContext, DeliveryResult, Message, Messenger, Notification } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import { renderMessage } from './blocks.ts';
import type { CoopChannels } from './channels.ts';

// Notifications out to Slack: DMs through conversations.open + chat.postMessage (the relay keeps the DM channel for
// next time), channel posts to the co-op's channel. It never waits out a rate limit itself: a 429 goes back to the
// outbox relay as retryAfterMs.
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

/** The metadata that marks a message as one page of an outbox row. */
export const OUTBOX_EVENT = 'breather_outbox';
/** How far before the first unanswered send the history is read, for clocks that disagree a little. */
const HISTORY_SLACK_S = 60;

/** Posting helpers shared by the Messenger and the listeners (a private reply's file goes to the member's DM). */
export class SlackPoster {
  private readonly dmChannels = new Map<string, string>();

  constructor(readonly client: webApi.WebClient) {}

  async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await this.client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open gave no channel');
    this.dmChannels.set(userId, id);
    return id;
  }

  /** Posts the message's pages (each marked with the outbox row and page) but those in `skip`, then its files. */
  async post(channel: string, message: Message, outboxId?: number, skip: ReadonlySet<number> = new Set()): Promise<void> {
    for (const [page, rendered] of renderMessage(message).entries()) {
      if (skip.has(page)) continue;
      await this.client.chat.postMessage({
        channel,
        text: rendered.text,
        blocks: rendered.blocks,
        unfurl_links: false,
        ...(outboxId === undefined ? {} : { metadata: { event_type: OUTBOX_EVENT, event_payload: { outbox_id: outboxId, page } } }),
      });
    }
    if (skip.size === 0) await this.upload(channel, message.attachments ?? []);
  }

  /** Pages of an outbox row already in the channel, posted since `since` (ms). */
  async postedPages(channel: string, outboxId: number, since: number): Promise<Set<number>> {
    const history = await this.client.conversations.history({
      channel,
      oldest: String(Math.floor(since / 1000) - HISTORY_SLACK_S),
      include_all_metadata: true,
      limit: 100,
    });
    const pages = new Set<number>();
    for (const message of history.messages ?? []) {
      const metadata = message.metadata;
      if (metadata?.event_type !== OUTBOX_EVENT) continue;
      const payload = metadata.event_payload as Record<string, unknown> | undefined;
      if (payload?.outbox_id === outboxId && typeof payload.page === 'number') pages.add(payload.page);
    }
    return pages;
  }

  async upload(channel: string, files: readonly Attachment[]): Promise<void> {
    for (const file of files) {
      await this.client.filesUploadV2({ channel_id: channel, filename: file.filename, title: file.filename, content: file.content });
    }
  }
}

/** A file upload is three calls: an upload URL, the upload, and its completion. */
const REQUESTS_PER_FILE = 3;

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;

  constructor(
    private readonly poster: SlackPoster,
    private readonly channels: CoopChannels,
    private readonly log: Logger,
  ) {}

  requestsFor(notification: Notification, context: DeliveryContext): number {
    const { destination, message } = notification;
    const opens = destination.kind === 'dm' && !context.dmChannel ? 1 : 0;
    const looks = context.maybeSent ? 1 : 0;
    return opens + looks + renderMessage(message).length + (message.attachments?.length ?? 0) * REQUESTS_PER_FILE;
  }

  async send(notification: Notification, context?: DeliveryContext): Promise<DeliveryResult> {
    const { destination, message } = notification;
    try {
      if (destination.kind === 'dm') {
        const channel = context?.dmChannel ?? (await this.poster.dmChannel(destination.memberRef));
        await this.postOnce(channel, message, context);
        return { ok: true, dmChannel: channel };
      }
      const channel = destination.channelRef ?? this.channels.fallback(destination.coopRef);
      if (!channel) {
        return { ok: false, permanent: false, retryAfterMs: NO_CHANNEL_RETRY_MS, error: 'the co-op has no channel yet (/coop setup channel:#…)' };
      }
      await this.postOnce(channel, message, context);
      return { ok: true };
    } catch (error) {
      const failure = deliveryFailure(error);
      this.log.warn({ coop: destination.coopRef, kind: destination.kind, error: failure.error }, 'slack delivery failed');
      return failure;
    }
  }

  /** After an unanswered attempt, only the pages the channel does not have yet (and no files twice). */
  private async postOnce(channel: string, message: Message, context: DeliveryContext | undefined): Promise<void> {
    if (!context) return this.poster.post(channel, message);
    const skip = context.maybeSent ? await this.lookFirst(channel, context.outboxId, context.maybeSent.since) : new Set<number>();
    if (skip.size > 0) this.log.info({ outboxId: context.outboxId, pages: [...skip] }, 'slack already had part of this message; not posting it twice');
    await this.poster.post(channel, message, context.outboxId, skip);
  }

  /** The pages already there; when Slack will not show the history (an app without the scope), none. */
  private async lookFirst(channel: string, outboxId: number, since: number): Promise<Set<number>> {
    try {
      return await this.poster.postedPages(channel, outboxId, since);
    } catch (error) {
      if (!(isCoded(error) && error.code === webApi.ErrorCode.PlatformError)) throw error;
      this.log.warn({ outboxId, error: platformCode(error) }, 'could not read the channel history; sending again (reinstall the app for the history scopes)');
      return new Set();
    }
  }
}
