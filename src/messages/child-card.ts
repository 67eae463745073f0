import type { Button, Card, Message } from '../core/types.ts';
import { CHILD_CARD_MAX, type CardRefusal } from '../domain/child-cards.ts';
import { formatMoment } from '../domain/when.ts';

// What the child card says: to its own household, to the sitter around a sit, and when it is not shared.
// The card's own text appears only in `sitterCards` and `ownCard`; every other line here is free of it.

const WHO_SEES = 'Only the sitter of your family\'s sit sees it, from 24 h before the start until 2 h after the end — never a volunteer, never the channel.';

export const writeCardButton = (label = 'Write the card'): Button => ({ label, style: 'primary', action: { command: 'household', sub: 'card', options: {} } });

export const childCardButton = (swapNumber: number): Button => ({ label: 'Child card', style: 'secondary', action: { command: 'swap', sub: 'card', options: { id: swapNumber } } });

export interface ShowingLine {
  sitter: string;
  swapNumber: number;
  shownAt: number;
  via: string;
}

const VIA: Record<string, string> = { reminder: 'with a reminder', button: 'opened it', accepted: 'when the sit was confirmed' };

/** `/household card`: the family's own card, who wrote it, and who has seen it. */
export function ownCard(card: { text: string; writer: string; updatedAt: number } | undefined, seen: readonly ShowingLine[], timezone: string): Message {
  if (!card) {
    return {
      text:
        "Your family has no child card yet. A few lines help a sitter a lot: each child's first name and age, allergies and medicines, " +
        `bedtime and routines, what comforts them, an emergency contact and a second adult. ${WHO_SEES} ` +
        `Write it with \`/household card text:"…"\` (up to ${CHILD_CARD_MAX.toLocaleString('en-GB')} characters).`,
      cards: [{ title: 'Your child card', buttons: [writeCardButton()] }],
    };
  }
  const seenBy = seen.length
    ? seen.map((s) => `${s.sitter} · #${s.swapNumber} · ${formatMoment(s.shownAt, timezone)} (${VIA[s.via] ?? s.via})`).join('\n')
    : 'Nobody has seen it yet.';
  return {
    text: `Your family's child card, last written by ${card.writer} on ${formatMoment(card.updatedAt, timezone)}. ${WHO_SEES} \`/household card text:"…"\` rewrites it; \`text:delete\` removes it.`,
    cards: [
      { title: 'Your child card', text: card.text, buttons: [writeCardButton('Change the card')] },
      { title: 'Who has seen it', text: seenBy },
    ],
  };
}

export function cardSavedText(length: number): string {
  return `Saved your family's child card (${length} characters). ${WHO_SEES} \`/household card\` shows it, and who has seen it.`;
}

export const CARD_REMOVED = "Your family's child card is gone. `/household card` starts a new one whenever you like.";
export const NO_CARD_TO_REMOVE = "Your family has no child card, so there was nothing to remove.";

/** The cards a sitter is shown for one sit, each under its family's name. */
export function sitterCards(swapNumber: number, cards: readonly { family: string; text: string }[]): Card[] {
  return cards.map((c) => ({ title: `Child card · ${c.family} · #${swapNumber}`, text: c.text, buttons: [childCardButton(swapNumber)] }));
}

export function cardsShownText(swapNumber: number, families: readonly string[]): string {
  return `The child card for #${swapNumber}, for you as its sitter only. ${families.join(' and ')} can see that you looked.`;
}

export function noCardText(swapNumber: number, families: readonly string[]): string {
  const who = families.join(' and ') || 'The family';
  return `${who} ${families.length > 1 ? "haven't" : "hasn't"} written a child card for #${swapNumber}. Ask them directly about anything you need to know.`;
}

/** Why the card is not shown: never a word of its content, nor whether one exists. */
export function cardRefusalText(why: CardRefusal, swapNumber: number, from: number, timezone: string): string {
  switch (why) {
    case 'not_sitter':
      return `Only the confirmed sitter of #${swapNumber} sees the family's child card, and only around the sit.`;
    case 'too_early':
      return `The child card for #${swapNumber} is shared from ${formatMoment(from, timezone)}, 24 h before the sit. I'll send it with your reminder.`;
    case 'too_late':
    case 'not_on':
      return `The child card for #${swapNumber} is no longer shared: a sitter sees it from 24 h before the start until 2 h after the end of a sit that is on.`;
  }
}

/** A household's once-only ask, when its first sit is accepted and it has no card. */
export function cardAsk(sitter: string | undefined, swapNumber: number): Message {
  const who = sitter ? `${sitter} (and every sitter after)` : 'your sitter';
  return {
    text:
      `One small thing, and I'll only ask once: a child card helps ${who} look after your kids on #${swapNumber} — first names and ages, ` +
      `allergies and medicines, bedtime, what comforts them, emergency contacts. ${WHO_SEES} No pressure: \`/household card\` is there whenever you like.`,
    cards: [{ title: 'A child card for your sitter?', buttons: [writeCardButton()] }],
  };
}

/** A sit confirmed inside the card's window: the sitter gets the card at once (its reminders may have passed). */
export function cardOnAcceptance(swapNumber: number, cards: readonly { family: string; text: string }[]): Message {
  return { text: `Here is the child card for #${swapNumber}, for you as its sitter only.`, cards: sitterCards(swapNumber, cards) };
}

/** A reminder to the sitter, with the families' cards when they may see them now. */
export function withChildCards(message: Message, swapNumber: number, cards: readonly { family: string; text: string }[]): Message {
  if (cards.length === 0) return message;
  return { ...message, text: `${message.text} The child card is below; the Child card button shows it again during the sit.`, cards: [...(message.cards ?? []), ...sitterCards(swapNumber, cards)] };
}
