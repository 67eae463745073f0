import { sitNews } from '../../domain/delivery.ts';
import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import { apply } from '../../domain/swaps.ts';
import { ofCredit, tooLowText } from '../../messages/credits.ts';
import { kidsText } from '../../messages/swap-cards.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { balanceOf } from '../credits/accounts.ts';
import { afterSitAccepted } from './accepted.ts';
import { activeParty, findSwap, postedByHousehold, swapPeople } from './lookup.ts';
import { notStarted } from './volunteering.ts';
import { openSitThread } from './sit-threads.ts';

/** A family books an offer (first booking wins) or seats in a session (until it is full). */
export function book(ctx: CommandContext, number: number, kidsWanted: number | undefined): Reply {
  const swap = findSwap(ctx, number);
  if (swap.kind === 'request') throw new UserError(`#${number} is a family asking for a sitter — \`/swap volunteer id:${number}\` offers to sit for it.`);
  if (postedByHousehold(ctx, swap, ctx.member)) throw new UserError(`#${number} is your own family's — \`/swap list\` shows what neighbours offer.`, { code: 'not_allowed' });
  const next = apply(swap, 'book');
  notStarted(ctx, swap, 'book');
  if (activeParty(ctx, swap, ctx.member.id, 'family')) return { visibility: 'private', text: `You've already booked #${number}.` };
  const kids = kidsWanted ?? 1;
  const people = swapPeople(ctx, swap);
  const taken = people.families.reduce((sum, f) => sum + (f.party.kids ?? 0), 0);
  if (taken + kids > swap.kids) {
    const left = swap.kids - taken;
    if (left <= 0) throw new UserError(`#${number} is full — \`/swap list\` shows what else is open.`, { code: 'state' });
    const room = swap.kind === 'session' ? `has room for ${kidsText(left)} more` : `is for up to ${kidsText(left)}`;
    throw new UserError(`#${number} ${room} — try \`kids:${left}\`, or \`/swap list\` for another.`, { option: 'kids', code: 'state' });
  }
  const price = priceOfSwap(swap, kids);
  const balance = balanceOf(ctx, ctx.member);
  if (balance - price < ctx.rules.floor) {
    throw new UserError(tooLowText(price, balance, ctx.rules.floor), { code: 'limit' });
  }
  // The host is paid when it's done: a new commitment, so their limit holds too, without their figures.
  const host = people.owner;
  const hostWillHave = balanceOf(ctx, host) + people.families.reduce((sum, f) => sum + (f.party.price ?? 0), 0) + price;
  if (host.householdId !== ctx.member.householdId && hostWillHave > ctx.rules.cap) {
    throw new UserError(`${host.displayName} can't take this booking just now — \`/swap list\` shows other offers.`, { code: 'limit' });
  }
  ctx.store.swaps.addParty(swap.id, ctx.member.id, 'family', kids, price, ctx.now);
  ctx.store.swaps.moveTo(swap.id, next, ctx.now);
  syncSwapJobs(ctx.store, swap.id, ctx.now); // reminders, the completion prompt
  openSitThread(ctx, swap.id, ctx.member, host);
  ctx.dm(host, { text: `${ctx.member.displayName} booked #${number} for ${kidsText(kids)} — you'll earn ${ofCredit(price)}. Thank you!` }, { delivery: sitNews(swap.startsAt, ctx.now) });
  afterSitAccepted(ctx, swap, ctx.member); // the child card: asked for once, or handed over now if the sit is close
  return { visibility: 'private', text: `Booked #${number} with ${host.displayName} for ${kidsText(kids)} — ${ofCredit(price)} once it's done. Enjoy the break!` };
}
