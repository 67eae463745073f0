import type { Message } from '../core/types.ts';
import type { Swap } from '../domain/swaps.ts';
import { whenField, type TimeView } from './times.ts';

// The private ask to the neighbour a family would love to sit: one line, and one tap to say yes.

export function askFirstMessage(swap: Swap, family: string, view: TimeView): Message {
  return {
    text: `${family} would love you to sit #${swap.number} — you're the first they asked.`,
    cards: [
      {
        title: `#${swap.number} · ${family} needs a sitter`,
        fields: [
          whenField(swap.startsAt, swap.endsAt, view),
          { label: 'Kids', value: String(swap.kids) },
        ],
        ...(swap.note ? { text: swap.note } : {}),
        buttons: [{ label: 'Volunteer', style: 'primary', action: { command: 'swap', sub: 'volunteer', options: { id: swap.number } } }],
      },
    ],
  };
}
