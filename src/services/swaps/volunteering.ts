import type { Card, MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { timezoneOf } from '../../domain/members.ts';
import { formatCredits } from '../../domain/money.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import { apply, type Swap } from '../../domain/swaps.ts';
import { formatWhen } from '../../domain/when.ts';
import { kidsText } from '../../messages/swap-cards.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { balanceOf } from '../credits/accounts.ts';
import { activeParty, cardFor, findSwap, swapPeople } from './lookup.ts';
import { openSitThread } from './sit-threads.ts';

// A request's matching: neighbours volunteer, the family that asked chooses one.

export function notStarted(ctx: CommandContext, swap: Swap, doing: string): void {
  if (swap.startsAt <= ctx.now) throw new UserError(`#${swap.number} has already started, so it is too late to ${doing}.`, { code: 'too_late' });
}

export function volunteer(ctx: CommandContext, number: number): Reply {
  const swap = findSwap(ctx, number);
  if (swap.kind !== 'request') throw new UserError(`#${number} is an ${swap.kind}, not a request: use \`/swap book id:${number}\` instead.`);
  if (swap.ownerMemberId === ctx.member.id) throw new UserError(`#${number} is your own request; a neighbour will volunteer for it.`);
  apply(swap, 'volunteer');
  notStarted(ctx, swap, 'volunteer');
  if (activeParty(ctx, swap, ctx.member.id, 'volunteer')) {
    return { visibility: 'private', text: `You've already volunteered for #${number}. I'll tell you if you're chosen.` };
  }
  const price = priceOfSwap(swap, swap.kids);
  const balance = balanceOf(ctx, ctx.member);
  if (balance + price > ctx.rules.cap) {
    throw new UserError(
      `You've banked ${formatCredits(balance)} and the co-op's cap is ${formatCredits(ctx.rules.cap)}; this sit would take you over it. Time to book a break for yourself!`,
      { code: 'limit' },
    );
  }
  ctx.store.swaps.addParty(swap.id, ctx.member.id, 'volunteer', null, null, ctx.now);
  const people = swapPeople(ctx, swap);
  ctx.dm(people.owner, {
    text: `${ctx.member.displayName} volunteered to sit #${number} (${formatWhen(swap.startsAt, swap.endsAt, timezoneOf(people.owner, ctx.coop))}).`,
    cards: [chooseCard(ctx, swap)],
  });
  return { visibility: 'private', text: `Thank you! I've told ${people.owner.displayName} you can sit #${number}. I'll let you know if you're chosen.` };
}

/** Volunteers with the lowest balances first: choosing them is the fairest. */
function chooseCard(ctx: CommandContext, swap: Swap): Card {
  const volunteers = swapPeople(ctx, swap)
    .volunteers.map(({ member }) => ({ member, balance: balanceOf(ctx, member) }))
    .sort((a, b) => a.balance - b.balance || a.member.id - b.member.id);
  return {
    title: `Volunteers for #${swap.number}`,
    text: 'Lowest balance first — picking them keeps the co-op fair.',
    fields: volunteers.map(({ member, balance }) => ({ label: member.displayName, value: formatCredits(balance) })),
    buttons: volunteers.slice(0, 5).map(({ member }) => ({
      label: `Choose ${member.displayName}`,
      style: 'primary' as const,
      action: { command: 'swap', sub: 'choose', options: { id: swap.number, member: member.externalRef } },
    })),
  };
}

export function choose(ctx: CommandContext, number: number, who: MemberRef): Reply {
  const swap = findSwap(ctx, number);
  if (swap.kind !== 'request') throw new UserError(`Only requests have volunteers to choose from; #${number} is an ${swap.kind}.`);
  if (swap.ownerMemberId !== ctx.member.id) throw new UserError(`Only the parent who asked for #${number} can choose the sitter.`, { code: 'not_allowed' });
  const next = apply(swap, 'choose');
  notStarted(ctx, swap, 'choose a sitter');
  const sitter = ctx.findMember(who);
  const party = activeParty(ctx, swap, sitter.id, 'volunteer');
  if (!party) throw new UserError(`${sitter.displayName} hasn't volunteered for #${number}. \`/swap list show:mine\` shows who has.`);
  ctx.store.swaps.addParty(swap.id, sitter.id, 'sitter', null, null, ctx.now);
  ctx.store.swaps.moveTo(swap.id, next, ctx.now);
  syncSwapJobs(ctx.store, swap.id, ctx.now); // reminders, the completion prompt
  const when = formatWhen(swap.startsAt, swap.endsAt, timezoneOf(sitter, ctx.coop));
  ctx.dm(sitter, { text: `${ctx.member.displayName} chose you to sit #${number}, ${when}, ${kidsText(swap.kids)}. Thank you!` });
  for (const other of swapPeople(ctx, swap).volunteers) {
    if (other.member.id === sitter.id) continue;
    ctx.store.swaps.setPartyStatus(other.party.id, 'not_chosen');
    ctx.dm(other.member, { text: `${ctx.member.displayName} found a sitter for #${number}. Thank you for offering — it means a lot.` });
  }
  openSitThread(ctx, swap.id, ctx.member, sitter, { text: `#${number} is taken — ${sitter.displayName} is sitting for ${ctx.member.displayName}.`, cards: [cardFor(ctx, ctx.store.swaps.get(swap.id))] });
  return { visibility: 'private', text: `${sitter.displayName} is sitting #${number}. Enjoy your time off — you've earned it.` };
}
