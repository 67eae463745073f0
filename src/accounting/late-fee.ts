import { movement } from '../domain/ledger.ts';
import type { Coop } from '../domain/coops.ts';
import type { Member } from '../domain/members.ts';
import type { Rules } from '../domain/rules.ts';
import type { Swap } from '../domain/swaps.ts';
import { HOUR } from '../domain/time.ts';
import type { Store } from '../db/store.ts';
import { creditTexts } from '../messages/credits.ts';
import { tellBalanceChanges } from './balance-notices.ts';
import type { Teller } from './teller.ts';

export interface LateCancellation {
  coop: Coop;
  swap: Swap;
  rules: Rules;
  /** who called it off, and pays */
  payer: Member;
  /** the other side, who is paid */
  payee: Member;
  at: number;
  teller: Teller;
}

/** True when a cancellation now is late by the co-op's rule (and a fee is set). */
export function isLate(swap: Swap, rules: Rules, at: number): boolean {
  return rules.late_cancel_fee > 0 && swap.startsAt - at < rules.late_cancel_hours * HOUR;
}

/**
 * A late cancellation pays the co-op's fee to the other side, never pushing either past the floor or the cap (the fee
 * is cut to fit). Both families are told what moved; returns the payer's line when the payer acted, and the amount.
 */
export function chargeLateFee(store: Store, c: LateCancellation): { amount: number; actorLine: string | undefined } {
  if (!isLate(c.swap, c.rules, c.at) || c.payer.householdId === c.payee.householdId) return { amount: 0, actorLine: undefined };
  const from = store.ledger.accountOfHousehold(c.payer.householdId);
  const to = store.ledger.accountOfHousehold(c.payee.householdId);
  const amount = Math.min(c.rules.late_cancel_fee, store.ledger.balance(from) - c.rules.floor, c.rules.cap - store.ledger.balance(to));
  if (amount <= 0) return { amount: 0, actorLine: undefined };
  const transferId = store.ledger.record({
    coopId: c.coop.id,
    kind: 'late_cancel',
    postings: movement(from, to, amount),
    memo: `late cancellation of #${c.swap.number}`,
    swapId: c.swap.id,
    actorMemberId: c.payer.id,
    at: c.at,
  });
  const actorLine = tellBalanceChanges(
    store,
    c.coop,
    transferId,
    ({ amount: moved }) => (moved < 0 ? creditTexts.lateFeePaid(c.swap.number, -moved, c.payee.displayName) : creditTexts.lateFeeReceived(c.swap.number, moved, c.payer.displayName)),
    c.teller,
    c.payer,
    { kind: 'sit', startsAt: c.swap.startsAt },
  );
  return { amount, actorLine };
}
