import type { Store } from '../../db/store.ts';
import type { Member } from '../../domain/members.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The child card part of `/privacy export`: their household's card (its text, who wrote it, every showing of it),
 * the cards they were shown as a sitter (which sit and when, never another family's text), and when they wrote each
 * version of a card.
 */
export function childCardExport(store: Store, member: Member) {
  const card = store.childCards.get(member.householdId);
  const nameOf = (id: number) => store.members.get(id).displayName;
  return {
    yourFamilysCard: card
      ? {
          text: card.text,
          writtenBy: nameOf(card.updatedBy),
          updatedAt: iso(card.updatedAt),
          shownTo: store.childCards.showingsOf(member.householdId, 10_000).map((s) => ({ sitter: nameOf(s.memberId), swap: s.swapNumber, how: s.via, at: iso(s.shownAt) })),
        }
      : null,
    cardsShownToYou: store.childCards.showingsTo(member.id).map((s) => ({ swap: s.swapNumber, how: s.via, at: iso(s.shownAt) })),
    // Each version of a family's card they wrote is kept as a fingerprint only (to find its copies if they ask to be
    // forgotten): when, and for which household; the words of an earlier version are not kept.
    versionsYouWrote: store.childCards.versionsBy(member.id).map((v) => ({ household: v.householdId, at: iso(v.writtenAt) })),
  };
}
