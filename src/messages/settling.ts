import type { Button, Card } from '../core/types.ts';
import { formatCredits } from '../domain/money.ts';

// What the families, the sitters and the admins are told while a sit is settled: confirmations, proposed lengths,
// disputes and their resolutions.

export type SettledHow = 'confirmed' | 'agreed' | 'silence' | 'deadline' | 'sitter_word' | 'host' | 'admin';

/** The family's line for a settled sit (the new balance follows it). */
export function familySettled(number: number, amount: number, sitter: string, how: SettledHow, by?: string, note?: string): string {
  const paid = `${formatCredits(amount)} of credit went from your family to ${sitter}.`;
  switch (how) {
    case 'confirmed':
      return `#${number} is settled: ${paid}`;
    case 'agreed':
      return `#${number} is settled at the length you agreed: ${paid}`;
    case 'silence':
      return `#${number} is settled at the length ${by ?? 'the other side'} gave, as nobody objected within 48 hours: ${paid}`;
    case 'sitter_word':
      return `#${number} settled by itself, 48 hours after ${sitter} said it went ahead: ${paid} If something wasn't right, a co-op admin can help.`;
    case 'deadline':
      return `Nobody said otherwise in a week, so #${number} is settled as booked: ${paid} If something wasn't right, a co-op admin can help.`;
    case 'host':
      return `${sitter} confirmed the drop-off session #${number}: ${paid} Hope it was a good break!`;
    case 'admin':
      return `${by ?? 'An admin'} settled #${number}${note ? ` (“${note}”)` : ''}: ${paid}`;
  }
}

/** The sitter's line for a settled sit (the new balance follows it). */
export function sitterSettled(number: number, amount: number, how: SettledHow, by?: string, note?: string): string {
  const came = `${formatCredits(amount)} of credit came to your family.`;
  switch (how) {
    case 'confirmed':
      return `${by ?? 'The family'} confirmed #${number}: ${came} Thank you for sitting!`;
    case 'agreed':
      return `#${number} is settled at the length you agreed: ${came} Thank you for sitting!`;
    case 'silence':
      return `#${number} is settled at the length ${by ?? 'the other side'} gave, as nobody objected within 48 hours: ${came}`;
    case 'sitter_word':
      return `#${number} is settled, 48 hours after you said it went ahead: ${came} Thank you for sitting!`;
    case 'deadline':
      return `Nobody said otherwise in a week, so #${number} is settled as booked: ${came} Thank you for sitting!`;
    case 'host':
      return `#${number} is settled: ${came} Thank you for hosting!`;
    case 'admin':
      return `${by ?? 'An admin'} settled #${number}${note ? ` (“${note}”)` : ''}: ${came}`;
  }
}

const agreeButtons = (number: number): Button[] => [
  { label: "That's right", style: 'success', action: { command: 'swap', sub: 'length', options: { id: number, answer: 'agree' } } },
  { label: "That's not right", style: 'danger', action: { command: 'swap', sub: 'length', options: { id: number, answer: 'disagree' } } },
];

/** To the other side of a proposed length: one tap to agree, one to send it to the admins; silence agrees. */
export function lengthProposed(number: number, by: string, minutes: number, booked: number, price: number): { text: string; cards: Card[] } {
  return {
    text:
      `${by} says #${number} ran ${formatCredits(minutes)} instead of the ${formatCredits(booked)} booked, so it would settle at ${formatCredits(price)} of credit. ` +
      'Is that right? If I hear nothing in 48 hours, it settles that way.',
    cards: [{ title: `#${number} · ${formatCredits(minutes)}?`, buttons: agreeButtons(number) }],
  };
}

export function lengthAsked(number: number, to: string, minutes: number, price: number): string {
  return `I've asked ${to} to confirm that #${number} ran ${formatCredits(minutes)} (${formatCredits(price)} of credit). If they don't answer in 48 hours, it settles that way.`;
}

/** Someone confirms while the other side's proposed length waits: they answer it instead. */
export function answerPendingLength(number: number, by: string, minutes: number): { text: string; cards: Card[] } {
  return {
    text: `${by} says #${number} ran ${formatCredits(minutes)}. Is that right?`,
    cards: [{ title: `#${number} · ${formatCredits(minutes)}?`, buttons: agreeButtons(number) }],
  };
}

export interface DisputeCase {
  number: number;
  openedBy: string;
  family: string;
  sitter: string;
  /** "says it didn't happen" or "says it ran 3 h, not 4 h" */
  what: string;
  note: string | null;
  bookedPrice: number;
  /** a length one side gave, in minutes, and its price */
  claimed?: { minutes: number; price: number };
  /** the family to name when a session has several */
  familyRef?: string;
}

/** The case as the admins get it: what each side says, and one button per decision. */
export function disputeCase(c: DisputeCase): { text: string; cards: Card[] } {
  const options = (pay: string, extra: Record<string, string> = {}) => ({ id: c.number, pay, ...(c.familyRef ? { family: c.familyRef } : {}), ...extra });
  const buttons: Button[] = [{ label: `Pay as booked (${formatCredits(c.bookedPrice)})`, style: 'primary', action: { command: 'coop', sub: 'resolve', options: options('booked') } }];
  if (c.claimed) {
    const hours = String(c.claimed.minutes / 60);
    buttons.push({ label: `Pay ${formatCredits(c.claimed.minutes)} (${formatCredits(c.claimed.price)})`, style: 'primary', action: { command: 'coop', sub: 'resolve', options: options('hours', { hours }) } });
  }
  buttons.push({ label: 'It didn\'t happen: nothing moves', style: 'secondary', action: { command: 'coop', sub: 'resolve', options: options('none') } });
  const note = c.note ? ` (“${c.note}”)` : '';
  return {
    text:
      `#${c.number} needs an admin: ${c.openedBy} ${c.what}${note}. ${c.family} was sat for by ${c.sitter}. Nothing has moved. ` +
      `Decide with a button, or \`/coop resolve id:${c.number} pay:hours hours:2.5 note:"…"\`.`,
    cards: [{ title: `#${c.number} · ${c.family} and ${c.sitter}`, buttons }],
  };
}
