import type { Button, Card, Message } from '../core/types.ts';

// What was held back (quiet hours, a burst, the weekly two, a pause), as one message; and the one-tap control
// every unprompted message carries.

/** A gathered message shows this many; the rest are named, and `/swap list mine` has them all. */
export const GATHERED_SHOWN = 8;

export const QUIET_FOR_A_WEEK: Button = { label: 'Quiet for a week', style: 'secondary', action: { command: 'profile', sub: '', options: { pause: 'week' } } };

/** Adds the "Quiet for a week" button to an unprompted message, once. */
export function withQuietControl(message: Message): Message {
  const cards = message.cards ?? [];
  if (cards.some((c) => c.buttons?.some((b) => b.action.command === 'profile' && b.action.options.pause === 'week'))) return message;
  return { ...message, cards: [...cards, { title: 'Too many messages?', buttons: [QUIET_FOR_A_WEEK] }] };
}

function itemsText(items: readonly Message[]): string {
  const shown = items.slice(0, GATHERED_SHOWN).map((m) => m.text.trim());
  const more = items.length - shown.length;
  if (more > 0) shown.push(`…and ${more} more: \`/swap list show:mine\` has your swaps.`);
  return shown.join('\n\n');
}

const cardsOf = (items: readonly Message[]): Card[] => items.slice(0, GATHERED_SHOWN).flatMap((m) => m.cards ?? []);
/** The mentions the gathered texts make on purpose stay theirs (Message.mentions). */
const mentionsOf = (items: readonly Message[]): string[] => [...new Set(items.slice(0, GATHERED_SHOWN).flatMap((m) => m.mentions ?? []))];

/** A card that came with several of them (each all's-well update's "No updates for this sit") is shown once. */
function once(cards: readonly Card[]): Card[] {
  const seen = new Set<string>();
  return cards.filter((c) => {
    const key = JSON.stringify(c);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
const attachmentsOf = (items: readonly Message[]) => items.slice(0, GATHERED_SHOWN).flatMap((m) => m.attachments ?? []);

/** Several held messages as one: "While you were away: …". */
export function gatheredMessage(items: readonly Message[]): Message {
  const message: Message = { text: `While you were away:\n\n${itemsText(items)}` };
  const mentions = mentionsOf(items);
  if (mentions.length) message.mentions = mentions;
  const cards = once(cardsOf(items));
  const attachments = attachmentsOf(items);
  if (cards.length) message.cards = cards;
  if (attachments.length) message.attachments = attachments;
  return message;
}

/** A message that is going anyway carries what was waiting, so the member gets one message, not two. */
export function withGathered(carrier: Message, items: readonly Message[]): Message {
  if (items.length === 0) return carrier;
  const message: Message = { ...carrier, text: `${carrier.text.trim()}\n\nAlso, while you were away:\n\n${itemsText(items)}` };
  const mentions = mentionsOf([carrier, ...items]);
  if (mentions.length) message.mentions = mentions;
  const cards = once([...(carrier.cards ?? []), ...cardsOf(items)]);
  const attachments = [...(carrier.attachments ?? []), ...attachmentsOf(items)];
  if (cards.length) message.cards = cards;
  if (attachments.length) message.attachments = attachments;
  return message;
}
