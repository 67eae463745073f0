import { UserError } from './errors.ts';

// The swap life cycle. Pure: the service loads the swap, asks here whether an event is allowed, then writes.

export type SwapKind = 'request' | 'offer' | 'session';
export type SwapStatus = 'open' | 'accepted' | 'completed' | 'cancelled' | 'expired' | 'disputed';

export type SwapEvent =
  | 'volunteer' // someone offers to sit for a request
  | 'withdraw' // a volunteer, booker or chosen sitter steps back
  | 'choose' // the requester picks a volunteer
  | 'book' // a family books an offer or a session seat
  | 'cancel' // the owner calls it off
  | 'sitter_done' // the sitter says it happened
  | 'complete' // the family confirms: credits move
  | 'dispute' // the family says it did not happen as agreed
  | 'expire'; // the start passed with nobody matched

const TERMINAL: readonly SwapStatus[] = ['completed', 'cancelled', 'expired'];

type Table = Partial<Record<SwapStatus, Partial<Record<SwapEvent, SwapStatus>>>>;

const TRANSITIONS: Record<SwapKind, Table> = {
  request: {
    open: { volunteer: 'open', withdraw: 'open', choose: 'accepted', cancel: 'cancelled', expire: 'expired' },
    accepted: { withdraw: 'open', cancel: 'cancelled', sitter_done: 'accepted', complete: 'completed', dispute: 'disputed' },
    disputed: { complete: 'completed', cancel: 'cancelled' },
  },
  offer: {
    open: { book: 'accepted', cancel: 'cancelled', expire: 'expired' },
    accepted: { withdraw: 'open', cancel: 'cancelled', sitter_done: 'accepted', complete: 'completed', dispute: 'disputed' },
    disputed: { complete: 'completed', cancel: 'cancelled' },
  },
  session: {
    open: { book: 'open', withdraw: 'open', cancel: 'cancelled', expire: 'expired', sitter_done: 'open', complete: 'completed' },
    disputed: { complete: 'completed', cancel: 'cancelled' },
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
  expire: 'expire',
};

/** The next status, or a refusal that says why in the member's words. */
export function transition(kind: SwapKind, number: number, status: SwapStatus, event: SwapEvent): SwapStatus {
  const next = TRANSITIONS[kind][status]?.[event];
  if (next !== undefined) return next;
  if (isResolved(status)) {
    throw new UserError(`#${number} is already ${status}, so there is nothing left to ${VERBS[event]}. \`/swap list\` shows what is open.`);
  }
  const what = kind === 'session' ? 'session' : kind;
  if (status === 'accepted' && (event === 'volunteer' || event === 'book' || event === 'choose')) {
    throw new UserError(`#${number} is already taken. \`/swap list\` shows the ${what}s still open.`);
  }
  throw new UserError(`You can't ${VERBS[event]} #${number} while it is ${status}.`);
}
