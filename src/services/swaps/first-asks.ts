import type { Store } from '../../db/store.ts';
import type { Coop } from '../../domain/coops.ts';
import { quietUntil, timezoneOf, type Member } from '../../domain/members.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import type { Swap } from '../../domain/swaps.ts';
import { UNPROMPTED_PER_WEEK } from '../../domain/unprompted.ts';
import { weekKey } from '../../domain/weeks.ts';
import { formatWhen } from '../../domain/when.ts';
import { firstAsk } from '../../messages/asks.ts';
import type { CommandContext } from '../context.ts';

// Fair first asks: when a request is posted, the few families who have had the least sitting back lately (the lowest
// balances) hear about it privately, before anyone else is nudged. The channel post is the same as ever, and nobody
// is told a balance or why they were asked. An ask is one of the week's two unprompted messages; a family that cannot
// be asked now (pause, quiet hours, no room left this week, nudges off) is passed over for the next.

export const FIRST_ASKS = 3;

/** Asks up to three families about a new request; returns how many were asked. */
export function askFirstFamilies(ctx: CommandContext, swap: Swap): number {
  if (swap.kind !== 'request') return 0;
  const earns = priceOfSwap(swap, swap.kids);
  const family = ctx.store.households.get(ctx.member.householdId).name || ctx.member.displayName;
  const asked = new Set<number>();
  for (const candidate of ctx.store.firstAsks.candidates(ctx.coop.id, ctx.member.householdId)) {
    if (asked.size >= FIRST_ASKS) break;
    // A family this sit would take past the cap could not say yes; a family already asked has been.
    if (asked.has(candidate.householdId) || candidate.balance + earns > ctx.rules.cap) continue;
    const member = ctx.store.members.get(candidate.memberId);
    if (!mayAskNow(ctx.store, ctx.coop, member, ctx.now)) continue;
    const timezone = timezoneOf(member, ctx.coop);
    ctx.dm(member, firstAsk({ swapNumber: swap.number, family, when: formatWhen(swap.startsAt, swap.endsAt, timezone), kids: swap.kids, earns, note: swap.note }), `swap:${swap.id}:first-ask:${member.id}`);
    ctx.store.unprompted.record(member.id, 'first_ask', weekKey(ctx.now, timezone), ctx.now);
    asked.add(candidate.householdId);
  }
  return asked.size;
}

/** Not paused, nudges on, not in quiet hours, and room in this week's two (one kept for a check-in still to come). */
export function mayAskNow(store: Store, coop: Coop, member: Member, now: number): boolean {
  const settings = store.checkins.get(member.id);
  if (settings.nudgesOff || (settings.pausedUntil !== null && settings.pausedUntil > now)) return false;
  if (quietUntil(member, coop, now) !== undefined) return false;
  const timezone = timezoneOf(member, coop);
  const week = weekKey(now, timezone);
  const checkinToCome = !settings.off && store.jobs.pendingForMember(member.id, 'checkin').some((j) => j.dueAt > now && weekKey(j.dueAt, timezone) === week);
  return store.unprompted.countInWeek(member.id, week) < UNPROMPTED_PER_WEEK - (checkinToCome ? 1 : 0);
}
