import type { webApi } from '@slack/bolt';
import type { Attachment, Message } from '../../core/types.ts';
import { renderMessage } from './blocks.ts';

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
