import type { CommandContext } from '../services/context.ts';
import type { Button, Card } from '../core/types.ts';
import type { Swap } from '../db/repositories/swaps.ts';
import { formatCredits } from '../domain/money.ts';
import { quote } from '../domain/pricing.ts';
import { formatWhen } from '../domain/when.ts';
import { swapPeople } from '../services/swaps/lookup.ts';

const KIND_TITLE = { request: 'needs a sitter', offer: 'can sit', session: 'hosts a drop-off session' } as const;

export function kidsText(n: number): string {
  return `${n} ${n === 1 ? 'kid' : 'kids'}`;
}

export function priceOf(swap: Swap, kids: number): number {
  return quote({ startsAt: swap.startsAt, endsAt: swap.endsAt, kids }, { ratePerHour: swap.rate, extraChildRatePerHour: swap.extraChildRate }).price;
}

const button = (label: string, sub: string, swap: Swap, style: Button['style'] = 'secondary', extra: Record<string, string> = {}): Button => ({
  label,
  style,
  action: { command: 'swap', sub, options: { id: swap.number, ...extra } },
});

/** The card posted in the co-op channel and shown by /swap list: the buttons do what the commands do. */
export function swapCard(ctx: CommandContext, swap: Swap): Card {
  const people = swapPeople(ctx, swap);
  const when = formatWhen(swap.startsAt, swap.endsAt, ctx.timezone);
  const fields = [{ label: 'When', value: when }];
  const buttons: Button[] = [];
  if (swap.kind === 'request') {
    fields.push({ label: 'Kids', value: String(swap.kids) }, { label: 'Pays', value: formatCredits(priceOf(swap, swap.kids)) });
    if (swap.status === 'open') buttons.push(button('Volunteer', 'volunteer', swap, 'primary'));
  } else {
    const label = swap.kind === 'offer' ? 'Up to' : 'Capacity';
    fields.push({ label, value: kidsText(swap.kids) }, { label: 'Per kid', value: formatCredits(priceOf(swap, 1)) });
    if (swap.status === 'open') buttons.push(button('Book', 'book', swap, 'primary'));
  }
  if (swap.status !== 'open') fields.push({ label: 'Status', value: statusText(swap, people.sitter?.displayName) });
  if (swap.status === 'open' || swap.status === 'accepted') buttons.push(button('Cancel', 'cancel', swap, 'danger'));
  if (swap.status === 'accepted' || (swap.kind === 'session' && swap.status === 'open' && people.families.length > 0)) {
    buttons.push(button('Done', 'done', swap, 'success'));
  }
  const card: Card = { title: `#${swap.number} · ${people.owner.displayName} ${KIND_TITLE[swap.kind]}`, fields, buttons };
  if (swap.note) card.text = swap.note;
  return card;
}

function statusText(swap: Swap, sitter: string | undefined): string {
  if (swap.status === 'accepted') return sitter ? `taken — ${sitter} is sitting` : 'taken';
  return swap.status;
}
