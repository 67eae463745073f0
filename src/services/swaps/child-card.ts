import type { Reply } from '../../core/types.ts';
import { showChildCards } from '../../db/child-card-access.ts';
import { cardWindow } from '../../domain/child-cards.ts';
import { UserError } from '../../domain/errors.ts';
import { cardRefusalText, cardsShownText, noCardText, sitterCards } from '../../messages/child-card.ts';
import type { CommandContext } from '../context.ts';
import { findSwap } from './lookup.ts';

/**
 * `/swap card id:<n>` (the reminders' "Child card" button): the families' cards, to the sit's confirmed sitter only,
 * from 24 h before the start until 2 h after the end. Every showing is recorded; anyone else, or the sitter outside
 * the window, is told so without a word of the card.
 */
export function sitterChildCard(ctx: CommandContext, number: number): Reply {
  const swap = findSwap(ctx, number);
  const access = showChildCards(ctx.store, swap, ctx.member, ctx.now, 'button');
  if (access.kind === 'refused') {
    throw new UserError(cardRefusalText(access.why, number, cardWindow(swap).from, ctx.timezone), { code: access.why === 'not_sitter' ? 'not_allowed' : 'state' });
  }
  if (access.kind === 'none') return { visibility: 'private', text: noCardText(number, access.families) };
  return { visibility: 'private', text: cardsShownText(number, access.families), cards: sitterCards(number, access.cards) };
}
