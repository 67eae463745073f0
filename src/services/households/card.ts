import type { Reply } from '../../core/types.ts';
import { isCardRemoval } from '../../domain/child-cards.ts';
import { CARD_REMOVED, cardSavedText, NO_CARD_TO_REMOVE, ownCard } from '../../messages/child-card.ts';
import type { CommandContext } from '../context.ts';

/** How many showings `/household card` lists. */
const SHOWINGS_LISTED = 10;

/**
 * `/household card`: the family's own card and who has seen it; `text:` writes it (`text:delete` takes it away).
 * A member is always in a household (a household of one by default), so there is always a family to write it for.
 */
export function childCard(ctx: CommandContext, text: string | undefined): Reply {
  const { store, member } = ctx;
  const householdId = member.householdId;
  if (text === undefined) {
    const card = store.childCards.get(householdId);
    const seen = store.childCards.showingsOf(householdId, SHOWINGS_LISTED).map((s) => ({
      sitter: store.members.get(s.memberId).displayName,
      swapNumber: s.swapNumber,
      shownAt: s.shownAt,
      via: s.via,
    }));
    const writer = card && store.members.get(card.updatedBy).displayName;
    return { visibility: 'private', ...ownCard(card && writer ? { text: card.text, writer, updatedAt: card.updatedAt } : undefined, seen, ctx.timezone) };
  }
  if (isCardRemoval(text)) {
    if (!store.childCards.get(householdId)) return { visibility: 'private', text: NO_CARD_TO_REMOVE };
    store.childCards.delete(householdId);
    tellPartners(ctx, `${member.displayName} removed your family's child card.`);
    return { visibility: 'private', text: CARD_REMOVED };
  }
  store.childCards.set(householdId, text, member.id, ctx.now);
  tellPartners(ctx, `${member.displayName} updated your family's child card. \`/household card\` shows it.`);
  return { visibility: 'private', text: cardSavedText(Array.from(text).length) };
}

/** The other parents of the household hear that their card changed (never its text: they can look). */
function tellPartners(ctx: CommandContext, text: string): void {
  for (const partner of ctx.store.members.inHousehold(ctx.member.householdId)) {
    if (partner.id !== ctx.member.id && partner.forgottenAt === null) ctx.dm(partner, { text });
  }
}
