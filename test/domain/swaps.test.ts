import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { apply, canTransition, isResolved, type SwapEvent, type SwapKind, type SwapStatus } from '../../src/domain/swaps.ts';

const KINDS: SwapKind[] = ['request', 'offer', 'session'];
const STATUSES: SwapStatus[] = ['open', 'accepted', 'completed', 'cancelled', 'expired', 'disputed'];
const EVENTS: SwapEvent[] = ['volunteer', 'withdraw', 'choose', 'book', 'cancel', 'sitter_done', 'complete', 'dispute', 'resolve', 'void', 'expire'];

// The life cycle as PRODUCT.md tells it, written out by hand (not copied from the code) so the two can disagree.
// Anything not listed is forbidden.
const ALLOWED: Record<SwapKind, Partial<Record<SwapStatus, Partial<Record<SwapEvent, SwapStatus>>>>> = {
  request: {
    // members volunteer (or withdraw); the requester picks one; unmatched requests expire; the owner may cancel
    open: { volunteer: 'open', withdraw: 'open', choose: 'accepted', cancel: 'cancelled', expire: 'expired' },
    // the chosen sitter may step back (it reopens); the sitter says it happened; the parent confirms or disputes
    accepted: { withdraw: 'open', cancel: 'cancelled', sitter_done: 'accepted', complete: 'completed', dispute: 'disputed' },
    // a dispute freezes it: only an admin's resolution ends it, with a payment or as void (issue 9)
    disputed: { resolve: 'completed', void: 'cancelled' },
  },
  offer: {
    // first booking wins
    open: { book: 'accepted', cancel: 'cancelled', expire: 'expired' },
    accepted: { withdraw: 'open', cancel: 'cancelled', sitter_done: 'accepted', complete: 'completed', dispute: 'disputed' },
    disputed: { resolve: 'completed', void: 'cancelled' },
  },
  session: {
    // several families book seats while it stays open; the host confirms and each family pays
    // families' seats are disputed one by one, so the session itself is never 'disputed'; its host may say it
    // did not happen (void)
    open: { book: 'open', withdraw: 'open', cancel: 'cancelled', expire: 'expired', sitter_done: 'open', complete: 'completed', void: 'cancelled' },
  },
};

const table = KINDS.flatMap((kind) => STATUSES.flatMap((status) => EVENTS.map((event) => ({ kind, status, event, next: ALLOWED[kind][status]?.[event] }))));

function refusal(kind: SwapKind, status: SwapStatus, event: SwapEvent): UserError {
  try {
    apply({ kind, number: 7, status }, event);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`${kind} ${status} + ${event} was allowed`);
}

describe('swap state machine: the full table', () => {
  it('covers every kind × status × event', () => {
    expect(table).toHaveLength(KINDS.length * STATUSES.length * EVENTS.length);
  });

  const allowed = table.filter((row) => row.next !== undefined);
  const forbidden = table.filter((row) => row.next === undefined);

  it.each(allowed)('$kind: $status --$event--> $next', ({ kind, status, event, next }) => {
    expect(canTransition(kind, status, event)).toBe(true);
    expect(apply({ kind, number: 7, status }, event)).toBe(next);
  });

  it.each(forbidden)('$kind: $status --$event--> refused', ({ kind, status, event }) => {
    expect(canTransition(kind, status, event)).toBe(false);
    const error = refusal(kind, status, event);
    expect(error.message).toContain('#7');
    expect(error.message).toMatch(/^[A-Z#]/);
    expect(error.message).toMatch(/[.!]$/);
    expect(error.message).not.toMatch(/undefined|null|NaN|_/);
    if (isResolved(status)) {
      expect(error.message).toContain(`already ${status}`);
      expect(error.message).toContain('/swap list');
    }
  });
});

describe('swap state machine: terminal states and messages', () => {
  it('completed, cancelled and expired are resolved; open, accepted and disputed are not', () => {
    expect(STATUSES.filter(isResolved)).toEqual(['completed', 'cancelled', 'expired']);
  });

  it('nothing leaves a resolved state, for any kind', () => {
    for (const kind of KINDS) {
      for (const status of STATUSES.filter(isResolved)) {
        for (const event of EVENTS) expect(canTransition(kind, status, event), `${kind} ${status} ${event}`).toBe(false);
      }
    }
  });

  it('a resolution is reachable from open for every kind, and only through complete, cancel, expire or an admin\'s decision', () => {
    for (const row of table.filter((r) => r.next !== undefined && isResolved(r.next))) {
      expect(['complete', 'cancel', 'expire', 'resolve', 'void']).toContain(row.event);
    }
  });

  it('a disputed swap is frozen: only an admin\'s resolve or void ends it, and everything else says so', () => {
    for (const kind of ['request', 'offer'] as const) {
      for (const event of EVENTS.filter((e) => e !== 'resolve' && e !== 'void')) {
        expect(refusal(kind, 'disputed', event).message).toBe("#7 is with the co-op's admins, who will settle it; nothing more can be done to it until they do.");
      }
    }
  });

  it('says a taken request or offer is taken, pointing at the open list', () => {
    expect(refusal('request', 'accepted', 'volunteer').message).toBe('#7 is already taken. `/swap list` shows the requests still open.');
    expect(refusal('offer', 'accepted', 'book').message).toBe('#7 is already taken. `/swap list` shows the offers still open.');
    expect(refusal('request', 'accepted', 'choose').message).toBe('#7 is already taken. `/swap list` shows the requests still open.');
  });

  it('says a resolved swap has nothing left to do, in plain words', () => {
    expect(refusal('request', 'completed', 'cancel').message).toBe('#7 is already completed, so there is nothing left to cancel. `/swap list` shows what is open.');
    expect(refusal('offer', 'cancelled', 'book').message).toBe('#7 is already cancelled, so there is nothing left to book. `/swap list` shows what is open.');
    expect(refusal('session', 'expired', 'sitter_done').message).toBe('#7 is already expired, so there is nothing left to mark as done. `/swap list` shows what is open.');
  });

  it('says what cannot be done in the current state otherwise', () => {
    expect(refusal('request', 'open', 'complete').message).toBe("You can't confirm #7 while it is open.");
    expect(refusal('offer', 'open', 'volunteer').message).toBe("You can't volunteer for #7 while it is open.");
    expect(refusal('session', 'open', 'choose').message).toBe("You can't choose a sitter for #7 while it is open.");
  });
});
