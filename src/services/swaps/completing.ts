import type { Reply } from '../../core/types.ts';
import { settlementOf } from '../../db/swap-people.ts';
import { UserError } from '../../domain/errors.ts';
import type { Member } from '../../domain/members.ts';
import { formatCredits, parseCreditAmount } from '../../domain/money.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import { apply, type Swap } from '../../domain/swaps.ts';
import { formatWhen, MAX_SIT_MINUTES } from '../../domain/when.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { activeParty, findSwap, swapPeople } from './lookup.ts';

/** `/swap done`: the family confirms (credits move), a session's host confirms for everyone, a sitter says it went ahead. */
export function done(ctx: CommandContext, number: number, hoursText: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  const reply = confirm(ctx, swap, hoursText);
  syncSwapJobs(ctx.store, swap.id, ctx.now); // the sitter's word starts the 48 h; a settled swap needs no more prompts
  return reply;
}

function confirm(ctx: CommandContext, swap: Swap, hoursText: string | undefined): Reply {
  const { number } = swap;
  if (ctx.now < swap.endsAt) {
    const ends = formatWhen(swap.startsAt, swap.endsAt, ctx.timezone);
    throw new UserError(`#${number} hasn't ended yet (${ends}). Confirm it once it's over.`, { code: 'too_early' });
  }
  const people = swapPeople(ctx, swap);
  const family = activeParty(ctx, swap, ctx.member.id, 'family');
  const isSitter = people.sitter?.id === ctx.member.id;
  if (swap.kind === 'session') {
    if (!isSitter) throw new UserError(`${people.owner.displayName} hosted #${number} and confirms it; thank you for joining!`, { code: 'not_allowed' });
    return settle(ctx, swap, people.owner, people.families.map((f) => ({ member: f.member, price: f.party.price ?? 0 })));
  }
  if (family) {
    if (!people.sitter) throw new UserError(`Nobody was sitting #${number}, so there is nothing to confirm.`, { code: 'state' });
    const price = hoursText ? repriced(swap, family.kids ?? 1, hoursText) : (family.price ?? 0);
    return settle(ctx, swap, people.sitter, [{ member: ctx.member, price }]);
  }
  if (isSitter) {
    apply(swap, 'sitter_done');
    if (swap.sitterDoneAt !== null) return { visibility: 'private', text: `Already noted — waiting for the family to confirm #${number}.` };
    ctx.store.swaps.markSitterDone(swap.id, ctx.now);
    for (const f of people.families) {
      ctx.dm(f.member, {
        text: `${ctx.member.displayName} says #${number} went ahead. If it did, confirm so the credits move.`,
        cards: [{ title: `#${number}`, buttons: [{ label: 'It happened', style: 'success', action: { command: 'swap', sub: 'done', options: { id: number } } }] }],
      });
    }
    return { visibility: 'private', text: `Thanks for sitting #${number}! I've asked the family to confirm.` };
  }
  throw new UserError(`Only the people in #${number} can confirm it.`, { code: 'not_allowed' });
}

function repriced(swap: Swap, kids: number, hoursText: string): number {
  const minutes = parseCreditAmount(hoursText, { allowNegative: false });
  if (minutes > MAX_SIT_MINUTES) throw new UserError('A sit can be at most 24 h. Use `hours:` for the real length, like `hours:3.5`.', { option: 'hours' });
  return priceOfSwap(swap, kids, minutes);
}

/** Moves the credits for a finished sit (each family pays the sitter) and resolves the swap, once. */
function settle(ctx: CommandContext, swap: Swap, sitter: Member, payers: { member: Member; price: number }[]): Reply {
  const next = apply(swap, 'complete');
  const { postings, total } = settlementOf(ctx.store, sitter, payers);
  if (total > 0) {
    ctx.store.ledger.record(
      { coopId: ctx.coop.id, kind: 'swap', postings, memo: `sit #${swap.number}`, swapId: swap.id, actorMemberId: ctx.member.id, at: ctx.now },
      { limits: ctx.rules },
    );
  }
  ctx.store.swaps.moveTo(swap.id, next, ctx.now);
  const amount = formatCredits(total);
  if (sitter.id !== ctx.member.id) {
    ctx.dm(sitter, { text: `${ctx.member.displayName} confirmed #${swap.number}: ${amount} moved to you. Thank you for sitting!` });
    return { visibility: 'private', text: `Done: ${amount} moved to ${sitter.displayName} for #${swap.number}. I hope you enjoyed the time for yourself.` };
  }
  for (const { member, price } of payers) ctx.dm(member, { text: `${sitter.displayName} confirmed #${swap.number}: ${formatCredits(price)} paid. Hope it was a good break!` });
  return { visibility: 'private', text: `Done: ${amount} moved to you for #${swap.number}. Thank you for hosting!` };
}
