import type { Store } from '../db/store.ts';
import type { Coop } from '../domain/coops.ts';
import type { Member } from '../domain/members.ts';
import type { Swap, SwapParty, SwapStatus } from '../domain/swaps.ts';
import { syncSwapJobs } from '../planning/swap-jobs.ts';
import { tellBalanceChanges } from './balance-notices.ts';
import type { Teller } from './teller.ts';

/** One family's part in paying for a finished sit. */
export interface FamilyPayment {
  party: SwapParty;
  payer: Member;
  /** credit-minutes: the frozen price, or the price of an agreed or decided length */
  price: number;
}

export interface SitSettlement {
  coop: Coop;
  swap: Swap;
  sitter: Member;
  payments: readonly FamilyPayment[];
  at: number;
  /** Who confirmed or decided; absent when the sit settled by itself. */
  actor?: Member;
  /** Kept with the entry: "sit #4", "sit #4 (as booked, nobody objected)". */
  memo: string;
  /** What each side is told, given the credit-minutes that moved (the new balance is added after it). */
  lines: { sitter(amount: number): string; family(amount: number): string };
  teller: Teller;
  /** Where the swap goes once paid (completed, or cancelled for a sit decided not to have happened); absent: stays. */
  close?: { status: SwapStatus; note: string | null };
}

/**
 * Pays a sit that happened: each family's price goes to the sitter's household, one entry per family (so a session
 * pays each family on its own, and a family whose seat was disputed later). Floor and cap are not checked: they
 * guard new commitments, not a sit that already took place; a family that ends outside a limit is told what that
 * means. Every family whose credit changed is told. Returns the line for the member who acted, if any.
 */
export function paySit(store: Store, s: SitSettlement): { total: number; actorLine: string | undefined } {
  const sitterAccount = store.ledger.accountOfHousehold(s.sitter.householdId);
  let total = 0;
  const lines: string[] = [];
  for (const { party, payer, price } of s.payments) {
    if (price <= 0 || payer.householdId === s.sitter.householdId) continue; // credits are shared within a family
    const transferId = store.ledger.record({
      coopId: s.coop.id,
      kind: 'swap',
      postings: [
        { accountId: store.ledger.accountOfHousehold(payer.householdId), amount: -price },
        { accountId: sitterAccount, amount: price },
      ],
      memo: s.memo,
      swapId: s.swap.id,
      partyId: party.id,
      ...(s.actor ? { actorMemberId: s.actor.id } : {}),
      at: s.at,
    });
    total += price;
    const line = tellBalanceChanges(store, s.coop, transferId, ({ amount }) => (amount > 0 ? s.lines.sitter(amount) : s.lines.family(-amount)), s.teller, s.actor, { kind: 'sit', startsAt: s.swap.startsAt });
    if (line) lines.push(line);
  }
  if (s.close) {
    store.swaps.moveTo(s.swap.id, s.close.status, s.at, s.close.note);
    for (const p of store.disputes.pendingLengths(s.swap.id)) store.disputes.decideLength(p.id, 'withdrawn', s.at, s.actor?.id ?? null);
  }
  syncSwapJobs(store, s.swap.id, s.at);
  return { total, actorLine: lines.length ? lines.join('\n') : undefined };
}
