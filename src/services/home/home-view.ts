import type { Card, Platform } from '../../core/types.ts';
import { loadSwapPeople } from '../../db/swap-people.ts';
import type { Store } from '../../db/store.ts';
import { timezoneOf } from '../../domain/members.ts';
import { isHappening, type Swap } from '../../domain/swaps.ts';
import { addDays, wallClock } from '../../domain/timezone.ts';
import { HOME_TITLE, SECTION, checkinCard, creditText } from '../../messages/home.ts';
import { swapCard } from '../../messages/swap-cards.ts';

// A member's home (Slack's App Home): read-only, built from the store as neutral cards the adapter draws. Nothing
// here writes, so it runs outside any transaction; a member the co-op has not met is a newcomer.

export interface HomeQuery {
  platform: Platform;
  coopRef: string;
  memberRef: string;
  now: number;
}

export interface HomeSection {
  title: string;
  text?: string;
  cards: Card[];
}

export type HomeView = { kind: 'newcomer' } | { kind: 'member'; title: string; credit: string; sections: HomeSection[] };

const MAX_CARDS = 6;

/** "2026-12-06": the member's local date a week from now, for the Pause button. */
function weekAhead(now: number, timezone: string): string {
  const d = addDays(wallClock(now, timezone), 7);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function buildHome(store: Store, query: HomeQuery): HomeView {
  const coop = store.coops.find(query.platform, query.coopRef);
  const member = coop ? store.members.find(coop.id, query.memberRef) : undefined;
  if (!coop || !member || member.forgottenAt !== null) return { kind: 'newcomer' };
  const timezone = timezoneOf(member, coop);
  const rules = store.coops.rules(coop.id);
  const balance = store.ledger.balance(store.ledger.accountOfHousehold(member.householdId));
  const card = (swap: Swap): Card => swapCard(swap, loadSwapPeople(store, swap), { timezone, coopTimezone: coop.timezone, dateOrder: coop.dateOrder });

  const mine = store.swaps.listMine(member.id, 50);
  const happening = mine.filter((s) => isHappening(s, store.swaps.parties(s.id)) || s.status === 'disputed');
  const ownOpen = mine.filter((s) => s.status === 'open' && s.ownerMemberId === member.id && !happening.includes(s));
  const others = store.swaps
    .listOpen(coop.id, query.now, 50)
    .filter((s) => s.ownerMemberId !== member.id && !mine.some((m) => m.id === s.id))
    .slice(0, MAX_CARDS)
    .map((s) => withoutOwnersButtons(card(s)));

  const sections: HomeSection[] = [
    happening.length ? { title: SECTION.upcoming, cards: happening.slice(0, MAX_CARDS).map(card) } : { title: SECTION.upcoming, text: SECTION.upcomingEmpty, cards: [] },
  ];
  if (ownOpen.length) sections.push({ title: SECTION.mine, cards: ownOpen.slice(0, MAX_CARDS).map(card) });
  sections.push(others.length ? { title: SECTION.open, cards: others } : { title: SECTION.open, text: SECTION.openEmpty, cards: [] });
  sections.push({ title: SECTION.checkin, cards: [checkinCard(store.checkins.get(member.id), coop.checkin, timezone, query.now, weekAhead(query.now, timezone))] });
  return { kind: 'member', title: HOME_TITLE, credit: creditText(balance, rules), sections };
}

/** On someone else's open swap, only Volunteer or Book is for this member. */
function withoutOwnersButtons(card: Card): Card {
  return { ...card, buttons: (card.buttons ?? []).filter((b) => b.action.sub === 'volunteer' || b.action.sub === 'book') };
}

