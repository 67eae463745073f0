import type { MemberRef } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import type { Swap } from '../../domain/swaps.ts';
import { askFirstMessage } from '../../messages/ask-first.ts';
import { nameOfRef } from '../../messages/people.ts';
import { memberView } from '../../messages/times.ts';
import type { CommandContext } from '../context.ts';

// A request can name a neighbour to ask first (Discord's "Ask to sit", or `/swap request … @who`): the preference is
// kept with the request, and they get a private ask with a Volunteer button, queued before the channel post.

/** Asks `who` first; returns what the confirmation should add. */
export function askSitterFirst(ctx: CommandContext, swap: Swap, who: MemberRef): string {
  if (who.ref === ctx.member.externalRef) {
    throw new UserError("That's you! Pick a neighbour to ask first, or leave it out and everyone can volunteer.", { option: 'sitter', code: 'bad_option' });
  }
  const sitter = ctx.store.members.find(ctx.coop.id, who.ref);
  const label = nameOfRef(who);
  if (!sitter || sitter.forgottenAt !== null) return ` I couldn't ask ${label === 'That member' ? 'them' : label} first: they haven't used Breather here yet, so let them know yourself.`;
  ctx.store.threads.preferSitter(swap.id, sitter.id, ctx.now);
  ctx.dm(sitter, askFirstMessage(swap, ctx.member.displayName, memberView(sitter, ctx.coop)), { dedupeKey: `swap:${swap.id}:ask-first`, delivery: { kind: 'unprompted', expiresAt: swap.startsAt } });
  return ` I've asked ${sitter.displayName} first, privately.`;
}
