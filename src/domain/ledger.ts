import { UserError } from './errors.ts';

// Double-entry: every transfer is ≥ 2 postings that sum to zero. Balances only change through transfers.

export type TransferKind = 'starting' | 'swap' | 'gift' | 'adjustment' | 'late_cancel' | 'reversal' | 'household';

export interface Posting {
  accountId: number;
  amount: number;
}

export interface NewTransfer {
  coopId: number;
  kind: TransferKind;
  postings: Posting[];
  memo: string;
  note?: string;
  swapId?: number;
  /** A settlement names the family party it pays for. */
  partyId?: number;
  reversesId?: number;
  actorMemberId?: number;
  idempotencyKey?: string;
  at: number;
}

/** Refuses malformed transfers before anything is written: these are programming errors, not user errors. */
export function assertBalanced(postings: readonly Posting[]): void {
  if (postings.length < 2) throw new Error('a transfer needs at least two postings');
  let sum = 0;
  const seen = new Set<number>();
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amount) || p.amount === 0) throw new Error(`bad posting amount ${p.amount}`);
    if (seen.has(p.accountId)) throw new Error(`account ${p.accountId} posted twice in one transfer`);
    seen.add(p.accountId);
    sum += p.amount;
  }
  if (sum !== 0) throw new Error(`postings sum to ${sum}, not 0`);
}

/** Moves `amount` from one account to another. */
export function movement(from: number, to: number, amount: number): Posting[] {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`bad amount ${amount}`);
  return [
    { accountId: from, amount: -amount },
    { accountId: to, amount },
  ];
}

/** One family's part in paying for a sit. */
export interface SitPayment {
  accountId: number;
  householdId: number;
  price: number;
}

/**
 * The postings that pay for a finished sit: each family pays its frozen price to the sitter's household in one
 * transfer. A family in the sitter's own household pays nothing (credits are already shared there). Every path that
 * pays a sit (the family's confirmation, the 48 h auto-completion) uses this, so a sit is always priced the same way.
 */
export function settlementPostings(sitter: { accountId: number; householdId: number }, payments: readonly SitPayment[]): { postings: Posting[]; total: number } {
  const postings: Posting[] = [];
  let total = 0;
  for (const { accountId, householdId, price } of payments) {
    if (price <= 0 || householdId === sitter.householdId) continue;
    postings.push({ accountId, amount: -price });
    total += price;
  }
  if (total > 0) postings.push({ accountId: sitter.accountId, amount: total });
  return { postings, total };
}

export function reversalOf(postings: readonly Posting[]): Posting[] {
  return postings.map((p) => ({ accountId: p.accountId, amount: -p.amount }));
}

export interface BalanceChange {
  accountId: number;
  before: number;
  after: number;
}

export interface Limits {
  floor: number;
  cap: number;
}

export class LimitError extends UserError {
  constructor(
    readonly accountId: number,
    readonly limit: 'floor' | 'cap',
    readonly after: number,
    readonly bound: number,
  ) {
    // The message never names another family's figures: whose balance it was is not the reader's business.
    super(
      limit === 'floor'
        ? "That would take a family below the co-op's limit, so nothing moved. A smaller amount, or a sit first, makes room."
        : "That would take a family past the most the co-op lets a family bank, so nothing moved. A smaller amount would fit.",
      { code: 'limit' },
    );
  }
}

/**
 * A balance that goes down must stay at or above the floor; one that goes up must stay at or below the cap.
 * A balance already outside (after an admin adjustment) may still move back towards the limits.
 */
export function findLimitBreach(changes: readonly BalanceChange[], limits: Limits): LimitError | undefined {
  for (const c of changes) {
    if (c.after < c.before && c.after < limits.floor) return new LimitError(c.accountId, 'floor', c.after, limits.floor);
    if (c.after > c.before && c.after > limits.cap) return new LimitError(c.accountId, 'cap', c.after, limits.cap);
  }
  return undefined;
}
