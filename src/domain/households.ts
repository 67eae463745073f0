import type { Posting } from './ledger.ts';
import { DAY } from './time.ts';

// A household shares one balance: two parents (or more) who bank and spend credits together. A member starts as a
// household of one; joining another household folds theirs into it, and leaving starts a new one at zero.

export interface Household {
  id: number;
  coopId: number;
  /** Chosen with /household name; '' until then (shown as its members' names). */
  name: string;
  createdAt: number;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface Invitation {
  id: number;
  coopId: number;
  /** The household the invited member joins: the inviter's when they asked. */
  householdId: number;
  inviterMemberId: number;
  inviteeMemberId: number;
  status: InvitationStatus;
  expiresAt: number;
  createdAt: number;
}

export const INVITATION_LIFETIME = 7 * DAY;
export const MAX_HOUSEHOLD_NAME = 40;

/** "The Okafors", else its members' names: "Ana & Ben". */
export function householdLabel(name: string, memberNames: readonly string[]): string {
  return name || memberNames.join(' & ');
}

/** What folding a household of one into another does to the balances, before anything is written. */
export interface Merge {
  /** The joining household's starting credits, going back to the co-op: one family, one start. */
  startReturned: number;
  /** The rest of the joining household's balance (may be negative), moving into the household it joins. */
  moved: number;
}

export function mergeOf(joiningBalance: number, unreturnedStart: number): Merge {
  return { startReturned: unreturnedStart, moved: joiningBalance - unreturnedStart };
}

/**
 * The postings of a merge, as ONE transfer: the joining account is emptied, the co-op's issuance account takes the
 * start back and the household gets the rest. One transfer means the joining account never passes through a
 * balance below the floor on the way (a reversal of the start, then a move, would), and it commits whole or not at all.
 * Legs of zero are left out; when nothing moves at all there is no transfer.
 */
export function mergePostings(accounts: { joining: number; household: number; issuance: number }, joiningBalance: number, merge: Merge): Posting[] {
  const legs: Posting[] = [
    { accountId: accounts.joining, amount: -joiningBalance },
    { accountId: accounts.issuance, amount: merge.startReturned },
    { accountId: accounts.household, amount: merge.moved },
  ];
  return legs.filter((p) => p.amount !== 0);
}
