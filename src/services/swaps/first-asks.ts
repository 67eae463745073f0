import { priceOfSwap } from '../../domain/pricing.ts';
import type { Swap } from '../../domain/swaps.ts';
import { firstAsk } from '../../messages/asks.ts';
import { memberView, whenText } from '../../messages/times.ts';
import type { CommandContext } from '../context.ts';

// Fair first asks: when a request is posted, the few families who have had the least sitting back lately (the lowest
// balances) hear about it privately, before anyone else is nudged. The channel post is the same as ever, and nobody
// is told a balance or why they were asked. An ask is one of the week's two unprompted messages, and better not sent
// than sent late: a family the delivery policy would hold back (paused, quiet hours, no room this week) or that
// turned nudges off is passed over for the next.

export const FIRST_ASKS = 3;
/** How far down the balances first asks look: past these families, an ask is no longer "the least sitting back". */
export const FIRST_ASK_LOOK = 12;

/** Asks up to three families about a new request; returns how many were asked. */
export function askFirstFamilies(ctx: CommandContext, swap: Swap): number {
  if (swap.kind !== 'request') return 0;
  const earns = priceOfSwap(swap, swap.kids);
  const family = ctx.store.households.get(ctx.member.householdId).name || ctx.member.displayName;
  const asked = new Set<number>();
  const considered = new Set<number>();
  for (const candidate of ctx.store.firstAsks.candidates(ctx.coop.id, ctx.member.householdId)) {
    if (asked.size >= FIRST_ASKS) break;
    // A family this sit would take past the cap could not say yes; a family already asked has been.
    if (asked.has(candidate.householdId) || candidate.balance + earns > ctx.rules.cap) continue;
    considered.add(candidate.householdId);
    if (considered.size > FIRST_ASK_LOOK) break;
    const member = ctx.store.members.get(candidate.memberId);
    // A family that paused its check-ins or turned nudges off is taking a step back: not the one to ask.
    const settings = ctx.store.checkins.get(member.id);
    if (settings.nudgesOff || (settings.pausedUntil !== null && settings.pausedUntil > ctx.now)) continue;
    const message = firstAsk({ swapNumber: swap.number, family, when: whenText(swap.startsAt, swap.endsAt, memberView(member, ctx.coop)), kids: swap.kids, earns, note: swap.note });
    const sent = ctx.dm(member, message, {
      dedupeKey: `swap:${swap.id}:first-ask:${member.id}`,
      delivery: { kind: 'unprompted', optional: true, expiresAt: swap.startsAt },
      countAs: 'first_ask',
    });
    if (sent === 'sent') asked.add(candidate.householdId);
  }
  return asked.size;
}
