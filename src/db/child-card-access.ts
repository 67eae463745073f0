import { cardRefusal, familyHouseholds, type CardRefusal, type ShowingVia } from '../domain/child-cards.ts';
import { householdLabel } from '../domain/households.ts';
import type { Member } from '../domain/members.ts';
import type { Swap } from '../domain/swaps.ts';
import type { Store } from './store.ts';

// The one door to a child card's text for anyone but its own household. Every card that goes through it is recorded
// as shown (who, which sit, when, how), in the same transaction as the message or answer that carries it.

export interface ShownCard {
  householdId: number;
  /** "The Okafors", else the parents' names: whose children the card is about. */
  family: string;
  text: string;
}

export type CardAccess =
  | { kind: 'shown'; cards: ShownCard[]; families: string[] }
  /** The sitter may look, but the families have no card. */
  | { kind: 'none'; families: string[] }
  | { kind: 'refused'; why: CardRefusal };

/** The families of a sit by household, with the names their cards are shown under. */
function familiesOf(store: Store, swap: Swap, sitter: Member): { householdId: number; family: string }[] {
  const parties = store.swaps.parties(swap.id);
  const households = familyHouseholds(parties, (memberId) => store.members.get(memberId).householdId, sitter.householdId);
  return households.map((householdId) => {
    const parents = store.members.inHousehold(householdId).filter((m) => m.forgottenAt === null);
    return { householdId, family: householdLabel(store.households.get(householdId).name, parents.map((m) => m.displayName)) };
  });
}

/**
 * Shows `viewer` the child cards of a sit's families if they may see them now, and records each showing. `only`
 * narrows it to one household (a session's new booking).
 */
export function showChildCards(store: Store, swap: Swap, viewer: Member, now: number, via: ShowingVia, only?: number): CardAccess {
  const why = cardRefusal(swap, store.swaps.parties(swap.id), viewer.id, now);
  if (why !== undefined || viewer.forgottenAt !== null) return { kind: 'refused', why: why ?? 'not_sitter' };
  const families = familiesOf(store, swap, viewer).filter((f) => only === undefined || f.householdId === only);
  const cards: ShownCard[] = [];
  for (const { householdId, family } of families) {
    const card = store.childCards.get(householdId);
    if (!card) continue;
    store.childCards.recordShowing(householdId, viewer.id, swap.id, via, now);
    cards.push({ householdId, family, text: card.text });
  }
  const names = families.map((f) => f.family);
  return cards.length > 0 ? { kind: 'shown', cards, families: names } : { kind: 'none', families: names };
}
