import type { Membership } from '../../db/repositories/households.ts';
import type { Store } from '../../db/store.ts';
import type { Member } from '../../domain/members.ts';

const iso = (ms: number) => new Date(ms).toISOString();

const inAt = (m: Membership, at: number) => m.joinedAt <= at && (m.leftAt === null || at < m.leftAt);

/**
 * The all's-well part of `/privacy export`: the updates they wrote as a sitter; the updates sent for their family's
 * sits while they were in that family (a sit they had turned updates off for aside); and the sits they turned them
 * off for. Another family's updates never appear, nor a partner's from before they shared a household.
 */
export function sitUpdatesExport(store: Store, member: Member) {
  const nameOf = (id: number) => store.members.get(id).displayName;
  const mine = store.households.memberships(member.id);
  const sameFamilyAt = (otherId: number, at: number): boolean =>
    otherId === member.id ||
    mine.some((m) => inAt(m, at) && store.households.memberships(otherId).some((o) => o.householdId === m.householdId && inAt(o, at)));
  const turnedOff = store.sitUpdates.optOutsBy(member.id);
  const offBefore = (swapId: number, at: number) => turnedOff.some((o) => o.swapId === swapId && o.at < at);
  const seen = new Set<number>();
  const received = store.sitUpdates
    .forFamiliesIn(member.coopId)
    .filter((u) => u.sitterId !== member.id && sameFamilyAt(u.familyMemberId, u.createdAt) && !offBefore(u.swapId, u.createdAt))
    .filter((u) => !seen.has(u.id) && seen.add(u.id))
    .map((u) => ({ swap: u.swapNumber, from: nameOf(u.sitterId), text: u.text, at: iso(u.createdAt) }));
  return {
    writtenByYou: store.sitUpdates.writtenBy(member.id).map((u) => ({ swap: u.swapNumber, text: u.text, at: iso(u.createdAt) })),
    forYourFamily: received,
    turnedOffFor: turnedOff.map((o) => ({ swap: o.swapNumber, at: iso(o.at) })),
  };
}
