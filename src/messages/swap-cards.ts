import type { Button, Card, CardField } from '../core/types.ts';
import type { Member } from '../domain/members.ts';
import { ofCredit } from './credits.ts';
import { priceOfSwap } from '../domain/pricing.ts';
import type { Swap } from '../domain/swaps.ts';
import { whenField, type TimeView } from './times.ts';

const KIND_TITLE = { request: 'needs a sitter', offer: 'can sit', session: 'hosts a drop-off session' } as const;
/** The same said of a named household ("The Okafors need a sitter"). */
const HOUSEHOLD_TITLE = { request: 'need a sitter', offer: 'can sit', session: 'host a drop-off session' } as const;

export function kidsText(n: number): string {
  return `${n} ${n === 1 ? 'kid' : 'kids'}`;
}

/** "a request", "an offer", "a drop-off session". */
export function kindText(kind: Swap['kind']): string {
  return kind === 'offer' ? 'an offer' : kind === 'request' ? 'a request' : 'a drop-off session';
}

/** What a card needs to know about the people in a swap. */
export interface CardPeople {
  owner: Pick<Member, 'displayName'>;
  /** The owner's household name, when it has one: it reads better on a card than one parent's name. */
  ownerHousehold?: string;
  sitter: Pick<Member, 'displayName'> | undefined;
  /** The families sat for, with the kids each booked (a session's seats). */
  families: readonly { party: { kids: number | null } }[];
}

const button = (label: string, sub: string, swap: Swap, style: Button['style'] = 'secondary'): Button => ({
  label,
  style,
  action: { command: 'swap', sub, options: { id: swap.number } },
});

/**
 * The card posted in the co-op channel and shown by /swap list: the buttons do what the commands do. Its time shows
 * in each reader's zone where the platform can (times.ts); the text names the zone when it is not the co-op's.
 */
export function swapCard(swap: Swap, people: CardPeople, view: TimeView): Card {
  const fields: CardField[] = [whenField(swap.startsAt, swap.endsAt, view)];
  const buttons: Button[] = [];
  if (swap.kind === 'request') {
    fields.push({ label: 'Kids', value: String(swap.kids) }, { label: 'Pays', value: ofCredit(priceOfSwap(swap, swap.kids)) });
    if (swap.status === 'open') buttons.push(button('Volunteer', 'volunteer', swap, 'primary'));
  } else {
    const booked = people.families.reduce((n, f) => n + (f.party.kids ?? 0), 0);
    const full = swap.kind === 'session' && swap.status === 'open' && booked >= swap.kids;
    const seats = swap.kind === 'offer' ? ['Up to', kidsText(swap.kids)] : ['Seats', full ? `full (${kidsText(swap.kids)})` : booked > 0 ? `${swap.kids - booked} of ${swap.kids} left` : kidsText(swap.kids)];
    fields.push({ label: seats[0] ?? '', value: seats[1] ?? '' }, { label: 'Per kid', value: ofCredit(priceOfSwap(swap, 1)) });
    if (swap.status === 'open' && !full) buttons.push(button('Book', 'book', swap, 'primary'));
  }
  if (swap.status !== 'open') fields.push({ label: 'Status', value: statusText(swap, people.sitter?.displayName) });
  if (swap.status === 'open' || swap.status === 'accepted') buttons.push(button('Cancel', 'cancel', swap, 'danger'));
  if (swap.status === 'accepted' || (swap.kind === 'session' && swap.status === 'open' && people.families.length > 0)) {
    buttons.push(button('Done', 'done', swap, 'success'));
  }
  const who = people.ownerHousehold ? `${people.ownerHousehold} ${HOUSEHOLD_TITLE[swap.kind]}` : `${people.owner.displayName} ${KIND_TITLE[swap.kind]}`;
  const card: Card = { title: `#${swap.number} · ${who}`, fields, buttons };
  if (swap.note) card.text = swap.note;
  return card;
}

/** The swap's state in members' words, never its state machine's. */
function statusText(swap: Swap, sitter: string | undefined): string {
  switch (swap.status) {
    case 'accepted':
      return sitter ? `taken — ${sitter} is sitting` : 'taken';
    case 'completed':
      return 'done — thank you!';
    case 'cancelled':
      return 'called off';
    case 'expired':
      return swap.kind === 'request' ? 'closed without a sitter' : 'closed without a booking';
    case 'disputed':
      return "with the co-op's admins";
    case 'open':
      return 'open';
  }
}
