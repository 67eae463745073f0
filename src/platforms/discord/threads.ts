import {
  ChannelType,
  DiscordAPIError,
  RateLimitError,
  Routes,
  ThreadAutoArchiveDuration,
  type APIUser,
  type REST,
  type RESTGetAPIGuildThreadsResult,
} from 'discord.js';
import type { DeliveryContext, DeliveryResult, Message, ThreadDestination } from '../../core/types.ts';
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
const GIVE_UP_EARLY_MS = 250;

/** What the thread needs from the messenger: posting pages to a channel (with nonces), and a member's DM channel. */
export interface ThreadPoster {
  post(channelId: string, pages: DiscordPage[], context?: DeliveryContext, part?: string): Promise<void>;
  dmChannel(userId: string): Promise<string>;
}

interface OpenedBefore {
  id: string;
  /** The channel it was opened in. */
  channel: string;
}

const mention = (memberRef: string) => `<@${memberRef}>`;
const sameName = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

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

  async deliver(destination: ThreadDestination, message: Message, context?: DeliveryContext): Promise<DeliveryResult> {
    return destination.threadRef ? this.postInto(destination.threadRef, destination, message, context) : this.open(destination, message, context);
  }

  private async open(destination: ThreadDestination, hello: Message, context: DeliveryContext | undefined): Promise<DeliveryResult> {
    let before: OpenedBefore | undefined;
    try {
      // Opening a thread carries no nonce: after a send that may have arrived, the thread it opened is looked for.
      if (context?.maybeSent) before = await this.openedBefore(destination);
    } catch (error) {
      return deliveryFailure(error);
    }
    const channel = before?.channel ?? destination.channelRef ?? this.channels.fallback(destination.coopRef);
    if (!channel) return { ok: false, permanent: false, retryAfterMs: NO_CHANNEL_RETRY_MS, error: 'the co-op has no channel yet (/coop setup channel:#…)' };
    let threadId = before?.id;
    if (threadId) this.log.info({ coop: destination.coopRef, subject: destination.subject }, 'sit thread: found the one opened before; not opening another');
    else {
      try {
        threadId = await this.start(destination, channel);
      } catch (error) {
        if (!cannotOpenHere(error)) return deliveryFailure(error);
        this.log.warn({ coop: destination.coopRef, error: describeError(error) }, 'could not open a private thread; writing to each member instead');
        return this.fallBack(destination, hello, channel, `Discord refused the thread (${discordCode(error) ?? 'error'})`, context);
      }
    }
    const opened = threadId;
    try {
      // Adding someone already in the thread changes nothing.
      for (const member of destination.members) await this.rest.put(Routes.threadMembers(opened, member.memberRef));
    } catch (error) {
      // Without Manage Threads nobody can be added to a thread nobody may invite to: close it, write privately.
      this.log.warn({ coop: destination.coopRef, error: describeError(error) }, 'could not add the members to the private thread');
      await this.bestEffort(destination, 'close the empty thread', () => this.rest.patch(Routes.channel(opened), { body: { archived: true } }).then(() => undefined));
      if (cannotOpenHere(error)) return this.fallBack(destination, hello, channel, `Discord refused the members (${discordCode(error) ?? 'error'})`, context);
      return this.fallBack(destination, hello, channel, 'adding the members failed', context);
    }
    // The thread exists with its members: from here on nothing is sent twice, so failures are logged, not retried.
    // Each post has its own nonce (the hello 'h', the news 'n'): a resend's repeat of either is dropped by Discord.
    const names = destination.members.map((m) => mention(m.memberRef)).join(' ');
    const refs = destination.members.map((m) => m.memberRef);
    // The two are mentioned on purpose; a name in the hello that looks like one of them stays plain text.
    const text = `${names}\n${safeDiscordText(hello.text)}`;
    await this.bestEffort(destination, 'say hello', () => this.poster.post(opened, renderMessage({ ...hello, text, mentions: refs }), context, 'h'));
    const news = destination.channelPost;
    if (news) {
      const linked: Message = { ...news.message, text: `${news.message.text}\n🔒 Private thread: <#${opened}>`, mentions: [...(news.message.mentions ?? []), opened] };
      await this.bestEffort(destination, 'post the news', () => this.poster.post(channel, renderMessage(linked), context, 'n'));
    }
    return { ok: true, receipt: { kind: 'thread_opened', threadRef: opened } };
  }

  /**
   * A private thread in the channel, only the bot in it for now. discord.js sends a request again when its answer is
   * late, and a thread has no nonce: this one is given up just before that (a repeat of an aborted request is not
   * sent), and the relay's next attempt looks for the thread instead.
   */
  private async start(destination: ThreadDestination, channel: string): Promise<string> {
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(), Math.max(this.rest.options.timeout - GIVE_UP_EARLY_MS, 1));
    try {
      const thread = (await this.rest.post(Routes.threads(channel), {
        body: { name: destination.name, type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
        signal: giveUp.signal,
      })) as { id?: unknown };
      if (typeof thread.id !== 'string') throw new Error('Discord opened a thread without an id');
      return thread.id;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The thread an earlier attempt opened for this sit, if Discord lists it among the server's active ones: private,
   * opened by the bot, with the same name (its sit number makes it one of a kind in the co-op). Looked for in any
   * channel: a co-op without a channel of its own may have had another one before the restart. The newest wins: a
   * sitter chosen again after stepping back still has the earlier thread of the same sit.
   */
  private async openedBefore(destination: ThreadDestination): Promise<OpenedBefore | undefined> {
    const me = (await this.rest.get(Routes.user())) as APIUser;
    const { threads } = (await this.rest.get(Routes.guildActiveThreads(destination.coopRef))) as RESTGetAPIGuildThreadsResult;
    const ours: OpenedBefore[] = [];
    for (const thread of threads) {
      if (thread.type !== ChannelType.PrivateThread || thread.owner_id !== me.id || !thread.parent_id) continue;
      if (sameName(thread.name, destination.name)) ours.push({ id: thread.id, channel: thread.parent_id });
    }
    return ours.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))[0];
  }

  /** Each member privately: the hello, and who the other is. */
  private async fallBack(destination: ThreadDestination, hello: Message, channel: string, reason: string, context: DeliveryContext | undefined): Promise<DeliveryResult> {
    for (const [k, member] of destination.members.entries()) {
      const otherMembers = destination.members.filter((m) => m !== member);
      const others = otherMembers.map((m) => `${safeDiscordText(m.memberName)} (${mention(m.memberRef)})`);
      const text = `${safeDiscordText(hello.text)}\n(I couldn't open a private thread in the co-op's channel, and bots can't start group DMs on Discord, so please message ${others.join(' and ')} directly.)`;
      await this.bestEffort(destination, 'write privately', async () =>
        this.poster.post(
          await this.poster.dmChannel(member.memberRef),
          renderMessage({ text, mentions: otherMembers.map((m) => m.memberRef) }, { idPrefix: `${destination.coopRef}/` }),
          context,
          `d${k}.`,
        ),
      );
    }
    if (destination.channelPost?.everywhere) {
      await this.bestEffort(destination, 'post the news', () => this.poster.post(channel, renderMessage(destination.channelPost?.message ?? { text: '' }), context, 'n'));
    }
    return { ok: true, receipt: { kind: 'thread_not_opened', reason } };
  }

  private async postInto(threadId: string, destination: ThreadDestination, message: Message, context: DeliveryContext | undefined): Promise<DeliveryResult> {
    try {
      await this.poster.post(threadId, renderMessage(message), context);
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
