import type { Limits } from '../domain/ledger.ts';
import { formatCredits, formatSignedCredits } from '../domain/money.ts';

// The one private line every family gets when its credit changes: what happened, and where that leaves it.

/** " You now have 3.5 h of credit." — and, outside a limit, what that means for the family, kindly. */
export function balanceTail(after: number, limits: Limits): string {
  const now = ` You now have ${formatCredits(after)} of credit.`;
  if (after < limits.floor) {
    return `${now} That's past the co-op's limit of ${formatCredits(limits.floor)}, so new requests and bookings wait until you're back above it — sitting for someone is the quickest way.`;
  }
  if (after > limits.cap) {
    return `${now} That's more than the co-op lets a family bank (${formatCredits(limits.cap)}), so offers to sit wait until you've spent some — time to book a break for yourself!`;
  }
  return now;
}

export const creditTexts = {
  sitterPaid: (number: number, amount: number, by: string | null) =>
    by ? `${by} confirmed #${number}: ${formatCredits(amount)} of credit came to your family. Thank you for sitting!` : `#${number} is settled: ${formatCredits(amount)} of credit came to your family. Thank you for sitting!`,
  familyPaid: (number: number, amount: number, sitter: string, how: string) => `#${number} with ${sitter} is settled${how}: ${formatCredits(amount)} of credit went from your family.`,
  lateFeePaid: (number: number, amount: number, to: string) => `#${number} was called off late, so the co-op's late-cancellation fee of ${formatCredits(amount)} went from your family to ${to}.`,
  lateFeeReceived: (number: number, amount: number, from: string) => `${from} called off #${number} late, so the co-op's late-cancellation fee of ${formatCredits(amount)} came to your family.`,
  giftSent: (amount: number, to: string) => `You gave ${formatCredits(amount)} of credit to ${to}.`,
  giftReceived: (amount: number, from: string, note: string | undefined) => `${from} gave your family ${formatCredits(amount)} of credit${note ? `: “${note}”` : ''}.`,
  adjusted: (amount: number, by: string, reason: string) => `${by} corrected your family's credit by ${formatSignedCredits(amount)}: ${reason}.`,
  reversed: (entry: number, what: string, amount: number, by: string, reason: string) =>
    `${by} reversed entry ${entry} (${what}), so your family's credit changed by ${formatSignedCredits(amount)}: ${reason}.`,
  resolvedPaid: (number: number, amount: number, by: string, received: boolean) =>
    received
      ? `${by} settled #${number}: ${formatCredits(amount)} of credit came to your family.`
      : `${by} settled #${number}: ${formatCredits(amount)} of credit went from your family.`,
} as const;
