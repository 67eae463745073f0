import { familyParties, isHappening, sitterIdOf, type Swap, type SwapParty } from './swaps.ts';
import { HOUR } from './time.ts';

// The child card: one per household, about its children. Who may see it, and when, is decided here and only here:
// the confirmed sitter (a session's host) of a sit of that household that is on, from 24 h before the start until
// 2 h after the end. Never a volunteer, never a channel, never an admin, never the sitter's partner.

export const CHILD_CARD_MAX = 1500;
export const CARD_SHOWN_BEFORE = 24 * HOUR;
export const CARD_SHOWN_AFTER = 2 * HOUR;

/** A household's card. */
export interface ChildCard {
  householdId: number;
  text: string;
  updatedBy: number;
  updatedAt: number;
}

export type ShowingVia = 'reminder' | 'button' | 'accepted';

/** One time a sitter was shown a household's card. */
export interface CardShowing {
  householdId: number;
  memberId: number;
  swapId: number;
  swapNumber: number;
  via: ShowingVia;
  shownAt: number;
}

/** What a parent fills in: the form starts with it, and the card's help names the same things. */
export const CHILD_CARD_TEMPLATE = [
  'Children (first name, age):',
  'Allergies and medicines:',
  'Bedtime and routines:',
  'What comforts them:',
  'Emergency contact (name, phone):',
  'A second adult to call:',
].join('\n');

export function cardWindow(swap: Pick<Swap, 'startsAt' | 'endsAt'>): { from: number; until: number } {
  return { from: swap.startsAt - CARD_SHOWN_BEFORE, until: swap.endsAt + CARD_SHOWN_AFTER };
}

/** Why a member may not see a sit's cards now; undefined when they may. */
export type CardRefusal = 'not_sitter' | 'not_on' | 'too_early' | 'too_late';

/**
 * May `viewerId` see the cards of this sit's families at `now`? Only its confirmed sitter (a session's host), only
 * while the sit is on (accepted, or a session with bookings), only inside the window.
 */
export function cardRefusal(swap: Swap, parties: readonly SwapParty[], viewerId: number, now: number): CardRefusal | undefined {
  if (sitterIdOf(swap, parties) !== viewerId) return 'not_sitter';
  if (!isHappening(swap, parties)) return 'not_on';
  const { from, until } = cardWindow(swap);
  if (now < from) return 'too_early';
  if (now > until) return 'too_late';
  return undefined;
}

/** The households sat for in a sit (each once), the sitter's own household never among them. */
export function familyHouseholds(parties: readonly SwapParty[], householdOf: (memberId: number) => number, sitterHousehold: number): number[] {
  const households = familyParties(parties).map((p) => householdOf(p.memberId));
  return [...new Set(households)].filter((h) => h !== sitterHousehold);
}

/** The card's text as typed: `delete` (or `remove`) alone takes the card away. */
export function isCardRemoval(text: string): boolean {
  return /^(delete|remove)$/i.test(text.trim());
}
