import type { Message } from '../core/types.ts';
import type { Merge } from '../domain/households.ts';
import { formatCredits } from '../domain/money.ts';
import { ofCredit } from './credits.ts';

// What sharing a balance says: before a member joins a family's balance (their own figures only), after, and when
// someone leaves. Members read "family" and "balance"; "household" is the command's name, never a word to them.

/** What joining does to the joining member's own balance, in their words. */
export function joinEffect(merge: Merge, you = 'your'): string {
  const start = merge.startReturned > 0 ? `${you} starting credits (${formatCredits(merge.startReturned)}) go back to the co-op — one start per family — and ` : '';
  const rest = merge.startReturned > 0 ? 'the rest of' : 'all of';
  return `${start}${rest} ${you} balance (${formatCredits(merge.moved)}) moves into the shared one`;
}

export function invitationMessage(inviter: string, merge: Merge, invitationId: number, until: string): Message {
  return {
    text:
      `${inviter} would like to share one balance with you, as one family. ` +
      `If you accept, ${joinEffect(merge)}. The invitation is open until ${until}.`,
    cards: [
      {
        title: `Share a balance with ${inviter}?`,
        buttons: [
          { label: 'Accept', style: 'success', action: { command: 'household', sub: 'accept', options: { id: invitationId } } },
          { label: 'Decline', style: 'secondary', action: { command: 'household', sub: 'decline', options: { id: invitationId } } },
        ],
      },
    ],
  };
}

export function invitedText(invitee: string, balance: number, until: string): string {
  return (
    `I've asked ${invitee}. If they accept, your family keeps its balance (${formatCredits(balance)} now) and you share it from then on; ` +
    `their starting credits go back to the co-op and the rest of their balance joins yours. The invitation is open until ${until}.`
  );
}

export function joinedText(household: string, merge: Merge, balance: number): string {
  const start = merge.startReturned > 0 ? `Your starting credits (${formatCredits(merge.startReturned)}) went back to the co-op and ` : '';
  return `Welcome to ${household}! ${start}${formatCredits(merge.moved)} moved in. Your family has ${ofCredit(balance)}, and you share it from now on.`;
}

export function partnerJoinedText(who: string, balance: number): string {
  return `${who} joined your family: you now share one balance, ${ofCredit(balance)}.`;
}

export function leavePrompt(stayers: string, balance: number): Message {
  return {
    text:
      `If you leave, the shared balance (${formatCredits(balance)}) stays with ${stayers}, and yours starts again at 0 h ` +
      '(no new starting credits). The swaps you posted or booked stay yours. Leave?',
    cards: [
      {
        title: 'Stop sharing the balance?',
        buttons: [{ label: 'Leave the shared balance', style: 'danger', action: { command: 'household', sub: 'leave', options: { confirm: 'yes' } } }],
      },
    ],
  };
}

export function partnerLeftText(who: string, balance: number): string {
  return `${who} stopped sharing your family's balance; it stays with you: ${ofCredit(balance)}.`;
}
