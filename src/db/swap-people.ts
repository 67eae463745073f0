import type { Coop } from './repositories/coops.ts';
import type { Member } from './repositories/members.ts';
import type { Swap } from './repositories/swaps.ts';
import type { Store } from './store.ts';
import type { SwapView } from '../messages/reminders.ts';
import { timezoneOf } from '../domain/member-time.ts';

/** A swap with its people, as one member sees it (their timezone). */
export function swapView(store: Store, swap: Swap, coop: Coop, viewer: Member): SwapView {
  const active = store.swaps.parties(swap.id).filter((p) => p.status === 'active');
  const sitterId = swap.kind === 'session' ? swap.ownerMemberId : active.find((p) => p.role === 'sitter')?.memberId;
  const familyIds = [...new Set(active.filter((p) => p.role === 'family').map((p) => p.memberId))];
  return {
    swap,
    sitter: sitterId === undefined ? undefined : store.members.get(sitterId),
    families: familyIds.map((id) => store.members.get(id)),
    timezone: timezoneOf(viewer, coop),
  };
}

export function isParty(view: SwapView, memberId: number): boolean {
  return view.sitter?.id === memberId || view.families.some((f) => f.id === memberId);
}
