import { isHappening, sitterIdOf, type Swap, type SwapParty } from './swaps.ts';
import { HOUR } from './time.ts';

// The sitter's all's-well update ("both asleep by 8"): who may send one, and when. Only the confirmed sitter (a
// session's host), from the start of the sit until two hours after its end, so "home safe" still fits. It exists to
// let the parent be present on their night off, so it is short and rare.

/** One line: longer than this is a message for the sit's thread or a call, not an update. */
export const UPDATE_MAX = 300;
/** Updates still go this long after the end: "all home safe". */
export const UPDATES_AFTER = 2 * HOUR;
/** A sit's updates, at most: a parent on a night off hears a few lines, not a feed. */
export const UPDATES_PER_SIT = 10;
/** The same line again this soon is a double tap: it is not sent twice. */
export const SAME_UPDATE_WITHIN = 5 * 60_000;

/** One update as kept: for the parents of that sit only. */
export interface SitUpdate {
  id: number;
  coopId: number;
  swapId: number;
  sitterId: number;
  text: string;
  createdAt: number;
}

export type UpdateRefusal = 'not_sitter' | 'not_on' | 'too_early' | 'too_late';

export function updateWindow(swap: Pick<Swap, 'startsAt' | 'endsAt'>): { from: number; until: number } {
  return { from: swap.startsAt, until: swap.endsAt + UPDATES_AFTER };
}

/** Why `memberId` may not send an update for this sit now; undefined when they may. */
export function updateRefusal(swap: Swap, parties: readonly SwapParty[], memberId: number, now: number): UpdateRefusal | undefined {
  if (sitterIdOf(swap, parties) !== memberId) return 'not_sitter';
  // A sit confirmed as done (or waiting for the admins) still took place: "home safe" may follow it.
  if (!isHappening(swap, parties) && swap.status !== 'completed' && swap.status !== 'disputed') return 'not_on';
  const { from, until } = updateWindow(swap);
  if (now < from) return 'too_early';
  if (now > until) return 'too_late';
  return undefined;
}

/** Halfway through the sit: when its sitter is invited to send one. */
export function halfwayOf(swap: Pick<Swap, 'startsAt' | 'endsAt'>): number {
  return swap.startsAt + Math.floor((swap.endsAt - swap.startsAt) / 2);
}

/** An update is one line: line breaks and runs of spaces become single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
