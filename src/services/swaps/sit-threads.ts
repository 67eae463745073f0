import type { Message, ThreadDestination } from '../../core/types.ts';
import type { Member } from '../../domain/members.ts';
import { threadBooked, threadHello, threadName } from '../../messages/threads.ts';
import { channelView } from '../../messages/times.ts';
import type { CommandContext } from '../context.ts';

// An accepted sit gets a private thread for the family and the sitter (Discord; other platforms open none). The
// service only says so, in the outbox: the adapter opens it after commit, the relay remembers its id from the
// delivery receipt and plans the job that archives it the day after the sit.

/** One thread per acceptance (the party it added): a sitter chosen after another stepped back gets their own. */
export function threadSubject(swapId: number, partyId: number): string {
  return `swap:${swapId}:party:${partyId}`;
}

/**
 * Asks for the thread of a sit between `family` and `sitter`. `channelNews` is the co-op channel's news of it (posted
 * everywhere, with a link to the thread where there is one); without it, a short post links to the thread.
 */
export function openSitThread(ctx: CommandContext, swapId: number, family: Member, sitter: Member, channelNews?: Message): void {
  const { store, coop, now } = ctx;
  const swap = store.swaps.get(swapId);
  const parties = store.swaps.parties(swapId).filter((p) => p.status === 'active');
  const kids = parties.find((p) => p.memberId === family.id && p.role === 'family')?.kids ?? swap.kids;
  // The acceptance's own party is the newest of the two: the chosen sitter's, or the booking family's.
  const accepted = parties.filter((p) => (p.role === 'sitter' && p.memberId === sitter.id) || (p.role === 'family' && p.memberId === family.id)).at(-1);
  const subject = threadSubject(swapId, accepted?.id ?? 0);
  store.threads.ask(coop.id, swapId, subject, now);
  const destination: ThreadDestination = {
    kind: 'thread',
    platform: coop.platform,
    coopRef: coop.externalRef,
    channelRef: coop.channelRef,
    subject,
    name: threadName(swap, family.displayName, sitter.displayName, coop.timezone),
    members: [family, sitter].map((m) => ({ memberRef: m.externalRef, memberName: m.displayName })),
    channelPost: channelNews
      ? { message: channelNews, everywhere: true }
      : { message: threadBooked(swap, family.displayName, sitter.displayName), everywhere: false },
  };
  const message = threadHello(swap, family.displayName, sitter.displayName, kids, channelView(coop));
  store.outbox.add({ coopId: coop.id, notification: { destination, message }, at: now });
}
