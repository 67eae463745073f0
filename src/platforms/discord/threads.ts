import { ChannelType, DiscordAPIError, RateLimitError, Routes, ThreadAutoArchiveDuration, type REST } from 'discord.js';
import type { DeliveryResult, Message, ThreadDestination } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { CoopChannels } from './channels.ts';
import { DiscordCode, deliveryFailure, describeError, discordCode } from './errors.ts';
import { safeDiscordText } from './markup.ts';
import { renderMessage, type DiscordPage } from './render.ts';

// A sit's private thread: opened in the co-op channel (a private thread, only the family and the sitter added, no
// one else may invite), a hello inside it that mentions them both, then the channel's news of the sit with a link
// to it. Where the bot may not open one (no Create Private Threads or Manage Threads here, or a channel that has no
// private threads), each of the two gets the hello privately with the other's name instead: Discord lets no bot
// start a group DM. Once open, later messages go into it, and the last one archives and locks it.

const NO_CHANNEL_RETRY_MS = 5 * 60_000;

/** What the thread needs from the messenger: posting pages to a channel, and a member's DM channel. */
export interface ThreadPoster {
  post(channelId: string, pages: DiscordPage[]): Promise<void>;
  dmChannel(userId: string): Promise<string>;
}

const mention = (memberRef: string) => `<@${memberRef}>`;

/** A refusal that will not change by asking again: the bot may not open a private thread in this channel. */
function cannotOpenHere(error: unknown): boolean {
  if (error instanceof RateLimitError || !(error instanceof DiscordAPIError)) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

export class SitThreads {
  constructor(
    private readonly rest: REST,
    private readonly channels: CoopChannels,
    private readonly poster: ThreadPoster,
    private readonly log: Logger,
  ) {}

  async deliver(destination: ThreadDestination, message: Message): Promise<DeliveryResult> {
    return destination.threadRef ? this.postInto(destination.threadRef, destination, message) : this.open(destination, message);
  }

  private async open(destination: ThreadDestination, hello: Message): Promise<DeliveryResult> {
    const channel = destination.channelRef ?? this.channels.fallback(destination.coopRef);
    if (!channel) return { ok: false, permanent: false, retryAfterMs: NO_CHANNEL_RETRY_MS, error: 'the co-op has no channel yet (/coop setup channel:#…)' };
    let threadId: string;
    try {
      const thread = (await this.rest.post(Routes.threads(channel), {
        body: { name: destination.name, type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
      })) as { id?: unknown };
      if (typeof thread.id !== 'string') throw new Error('Discord opened a thread without an id');
      threadId = thread.id;
    } catch (error) {
      if (!cannotOpenHere(error)) return deliveryFailure(error);
      this.log.warn({ coop: destination.coopRef, error: describeError(error) }, 'could not open a private thread; writing to each member instead');
      return this.fallBack(destination, hello, channel, `Discord refused the thread (${discordCode(error) ?? 'error'})`);
    }
    try {
      for (const member of destination.members) await this.rest.put(Routes.threadMembers(threadId, member.memberRef));
    } catch (error) {
      // Without Manage Threads nobody can be added to a thread nobody may invite to: close it, write privately.
      this.log.warn({ coop: destination.coopRef, error: describeError(error) }, 'could not add the members to the private thread');
      await this.bestEffort(destination, 'close the empty thread', () => this.rest.patch(Routes.channel(threadId), { body: { archived: true } }).then(() => undefined));
      if (cannotOpenHere(error)) return this.fallBack(destination, hello, channel, `Discord refused the members (${discordCode(error) ?? 'error'})`);
      return this.fallBack(destination, hello, channel, 'adding the members failed');
    }
    // The thread exists with its members: from here on nothing is sent twice, so failures are logged, not retried.
    const names = destination.members.map((m) => mention(m.memberRef)).join(' ');
    const refs = destination.members.map((m) => m.memberRef);
    // The two are mentioned on purpose; a name in the hello that looks like one of them stays plain text.
    const text = `${names}\n${safeDiscordText(hello.text)}`;
    await this.bestEffort(destination, 'say hello', () => this.poster.post(threadId, renderMessage({ ...hello, text, mentions: refs })));
    const news = destination.channelPost;
    if (news) {
      const linked: Message = { ...news.message, text: `${news.message.text}\n🔒 Private thread: <#${threadId}>`, mentions: [...(news.message.mentions ?? []), threadId] };
      await this.bestEffort(destination, 'post the news', () => this.poster.post(channel, renderMessage(linked)));
    }
    return { ok: true, receipt: { kind: 'thread_opened', threadRef: threadId } };
  }

  /** Each member privately: the hello, and who the other is. */
  private async fallBack(destination: ThreadDestination, hello: Message, channel: string, reason: string): Promise<DeliveryResult> {
    for (const member of destination.members) {
      const otherMembers = destination.members.filter((m) => m !== member);
      const others = otherMembers.map((m) => `${safeDiscordText(m.memberName)} (${mention(m.memberRef)})`);
      const text = `${safeDiscordText(hello.text)}\n(I couldn't open a private thread in the co-op's channel, and bots can't start group DMs on Discord, so please message ${others.join(' and ')} directly.)`;
      await this.bestEffort(destination, 'write privately', async () =>
        this.poster.post(await this.poster.dmChannel(member.memberRef), renderMessage({ text, mentions: otherMembers.map((m) => m.memberRef) }, { idPrefix: `${destination.coopRef}/` })),
      );
    }
    if (destination.channelPost?.everywhere) {
      await this.bestEffort(destination, 'post the news', () => this.poster.post(channel, renderMessage(destination.channelPost?.message ?? { text: '' })));
    }
    return { ok: true, receipt: { kind: 'thread_not_opened', reason } };
  }

  private async postInto(threadId: string, destination: ThreadDestination, message: Message): Promise<DeliveryResult> {
    try {
      await this.poster.post(threadId, renderMessage(message));
      if (destination.archive) {
        // Locking needs Manage Threads; without it the bot, which opened the thread, may still archive it.
        await this.rest.patch(Routes.channel(threadId), { body: { archived: true, locked: true } }).catch(async (error: unknown) => {
          if (discordCode(error) !== DiscordCode.MissingPermissions) throw error;
          await this.rest.patch(Routes.channel(threadId), { body: { archived: true } });
        });
      }
      return { ok: true };
    } catch (error) {
      // A thread someone deleted needs no goodbye; an archive the bot may not do is left to Discord's own timer.
      if (discordCode(error) === DiscordCode.UnknownChannel || discordCode(error) === DiscordCode.MissingPermissions) {
        this.log.info({ coop: destination.coopRef, error: describeError(error) }, 'sit thread gone or not ours to archive');
        return { ok: true };
      }
      return deliveryFailure(error);
    }
  }

  private async bestEffort(destination: ThreadDestination, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.log.warn({ coop: destination.coopRef, subject: destination.subject, error: describeError(error) }, `sit thread: could not ${what}`);
    }
  }
}
