import type { Card } from '../../core/types.ts';
import { loadSwapPeople, type SwapPeople } from '../../db/swap-people.ts';
import { UserError } from '../../domain/errors.ts';
import type { Member } from '../../domain/members.ts';
import { householdMayActFor, partyOf, type PartyRole, type Swap, type SwapParty } from '../../domain/swaps.ts';
import { swapCard } from '../../messages/swap-cards.ts';
import { channelView, type TimeView } from '../../messages/times.ts';
import type { CommandContext } from '../context.ts';

/** A swap of this co-op by its number; another co-op's swaps simply do not exist from here. */
export function findSwap(ctx: CommandContext, number: number): Swap {
  const swap = ctx.store.swaps.findByNumber(ctx.coop.id, number);
  if (!swap) throw new UserError(`There is no swap #${number} in this co-op. \`/swap list\` shows what is open.`, { code: 'not_found' });
  return swap;
}

export function swapPeople(ctx: CommandContext, swap: Swap): SwapPeople {
  return loadSwapPeople(ctx.store, swap);
}

/**
 * The member's active party in a role; for a family, their household partner's counts too (see householdMayActFor):
 * either parent confirms, disputes or cancels the household's booking, and confirms its request once under way.
 */
export function activeParty(ctx: CommandContext, swap: Swap, memberId: number, role: PartyRole): SwapParty | undefined {
  const parties = ctx.store.swaps.parties(swap.id);
  const own = partyOf(parties, memberId, role);
  if (own || role !== 'family') return own;
  const household = ctx.store.members.get(memberId).householdId;
  return parties.find(
    (p) => p.status === 'active' && p.role === 'family' && householdMayActFor(swap, p, ctx.now) && ctx.store.members.get(p.memberId).householdId === household,
  );
}

/** The member and everyone else in their household now (forgotten members aside): the parents of a family. */
export function parentsOf(ctx: CommandContext, member: Member): Member[] {
  return [member, ...ctx.store.members.inHousehold(member.householdId).filter((m) => m.id !== member.id && m.forgottenAt === null)];
}

/** True when the member, or someone in their household, is `memberId`: the same family. */
export function sameFamily(ctx: CommandContext, memberId: number): boolean {
  return memberId === ctx.member.id || ctx.store.members.get(memberId).householdId === ctx.member.householdId;
}

/** True when the swap was posted by the member or by someone in their household. */
export function postedByHousehold(ctx: CommandContext, swap: Swap, member: Member): boolean {
  return swap.ownerMemberId === member.id || ctx.store.members.get(swap.ownerMemberId).householdId === member.householdId;
}

/** The swap's card as the acting member sees it (their timezone, named when it is not the co-op's). */
export function cardFor(ctx: CommandContext, swap: Swap): Card {
  return swapCard(swap, swapPeople(ctx, swap), viewOf(ctx));
}

/** The swap's card for the co-op's channel: the co-op's clock in text, each reader's own zone where shown. */
export function channelCardFor(ctx: CommandContext, swap: Swap): Card {
  return swapCard(swap, swapPeople(ctx, swap), channelView(ctx.coop));
}

/** Where the acting member reads times: their zone, against the co-op's. */
export function viewOf(ctx: CommandContext): TimeView {
  return { timezone: ctx.timezone, coopTimezone: ctx.coop.timezone, dateOrder: ctx.coop.dateOrder };
}
