import type { SwapPeople } from '../../db/swap-people.ts';
import { sitNews } from '../../domain/delivery.ts';
import { UserError } from '../../domain/errors.ts';
import type { Member } from '../../domain/members.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import type { Swap, SwapParty } from '../../domain/swaps.ts';
import { askAgain, droppedOutText, reopenedForParent, type AskView } from '../../messages/asks.ts';
import { memberView, whenText } from '../../messages/times.ts';
import type { CommandContext } from '../context.ts';
import { channelCardFor, postedByHousehold } from './lookup.ts';

// When the chosen sitter of a request drops out, the request looks for a new one instead of ending: the parent hears
// at once (and can still cancel outright), the families who volunteered before are asked first, and the channel
// sees it open again. The late-cancellation rule for the sitter who dropped out is charged by the caller.

/** True when the member was this sit's chosen sitter and stepped back. */
export function droppedOut(parties: readonly SwapParty[], memberId: number): boolean {
  return parties.some((p) => p.memberId === memberId && p.role === 'sitter' && p.status === 'withdrawn');
}

/** A sitter who dropped out may not volunteer again for the same sit: a clear answer, nothing changes. */
export function refuseDroppedSitter(ctx: CommandContext, swap: Swap): void {
  if (!droppedOut(ctx.store.swaps.parties(swap.id), ctx.member.id)) return;
  throw new UserError(droppedOutText(swap.number, ctx.store.members.get(swap.ownerMemberId).displayName), { code: 'state' });
}

/**
 * `swap` is the request as it was, `people` who was in it before the sitter (the acting member) stepped back; the
 * request is open again by now.
 */
export function reopenRequest(ctx: CommandContext, swap: Swap, people: SwapPeople, reason: string | undefined): void {
  const reopened = ctx.store.swaps.get(swap.id);
  const earlier = earlierVolunteers(ctx, swap, people);
  const why = reason ? ` (${reason})` : '';
  const family = people.ownerHousehold || people.owner.displayName;
  let asked = 0;
  for (const member of earlier) {
    const view: AskView = {
      swapNumber: swap.number,
      family,
      when: whenText(swap.startsAt, swap.endsAt, memberView(member, ctx.coop)),
      kids: swap.kids,
      earns: priceOfSwap(swap, swap.kids),
      note: '',
    };
    // News about a sit they offered for: within a day of it, never held for the week; always after their quiet hours,
    // and dropped if it could only arrive after the start.
    const delivery = sitNews(reopened.startsAt, ctx.now, 'ask');
    if (ctx.dm(member, askAgain(view), { delivery, countAs: 'first_ask' }) !== 'dropped') asked += 1;
  }
  const ownerWhen = whenText(swap.startsAt, swap.endsAt, memberView(people.owner, ctx.coop));
  ctx.dm(people.owner, reopenedForParent(ctx.member.displayName, swap.number, ownerWhen, why, asked), { delivery: sitNews(swap.startsAt, ctx.now, 'change') });
  ctx.post({ text: `#${swap.number} needs a sitter again.`, cards: [channelCardFor(ctx, reopened)] });
}

/** Those who volunteered and were not chosen, once each: not the sitter who left, not the family, not anyone forgotten. */
function earlierVolunteers(ctx: CommandContext, swap: Swap, people: SwapPeople): Member[] {
  const seen = new Set<number>();
  const out: Member[] = [];
  for (const party of people.parties) {
    if (party.role !== 'volunteer' || party.status !== 'not_chosen' || seen.has(party.memberId)) continue;
    seen.add(party.memberId);
    if (party.memberId === ctx.member.id || droppedOut(people.parties, party.memberId)) continue;
    const member = ctx.store.members.get(party.memberId);
    if (member.forgottenAt !== null || postedByHousehold(ctx, swap, member)) continue;
    out.push(member);
  }
  return out;
}
