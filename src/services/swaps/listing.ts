import type { Reply } from '../../core/types.ts';
import type { CommandContext } from '../context.ts';
import { cardFor } from './lookup.ts';

const LIMIT = 20;

/** `/swap list`: what is open in the co-op, or the member's own swaps, as cards. */
export function listSwaps(ctx: CommandContext, show: 'open' | 'mine'): Reply {
  const swaps = show === 'open' ? ctx.store.swaps.listOpen(ctx.coop.id, ctx.now, LIMIT + 1) : ctx.store.swaps.listMine(ctx.member.id, LIMIT + 1);
  if (swaps.length === 0) {
    return {
      visibility: 'private',
      text: show === 'open' ? 'Nothing is open right now. `/swap offer` or `/swap request` starts one.' : 'You have no open swaps. `/swap request` or `/swap offer` starts one.',
    };
  }
  const more = swaps.length > LIMIT ? ` Showing the first ${LIMIT}.` : '';
  const title = show === 'open' ? 'Open in this co-op' : 'Your swaps';
  return { visibility: 'private', text: `${title}:${more}`, cards: swaps.slice(0, LIMIT).map((swap) => cardFor(ctx, swap)) };
}
