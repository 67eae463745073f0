import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { movement } from '../../domain/ledger.ts';
import type { Member } from '../../domain/members.ts';
import { apply, type Swap } from '../../domain/swaps.ts';
import { HOUR } from '../../domain/time.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { balanceOf } from '../credits/accounts.ts';
import { activeParty, cardFor, findSwap, swapPeople } from './lookup.ts';

/** `/swap cancel`: the owner calls the swap off; a sitter, volunteer or booking family steps back from it. */
export function cancel(ctx: CommandContext, number: number, reason: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  const reply = cancelOrWithdraw(ctx, swap, reason);
  syncSwapJobs(ctx.store, swap.id, ctx.now); // reminders stop, or expiry returns
  return reply;
}

function cancelOrWithdraw(ctx: CommandContext, swap: Swap, reason: string | undefined): Reply {
  const { number } = swap;
  const people = swapPeople(ctx, swap);
  const why = reason ? ` (${reason})` : '';
  // Once a sit has started with someone booked or chosen, only `/swap done` (it happened, or it didn't) ends it.
  const matched = swap.status === 'accepted' || people.families.some((f) => f.member.id !== swap.ownerMemberId);
  if (matched && swap.startsAt <= ctx.now) {
    throw new UserError(`#${number} has already started. If it didn't happen, say so with \`/swap done id:${number}\` or ask an admin.`, { code: 'too_late' });
  }
  if (swap.ownerMemberId === ctx.member.id) {
    const next = apply(swap, 'cancel');
    const counterparts = [...(people.sitter && people.sitter.id !== ctx.member.id ? [people.sitter] : []), ...people.families.map((f) => f.member)]
      .filter((m) => m.id !== ctx.member.id);
    if (swap.status === 'accepted') for (const other of counterparts) chargeLateCancel(ctx, swap, ctx.member, other);
    ctx.store.swaps.moveTo(swap.id, next, ctx.now, reason ?? null);
    const told = new Set<number>();
    for (const other of [...counterparts, ...people.volunteers.map((v) => v.member)]) {
      if (told.has(other.id)) continue;
      told.add(other.id);
      ctx.dm(other, { text: `${ctx.member.displayName} cancelled #${number}${why}. No credits moved.` });
    }
    ctx.post({ text: `#${number} was cancelled.` });
    return { visibility: 'private', text: `#${number} is cancelled.${counterparts.length || people.volunteers.length ? ' I let everyone involved know.' : ''}` };
  }

  const volunteerParty = activeParty(ctx, swap, ctx.member.id, 'volunteer');
  const sitterParty = activeParty(ctx, swap, ctx.member.id, 'sitter');
  const familyParty = activeParty(ctx, swap, ctx.member.id, 'family');
  if (sitterParty) {
    const next = apply(swap, 'withdraw');
    chargeLateCancel(ctx, swap, ctx.member, people.owner);
    ctx.store.swaps.setPartyStatus(sitterParty.id, 'withdrawn');
    if (volunteerParty) ctx.store.swaps.setPartyStatus(volunteerParty.id, 'withdrawn');
    ctx.store.swaps.moveTo(swap.id, next, ctx.now);
    ctx.dm(people.owner, { text: `${ctx.member.displayName} can't sit #${number} any more${why}. It's open again; I've re-posted it.` });
    ctx.post({ text: `#${number} needs a sitter again.`, cards: [cardFor(ctx, ctx.store.swaps.get(swap.id))] });
    return { visibility: 'private', text: `You're no longer sitting #${number}. I've told ${people.owner.displayName}.` };
  }
  if (volunteerParty) {
    apply(swap, 'withdraw');
    ctx.store.swaps.setPartyStatus(volunteerParty.id, 'withdrawn');
    ctx.dm(people.owner, { text: `${ctx.member.displayName} withdrew from #${number}${why}.` });
    return { visibility: 'private', text: `You've withdrawn from #${number}. No problem at all.` };
  }
  if (familyParty) {
    const next = apply(swap, 'withdraw');
    chargeLateCancel(ctx, swap, ctx.member, people.owner);
    ctx.store.swaps.setPartyStatus(familyParty.id, 'withdrawn');
    ctx.store.swaps.moveTo(swap.id, next, ctx.now);
    ctx.dm(people.owner, { text: `${ctx.member.displayName} cancelled their booking of #${number}${why}.` });
    return { visibility: 'private', text: `Your booking of #${number} is cancelled. I've told ${people.owner.displayName}.` };
  }
  throw new UserError(`You're not part of #${number}, so there is nothing of yours to cancel.`, { code: 'not_allowed' });
}

/** A late cancellation pays the co-op's fee to the other side, never pushing either past the floor or the cap. */
function chargeLateCancel(ctx: CommandContext, swap: Swap, payer: Member, payee: Member): void {
  const fee = ctx.rules.late_cancel_fee;
  if (fee <= 0 || swap.startsAt - ctx.now >= ctx.rules.late_cancel_hours * HOUR) return;
  const amount = Math.min(fee, balanceOf(ctx, payer) - ctx.rules.floor, ctx.rules.cap - balanceOf(ctx, payee));
  if (amount <= 0) return;
  ctx.store.ledger.record(
    {
      coopId: ctx.coop.id,
      kind: 'late_cancel',
      postings: movement(ctx.store.ledger.accountOfHousehold(payer.householdId), ctx.store.ledger.accountOfHousehold(payee.householdId), amount),
      memo: `late cancellation of #${swap.number}`,
      swapId: swap.id,
      actorMemberId: ctx.member.id,
      at: ctx.now,
    },
    { limits: ctx.rules },
  );
}
