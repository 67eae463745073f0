import type { Card } from '../../core/types.ts';
import { loadSwapPeople, type SwapPeople } from '../../db/swap-people.ts';
import { UserError } from '../../domain/errors.ts';
import { partyOf, type PartyRole, type Swap, type SwapParty } from '../../domain/swaps.ts';
import { swapCard } from '../../messages/swap-cards.ts';
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

export function activeParty(ctx: CommandContext, swap: Swap, memberId: number, role: PartyRole): SwapParty | undefined {
  return partyOf(ctx.store.swaps.parties(swap.id), memberId, role);
}

/** The swap's card as the acting member sees it (their timezone). */
export function cardFor(ctx: CommandContext, swap: Swap): Card {
  return swapCard(swap, swapPeople(ctx, swap), ctx.timezone);
}
