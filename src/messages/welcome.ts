import type { Message } from '../core/types.ts';
import { formatCredits } from '../domain/money.ts';
import type { Rules } from '../domain/rules.ts';

// The welcome a member gets the first time they use Breather in a co-op, and the admins' line about new families.

/** The co-op's key rules, as a new family needs them: what they start with, the limits, the late-cancel fee. */
function keyRules(rules: Rules): string {
  const start = rules.starting_credits > 0 ? `Your family starts with ${formatCredits(rules.starting_credits)} from the co-op` : 'Your family starts at 0 h';
  const limits = `a family can go down to ${formatCredits(rules.floor)} and bank up to ${formatCredits(rules.cap)}`;
  const late =
    rules.late_cancel_fee > 0
      ? ` Cancelling less than ${rules.late_cancel_hours} h before a sit costs ${formatCredits(rules.late_cancel_fee)} of credit, paid to the other family.`
      : '';
  return `${start}; ${limits}.${late}`;
}

export function welcomeMessage(name: string, coopName: string, rules: Rules): Message {
  const where = coopName ? ` to ${coopName}` : '';
  return {
    text: [
      `Welcome${where}, ${name}! Three lines on how it works:`,
      '• Need a break? Ask for a sitter; neighbours volunteer and you choose. Free to help? Offer to sit, and a family books you.',
      `• Sitting earns your family credit and being sat for spends it: ${formatCredits(rules.rate)} of credit for each hour with one child. Credit, never money.`,
      '• Your balance is yours alone (`/credits balance`); after a sit, one tap confirms it and the credit moves.',
      keyRules(rules),
    ].join('\n'),
    cards: [
      {
        title: 'Where would you like to start?',
        buttons: [
          { label: 'Ask for a sitter', style: 'primary', action: { command: 'swap', sub: 'request', options: {} } },
          { label: 'Offer to sit', style: 'secondary', action: { command: 'swap', sub: 'offer', options: {} } },
          { label: 'Set my timezone', style: 'secondary', action: { command: 'profile', sub: '', options: {} } },
        ],
      },
    ],
  };
}

/** One line for the admins, once a day: who joined since the last one. */
export function newFamiliesMessage(names: readonly string[]): Message {
  const list = names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return { text: names.length === 1 ? `A new family joined the co-op: ${list}. A friendly hello goes a long way.` : `${names.length} new families joined the co-op: ${list}. A friendly hello goes a long way.` };
}
