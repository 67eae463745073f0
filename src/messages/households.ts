import type { Message } from '../core/types.ts';
import type { Merge } from '../domain/households.ts';
import { formatCredits } from '../domain/money.ts';

// What households say: before a member joins one (their own figures only), after, and when someone leaves.

/** What joining does to the joining member's own balance, in their words. */
export function joinEffect(merge: Merge, you = 'your'): string {
  const start = merge.startReturned > 0 ? `${you} starting credits (${formatCredits(merge.startReturned)}) go back to the co-op — one start per family — and ` : '';
  const rest = merge.startReturned > 0 ? 'the rest of' : 'all of';
  return `${start}${rest} ${you} balance (${formatCredits(merge.moved)}) moves into the household`;
}

export function invitationMessage(inviter: string, merge: Merge, invitationId: number, until: string): Message {
  return {
    text:
      `${inviter} would like to share a household with you: one balance for your family. ` +
      `If you accept, ${joinEffect(merge)}. The invitation is open until ${until}.`,
    cards: [
      {
        title: `Share a household with ${inviter}?`,
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
    `I've asked ${invitee}. If they accept, your household keeps its balance (${formatCredits(balance)} now) and you share one from then on; ` +
    `their starting credits go back to the co-op and the rest of their balance joins yours. The invitation is open until ${until}.`
  );
}

export function joinedText(household: string, merge: Merge, balance: number): string {
  const start = merge.startReturned > 0 ? `Your starting credits (${formatCredits(merge.startReturned)}) went back to the co-op and ` : '';
  return `Welcome to ${household}! ${start}${formatCredits(merge.moved)} moved in. Your household has ${formatCredits(balance)}, and you share it from now on.`;
}

export function partnerJoinedText(who: string, balance: number): string {
  return `${who} joined your household: you now share one balance. Your household has ${formatCredits(balance)}.`;
}

export function leavePrompt(stayers: string, balance: number): Message {
  return {
    text:
      `If you leave, the household's balance (${formatCredits(balance)}) stays with ${stayers}, and you start a household of your own at 0 h ` +
      '(no new starting credits). The swaps you posted or booked stay yours. Leave?',
    cards: [
      {
        title: 'Leave the household?',
        buttons: [{ label: 'Leave the household', style: 'danger', action: { command: 'household', sub: 'leave', options: { confirm: 'yes' } } }],
      },
    ],
  };
}

export function partnerLeftText(who: string, balance: number): string {
  return `${who} left your household. Its balance stays with you: ${formatCredits(balance)}.`;
}
