import type { Message } from '../core/types.ts';
import { loadSwapPeople } from '../db/swap-people.ts';
import type { Store } from '../db/store.ts';
import type { Dispute } from '../domain/disputes.ts';
import { formatCredits } from '../domain/money.ts';
import { priceOfSwap } from '../domain/pricing.ts';
import { MINUTE } from '../domain/time.ts';
import { disputeCase } from '../messages/settling.ts';

/** A dispute as the admins get it (when it opens, and in the weekly reminder): each side, and one button per decision. */
export function disputeBrief(store: Store, dispute: Dispute): Message {
  const swap = store.swaps.get(dispute.swapId);
  const people = loadSwapPeople(store, swap);
  const party = people.parties.find((p) => p.id === dispute.partyId);
  const family = store.members.get(party?.memberId ?? dispute.openedBy);
  const sitter = people.sitter ?? people.owner;
  const opener = store.members.get(dispute.openedBy);
  const otherSide = opener.id === family.id ? sitter : family;
  const claimed = dispute.claimedMinutes;
  // A length dispute is opened by the side who refused the length; the other side gave it.
  const lengthCase = dispute.reason === 'length' && claimed !== null;
  const booked = Math.round((swap.endsAt - swap.startsAt) / MINUTE);
  return disputeCase({
    number: swap.number,
    openedBy: lengthCase ? otherSide.displayName : opener.displayName,
    family: family.displayName,
    sitter: sitter.displayName,
    what: lengthCase
      ? `says it ran ${formatCredits(claimed)} (booked: ${formatCredits(booked)}), and ${opener.displayName} says that's not right`
      : "says it didn't happen as planned",
    note: dispute.note,
    bookedPrice: party?.price ?? 0,
    ...(claimed !== null ? { claimed: { minutes: claimed, price: priceOfSwap(swap, party?.kids ?? 1, claimed) } } : {}),
    ...(swap.kind === 'session' ? { familyRef: family.externalRef } : {}),
  });
}
