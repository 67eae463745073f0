import { UserError } from './errors.ts';

// The swap: its nouns, its life cycle and who is in it. Pure: a service loads the swap, asks `apply` for the
// next status (or the refusal, in the member's words), then writes what it was told.

export type SwapKind = 'request' | 'offer' | 'session';
export type SwapStatus = 'open' | 'accepted' | 'completed' | 'cancelled' | 'expired' | 'disputed';

export interface Swap {
  id: number;
  coopId: number;
  /** The number members see and type (#12), counted per co-op. */
  number: number;
  kind: SwapKind;
  status: SwapStatus;
  ownerMemberId: number;
  startsAt: number;
  endsAt: number;
  /** A request: children to sit; an offer: the most it takes; a session: its capacity in children. */
  kids: number;
  note: string;
  /** The poster's timezone when it was posted. */
  timezone: string;
  /** Rates frozen with the swap when it was posted, in credit-minutes per hour. */
  rate: number;
  extraChildRate: number;
  sitterDoneAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  /** The SEQUENCE of its calendar event: raised by every change a phone should pick up. */
  calendarSequence: number;
}

export type NewSwap = Omit<Swap, 'id' | 'number' | 'status' | 'sitterDoneAt' | 'resolvedAt' | 'calendarSequence'>;

export type PartyRole = 'sitter' | 'family' | 'volunteer';
export type PartyStatus = 'active' | 'withdrawn' | 'not_chosen';

/** One member's part in a swap: the sitter, a family sat for (with its kids and frozen price), or a volunteer. */
export interface SwapParty {
  id: number;
  swapId: number;
  memberId: number;
  role: PartyRole;
  kids: number | null;
  price: number | null;
  status: PartyStatus;
  createdAt: number;
}

export type SwapEvent =
  | 'volunteer' // someone offers to sit for a request
  | 'withdraw' // a volunteer, booker or chosen sitter steps back
  | 'choose' // the requester picks a volunteer
  | 'book' // a family books an offer or a session seat
  | 'cancel' // the owner calls it off
  | 'sitter_done' // the sitter says it happened
  | 'complete' // the family confirms: credits move
  | 'dispute' // a side says it did not happen as agreed: it waits for the admins
  | 'resolve' // an admin settles a dispute with a payment
  | 'void' // it did not happen: an admin decided so, or a session's host says so
  | 'expire'; // the start passed with nobody matched

const TERMINAL: readonly SwapStatus[] = ['completed', 'cancelled', 'expired'];

type Table = Partial<Record<SwapStatus, Partial<Record<SwapEvent, SwapStatus>>>>;

const TRANSITIONS: Record<SwapKind, Table> = {
  request: {
    open: { volunteer: 'open', withdraw: 'open', choose: 'accepted', cancel: 'cancelled', expire: 'expired' },
    accepted: { withdraw: 'open', cancel: 'cancelled', sitter_done: 'accepted', complete: 'completed', dispute: 'disputed' },
    disputed: { resolve: 'completed', void: 'cancelled' },
  },
  offer: {
    open: { book: 'accepted', cancel: 'cancelled', expire: 'expired' },
    accepted: { withdraw: 'open', cancel: 'cancelled', sitter_done: 'accepted', complete: 'completed', dispute: 'disputed' },
    disputed: { resolve: 'completed', void: 'cancelled' },
  },
  // A session's families are disputed one by one (their seats wait for the admins); the session itself completes
  // when its host confirms, or is void when the host says it did not happen.
  session: {
    open: { book: 'open', withdraw: 'open', cancel: 'cancelled', expire: 'expired', sitter_done: 'open', complete: 'completed', void: 'cancelled' },
  },
};

export function isResolved(status: SwapStatus): boolean {
  return TERMINAL.includes(status);
}

export function canTransition(kind: SwapKind, status: SwapStatus, event: SwapEvent): boolean {
  return TRANSITIONS[kind][status]?.[event] !== undefined;
}

const VERBS: Record<SwapEvent, string> = {
  volunteer: 'volunteer for',
  withdraw: 'step back from',
  choose: 'choose a sitter for',
  book: 'book',
  cancel: 'cancel',
  sitter_done: 'mark as done',
  complete: 'confirm',
  dispute: 'dispute',
  resolve: 'settle',
  void: 'call off',
  expire: 'expire',
};

/** The status `event` takes the swap to, or a refusal that says why in the member's words. */
export function apply(swap: Pick<Swap, 'kind' | 'number' | 'status'>, event: SwapEvent): SwapStatus {
  const { kind, number, status } = swap;
  const next = TRANSITIONS[kind][status]?.[event];
  if (next !== undefined) return next;
  if (status === 'disputed') {
    throw new UserError(`#${number} is with the co-op's admins, who will settle it; nothing more can be done to it until they do.`, { code: 'state' });
  }
  if (isResolved(status)) {
    throw new UserError(`#${number} is already ${status}, so there is nothing left to ${VERBS[event]}. \`/swap list\` shows what is open.`, { code: 'state' });
  }
  if (status === 'accepted' && (event === 'volunteer' || event === 'book' || event === 'choose')) {
    throw new UserError(`#${number} is already taken. \`/swap list\` shows the ${kind}s still open.`, { code: 'state' });
  }
  throw new UserError(`You can't ${VERBS[event]} #${number} while it is ${status}.`, { code: 'state' });
}

// ---------------------------------------------------------------- who is in a swap

const active = (p: SwapParty): boolean => p.status === 'active';

/** Who sits: the chosen sitter of a request; the owner of an offer or a session (its host). */
export function sitterIdOf(swap: Pick<Swap, 'kind' | 'ownerMemberId'>, parties: readonly SwapParty[]): number | undefined {
  if (swap.kind !== 'request') return swap.ownerMemberId;
  return parties.find((p) => active(p) && p.role === 'sitter')?.memberId;
}

/** The families sat for: their active parties, one per member. */
export function familyParties(parties: readonly SwapParty[]): SwapParty[] {
  const seen = new Set<number>();
  return parties.filter((p) => active(p) && p.role === 'family' && !seen.has(p.memberId) && seen.add(p.memberId));
}

export function volunteerParties(parties: readonly SwapParty[]): SwapParty[] {
  return parties.filter((p) => active(p) && p.role === 'volunteer');
}

/** The active party of one member in one role, if they have it. */
export function partyOf(parties: readonly SwapParty[], memberId: number, role: PartyRole): SwapParty | undefined {
  return parties.find((p) => active(p) && p.memberId === memberId && p.role === role);
}

/** True while a swap is going to happen: accepted, or a session that someone booked. */
export function isHappening(swap: Pick<Swap, 'kind' | 'status'>, parties: readonly SwapParty[]): boolean {
  if (swap.status === 'accepted') return true;
  return swap.kind === 'session' && swap.status === 'open' && familyParties(parties).length > 0;
}

/** Everyone who stands for a member's family: the members of their household (a household of one: themselves). */
export type HouseholdOf = (memberId: number) => readonly number[];
const alone: HouseholdOf = (memberId) => [memberId];

/** Who is reminded before a sit: the sitter (a session's host) and every family, each parent of its household. */
export function reminderAudience(swap: Pick<Swap, 'kind' | 'ownerMemberId'>, parties: readonly SwapParty[], householdOf: HouseholdOf = alone): number[] {
  const sitter = sitterIdOf(swap, parties);
  return [...new Set([...(sitter === undefined ? [] : [sitter]), ...familyParties(parties).flatMap((p) => householdOf(p.memberId))])];
}

/** Who is asked after the end: each parent of the families, and the sitter (a session's host confirms for everyone). */
export function promptAudience(swap: Pick<Swap, 'kind' | 'ownerMemberId'>, parties: readonly SwapParty[], householdOf: HouseholdOf = alone): number[] {
  if (swap.kind === 'session') return [swap.ownerMemberId];
  const sitter = sitterIdOf(swap, parties);
  return [...new Set([...familyParties(parties).flatMap((p) => householdOf(p.memberId)), ...(sitter === undefined ? [] : [sitter])])];
}

/**
 * May a member act for a family party that is their household partner's? A booking of an offer or a session is the
 * household's: either parent cancels, confirms or disputes it. A request is its poster's to manage until it is under
 * way (cancelling or choosing stays with them); once a sitter is on and the time has come, either parent confirms or
 * disputes it.
 */
export function householdMayActFor(swap: Pick<Swap, 'kind' | 'status' | 'ownerMemberId' | 'startsAt'>, party: Pick<SwapParty, 'memberId' | 'role'>, now: number): boolean {
  if (party.role !== 'family') return false;
  if (swap.kind !== 'request' || party.memberId !== swap.ownerMemberId) return true;
  return swap.status !== 'open' && now >= swap.startsAt;
}
