import type { Limits } from '../domain/ledger.ts';
import { formatCredits, formatSignedCredits } from '../domain/money.ts';
import { formatLength } from '../domain/when.ts';

// How credit is spoken of: prices as "6 h of credit", limits as what the co-op lets a family do, never a rule's
// name; and the one private line every family gets when its credit changes: what happened, where that leaves it.

/** "6 h of credit". */
export function ofCredit(amount: number): string {
  return `${formatCredits(amount)} of credit`;
}

/** "4 h with 2 kids costs 6 h of credit". */
export function sitPrice(minutes: number, kids: number, price: number): string {
  return `${formatLength(minutes)} with ${kids} ${kids === 1 ? 'kid' : 'kids'} costs ${ofCredit(price)}`;
}

/** "You have -1 h of credit; the co-op lets you go down to -10 h and bank up to 40 h." */
export function balanceLine(balance: number, limits: Limits, whose = 'You have'): string {
  return `${whose} ${ofCredit(balance)}; the co-op lets ${whose === 'You have' ? 'you' : 'a family'} go down to ${formatCredits(limits.floor)} and bank up to ${formatCredits(limits.cap)}.`;
}

/** A sit that would take the family below what the co-op allows: what it costs, what they have, what to do. */
export function tooLowText(cost: number, balance: number, floor: number): string {
  return (
    `That would cost ${ofCredit(cost)} and you have ${formatCredits(balance)}; the co-op lets you go down to ${formatCredits(floor)}. ` +
    'A shorter sit would fit — or offer to sit for a neighbour (`/swap offer`) and earn some.'
  );
}

/** A sit that would take the family past what the co-op lets it bank. */
export function tooHighText(balance: number, cap: number): string {
  return `You have ${ofCredit(balance)}, and this would take you past the ${formatCredits(cap)} the co-op lets a family bank — time to book a break for yourself (\`/swap request\`)!`;
}

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
  lateFeePaid: (number: number, amount: number, to: string) => `#${number} was called off late, so the co-op's late-cancellation fee, ${ofCredit(amount)}, went from your family to ${to}.`,
  lateFeeReceived: (number: number, amount: number, from: string) => `${from} called off #${number} late, so the co-op's late-cancellation fee, ${ofCredit(amount)}, came to your family.`,
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
