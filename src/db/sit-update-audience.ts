import { familyHouseholds } from '../domain/child-cards.ts';
import type { Member } from '../domain/members.ts';
import { sitterIdOf, type Swap } from '../domain/swaps.ts';
import type { Store } from './store.ts';

// Who hears a sitter's all's-well update: every parent of each family sat for (a session: each booked family), the
// sitter's own household never among them, forgotten members aside; and whether each of them wants it now.

/** What a parent asked for: updates through their quiet hours too, or after them; or none (all sits, or this one). */
export type UpdateWish = { wants: true; anytime: boolean } | { wants: false; why: 'profile' | 'this_sit' };

export interface AwayParent {
  member: Member;
  wish: UpdateWish;
}

export function awayParents(store: Store, swap: Swap): AwayParent[] {
  const parties = store.swaps.parties(swap.id);
  const sitterId = sitterIdOf(swap, parties);
  const sitterHousehold = sitterId === undefined ? -1 : store.members.get(sitterId).householdId;
  const households = familyHouseholds(parties, (memberId) => store.members.get(memberId).householdId, sitterHousehold);
  return households.flatMap((householdId) =>
    store.members
      .inHousehold(householdId)
      .filter((m) => m.forgottenAt === null)
      .map((member) => ({ member, wish: wishOf(store, swap, member) })),
  );
}

function wishOf(store: Store, swap: Swap, member: Member): UpdateWish {
  if (member.sitUpdates === 'off') return { wants: false, why: 'profile' };
  if (store.sitUpdates.optedOutAt(swap.id, member.id) !== undefined) return { wants: false, why: 'this_sit' };
  return { wants: true, anytime: member.sitUpdates === 'anytime' };
}
