import { showChildCards } from '../../db/child-card-access.ts';
import { cardWindow } from '../../domain/child-cards.ts';
import type { Member } from '../../domain/members.ts';
import type { Swap } from '../../domain/swaps.ts';
import { cardAsk, cardOnAcceptance } from '../../messages/child-card.ts';
import type { CommandContext } from '../context.ts';
import { swapPeople } from './lookup.ts';

/**
 * A sit was just accepted (a sitter chosen, an offer or a session seat booked) for `family`'s household. A household
 * without a child card is asked for one, once ever. A sit accepted inside the card's window may have no reminder left
 * to carry the card, so its sitter gets the family's card now (recorded like every showing).
 */
export function afterSitAccepted(ctx: CommandContext, swap: Swap, family: Member): void {
  const current = ctx.store.swaps.get(swap.id);
  const { sitter } = swapPeople(ctx, current);
  if (!ctx.store.childCards.get(family.householdId) && ctx.store.childCards.claimAsk(family.householdId, ctx.now)) {
    ctx.dm(family, cardAsk(sitter?.displayName, current.number), { delivery: { kind: 'sit', startsAt: current.startsAt } });
  }
  if (!sitter || ctx.now < cardWindow(current).from) return;
  const access = showChildCards(ctx.store, current, sitter, ctx.now, 'accepted', family.householdId);
  if (access.kind === 'shown') ctx.dm(sitter, cardOnAcceptance(current.number, access.cards), { delivery: { kind: 'sit', startsAt: current.startsAt } });
}
