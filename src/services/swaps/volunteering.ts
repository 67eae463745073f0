import { sitNews } from '../../domain/delivery.ts';
import type { Card, MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import { apply, type Swap } from '../../domain/swaps.ts';
import { tooHighText, tooLowText } from '../../messages/credits.ts';
import { kidsText, kindText } from '../../messages/swap-cards.ts';
import { memberView, whenText } from '../../messages/times.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { balanceOf } from '../credits/accounts.ts';
import { afterSitAccepted } from './accepted.ts';
import { activeParty, channelCardFor, findSwap, postedByHousehold, swapPeople } from './lookup.ts';
import { openSitThread } from './sit-threads.ts';
import { refuseDroppedSitter } from './reopen.ts';

// A request's matching: neighbours volunteer, the family that asked chooses one.

export function notStarted(ctx: CommandContext, swap: Swap, doing: string): void {
  if (swap.startsAt <= ctx.now) throw new UserError(`#${swap.number} has already started, so it's too late to ${doing} — \`/swap list\` shows what's still open.`, { code: 'too_late' });
}

export function volunteer(ctx: CommandContext, number: number): Reply {
  const swap = findSwap(ctx, number);
  if (swap.kind !== 'request') throw new UserError(`#${number} is ${kindText(swap.kind)}, not a request for a sitter — \`/swap book id:${number}\` books it.`);
  if (postedByHousehold(ctx, swap, ctx.member)) throw new UserError(`#${number} is your own family's request; a neighbour will volunteer for it.`, { code: 'not_allowed' });
  apply(swap, 'volunteer');
  notStarted(ctx, swap, 'volunteer');
  refuseDroppedSitter(ctx, swap);
  if (activeParty(ctx, swap, ctx.member.id, 'volunteer')) {
    return { visibility: 'private', text: `You've already volunteered for #${number}. I'll tell you if you're chosen.` };
  }
  const price = priceOfSwap(swap, swap.kids);
  const balance = balanceOf(ctx, ctx.member);
  if (balance + price > ctx.rules.cap) {
    throw new UserError(tooHighText(balance, ctx.rules.cap), { code: 'limit' });
  }
  ctx.store.swaps.addParty(swap.id, ctx.member.id, 'volunteer', null, null, ctx.now);
  const people = swapPeople(ctx, swap);
  ctx.dm(people.owner, {
    text: `${ctx.member.displayName} volunteered to sit #${number} (${whenText(swap.startsAt, swap.endsAt, memberView(people.owner, ctx.coop))}) — choose below whenever you're ready.`,
    cards: [chooseCard(ctx, swap)],
  }, { delivery: sitNews(swap.startsAt, ctx.now), onlyWhile: { swapId: swap.id, status: 'open' } });
  return { visibility: 'private', text: `Thank you! I've told ${people.owner.displayName} you can sit #${number}. I'll let you know if you're chosen.` };
}

/**
 * Volunteers in the fairest order (those who have had least sitting back come first, by balance), without anyone's
 * balance: those are private.
 */
function chooseCard(ctx: CommandContext, swap: Swap): Card {
  const volunteers = swapPeople(ctx, swap)
    .volunteers.map(({ member }) => ({ member, balance: balanceOf(ctx, member) }))
    .sort((a, b) => a.balance - b.balance || a.member.id - b.member.id);
  return {
    title: `Volunteers for #${swap.number}`,
    text: 'Any of them would be lovely. If you can’t decide, the first has had the least sitting back lately.',
    fields: volunteers.map(({ member }, i) => ({ label: `${i + 1}`, value: member.displayName })),
    buttons: volunteers.slice(0, 5).map(({ member }) => ({
      label: `Choose ${member.displayName}`,
      style: 'primary' as const,
      action: { command: 'swap', sub: 'choose', options: { id: swap.number, member: member.externalRef } },
    })),
  };
}

export function choose(ctx: CommandContext, number: number, who: MemberRef): Reply {
  const swap = findSwap(ctx, number);
  if (swap.kind !== 'request') throw new UserError(`#${number} is ${kindText(swap.kind)}, so there are no volunteers to choose from — families book it instead.`);
  if (!postedByHousehold(ctx, swap, ctx.member)) throw new UserError(`Only the family who asked for #${number} can choose the sitter.`, { code: 'not_allowed' });
  const next = apply(swap, 'choose');
  notStarted(ctx, swap, 'choose a sitter');
  const sitter = ctx.findMember(who);
  const party = activeParty(ctx, swap, sitter.id, 'volunteer');
  if (!party) throw new UserError(`${sitter.displayName} hasn't volunteered for #${number}. \`/swap list show:mine\` shows who has.`);
  // Choosing is a new commitment: the limits hold for both sides, without showing the sitter's figures.
  const price = priceOfSwap(swap, swap.kids);
  if (balanceOf(ctx, sitter) + price > ctx.rules.cap) {
    throw new UserError(`${sitter.displayName} can't take on this sit just now — choose someone else, or ask again later.`, { code: 'limit' });
  }
  const mine = balanceOf(ctx, ctx.member);
  if (mine - price < ctx.rules.floor) {
    throw new UserError(tooLowText(price, mine, ctx.rules.floor), { code: 'limit' });
  }
  ctx.store.swaps.addParty(swap.id, sitter.id, 'sitter', null, null, ctx.now);
  ctx.store.swaps.moveTo(swap.id, next, ctx.now);
  syncSwapJobs(ctx.store, swap.id, ctx.now); // reminders, the completion prompt
  const when = whenText(swap.startsAt, swap.endsAt, memberView(sitter, ctx.coop));
  ctx.dm(sitter, { text: `${ctx.member.displayName} chose you to sit #${number}, ${when}, ${kidsText(swap.kids)}. Thank you!` }, { delivery: sitNews(swap.startsAt, ctx.now, 'change') });
  for (const other of swapPeople(ctx, swap).volunteers) {
    if (other.member.id === sitter.id) continue;
    ctx.store.swaps.setPartyStatus(other.party.id, 'not_chosen');
    ctx.dm(other.member, { text: `${ctx.member.displayName} found a sitter for #${number}. Thank you for offering — it means a lot.` }, { delivery: { kind: 'unprompted', optional: true, expiresAt: swap.startsAt } });
  }
  openSitThread(ctx, swap.id, ctx.member, sitter, { text: `#${number} is taken — ${sitter.displayName} is sitting for ${ctx.member.displayName}.`, cards: [channelCardFor(ctx, ctx.store.swaps.get(swap.id))] });
  afterSitAccepted(ctx, swap, ctx.member); // the child card: asked for once, or handed over now if the sit is close
  return { visibility: 'private', text: `${sitter.displayName} is sitting #${number}. Enjoy your time off — you've earned it.` };
}
