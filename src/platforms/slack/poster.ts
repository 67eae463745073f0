import type { webApi } from '@slack/bolt';
import type { Attachment, Message } from '../../core/types.ts';
import { renderMessage } from './blocks.ts';

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

  async post(channel: string, message: Message): Promise<void> {
    for (const page of renderMessage(message)) {
      await this.client.chat.postMessage({ channel, text: page.text, blocks: page.blocks, unfurl_links: false });
    }
    await this.upload(channel, message.attachments ?? []);
  }

  async upload(channel: string, files: readonly Attachment[]): Promise<void> {
    for (const file of files) {
      await this.client.filesUploadV2({ channel_id: channel, filename: file.filename, title: file.filename, content: file.content });
    }
  }
}
