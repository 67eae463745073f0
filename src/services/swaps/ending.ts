import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { Reply } from '../../core/types.ts';
import type { Member } from '../../db/repositories/members.ts';
import type { Swap } from '../../db/repositories/swaps.ts';
import { movement, type Posting } from '../../domain/ledger.ts';
import { formatCredits, parseCreditAmount } from '../../domain/money.ts';
import { quote } from '../../domain/pricing.ts';
import { transition } from '../../domain/swaps.ts';
import { formatWhen } from '../../domain/when.ts';
import { swapCard } from '../../messages/swap-cards.ts';
import { activeParty, balanceOf, findSwap, swapPeople } from './lookup.ts';

const HOUR = 3_600_000;

export function cancel(ctx: CommandContext, number: number, reason: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  const people = swapPeople(ctx, swap);
  const why = reason ? ` (${reason})` : '';
  // Once a sit has started with someone booked or chosen, only `/swap done` (it happened, or it didn't) ends it.
  const matched = swap.status === 'accepted' || people.families.some((f) => f.member.id !== swap.ownerMemberId);
  if (matched && swap.startsAt <= ctx.now) {
    throw new UserError(`#${number} has already started. If it didn't happen, say so with \`/swap done id:${number}\` or ask an admin.`);
  }
  if (swap.ownerMemberId === ctx.member.id) {
    transition(swap.kind, swap.number, swap.status, 'cancel');
    const counterparts = [...(people.sitter && people.sitter.id !== ctx.member.id ? [people.sitter] : []), ...people.families.map((f) => f.member)]
      .filter((m) => m.id !== ctx.member.id);
    if (swap.status === 'accepted') for (const other of counterparts) chargeLateCancel(ctx, swap, ctx.member, other);
    ctx.store.swaps.markResolved(swap.id, 'cancelled', ctx.now, reason ?? null);
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
    const next = transition(swap.kind, swap.number, swap.status, 'withdraw');
    chargeLateCancel(ctx, swap, ctx.member, people.owner);
    ctx.store.swaps.setPartyStatus(sitterParty.id, 'withdrawn');
    if (volunteerParty) ctx.store.swaps.setPartyStatus(volunteerParty.id, 'withdrawn');
    ctx.store.swaps.setStatus(swap.id, next as 'open');
    ctx.dm(people.owner, { text: `${ctx.member.displayName} can't sit #${number} any more${why}. It's open again; I've re-posted it.` });
    ctx.post({ text: `#${number} needs a sitter again.`, cards: [swapCard(ctx, ctx.store.swaps.get(swap.id))] });
    return { visibility: 'private', text: `You're no longer sitting #${number}. I've told ${people.owner.displayName}.` };
  }
  if (volunteerParty) {
    transition(swap.kind, swap.number, swap.status, 'withdraw');
    ctx.store.swaps.setPartyStatus(volunteerParty.id, 'withdrawn');
    ctx.dm(people.owner, { text: `${ctx.member.displayName} withdrew from #${number}${why}.` });
    return { visibility: 'private', text: `You've withdrawn from #${number}. No problem at all.` };
  }
  if (familyParty) {
    const next = transition(swap.kind, swap.number, swap.status, 'withdraw');
    chargeLateCancel(ctx, swap, ctx.member, people.owner);
    ctx.store.swaps.setPartyStatus(familyParty.id, 'withdrawn');
    if (swap.kind === 'offer') ctx.store.swaps.setStatus(swap.id, next as 'open');
    ctx.dm(people.owner, { text: `${ctx.member.displayName} cancelled their booking of #${number}${why}.` });
    return { visibility: 'private', text: `Your booking of #${number} is cancelled. I've told ${people.owner.displayName}.` };
  }
  throw new UserError(`You're not part of #${number}, so there is nothing of yours to cancel.`);
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

export function done(ctx: CommandContext, number: number, hoursText: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  if (ctx.now < swap.endsAt) {
    const ends = formatWhen(swap.startsAt, swap.endsAt, ctx.timezone);
    throw new UserError(`#${number} hasn't ended yet (${ends}). Confirm it once it's over.`);
  }
  const people = swapPeople(ctx, swap);
  const family = activeParty(ctx, swap, ctx.member.id, 'family');
  const isSitter = people.sitter?.id === ctx.member.id;
  if (swap.kind === 'session') {
    if (!isSitter) throw new UserError(`${people.owner.displayName} hosted #${number} and confirms it; thank you for joining!`);
    return settle(ctx, swap, people.owner, people.families.map((f) => ({ member: f.member, price: f.party.price ?? 0 })));
  }
  if (family) {
    if (!people.sitter) throw new UserError(`Nobody was sitting #${number}, so there is nothing to confirm.`);
    const price = hoursText ? repriced(swap, family.kids ?? 1, hoursText) : (family.price ?? 0);
    return settle(ctx, swap, people.sitter, [{ member: ctx.member, price }]);
  }
  if (isSitter) {
    transition(swap.kind, swap.number, swap.status, 'sitter_done');
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
  throw new UserError(`Only the people in #${number} can confirm it.`);
}

function repriced(swap: Swap, kids: number, hoursText: string): number {
  const minutes = parseCreditAmount(hoursText, { allowNegative: false });
  if (minutes > 24 * 60) throw new UserError('A sit can be at most 24 h. Use `hours:` for the real length, like `hours:3.5`.');
  const rates = { ratePerHour: swap.rate, extraChildRatePerHour: swap.kind === 'session' ? swap.rate : swap.extraChildRate };
  return quote({ startsAt: 0, endsAt: minutes * 60_000, kids }, rates).price;
}

/** Moves the credits for a finished sit (each family pays the sitter) and resolves the swap, once. */
function settle(ctx: CommandContext, swap: Swap, sitter: Member, payers: { member: Member; price: number }[]): Reply {
  transition(swap.kind, swap.number, swap.status, 'complete');
  const sitterAccount = ctx.store.ledger.accountOfHousehold(sitter.householdId);
  const postings: Posting[] = [];
  let total = 0;
  for (const { member, price } of payers) {
    if (price <= 0 || member.householdId === sitter.householdId) continue;
    postings.push({ accountId: ctx.store.ledger.accountOfHousehold(member.householdId), amount: -price });
    total += price;
  }
  if (total > 0) {
    postings.push({ accountId: sitterAccount, amount: total });
    ctx.store.ledger.record(
      { coopId: ctx.coop.id, kind: 'swap', postings, memo: `sit #${swap.number}`, swapId: swap.id, actorMemberId: ctx.member.id, at: ctx.now },
      { limits: ctx.rules },
    );
  }
  ctx.store.swaps.markResolved(swap.id, 'completed', ctx.now, null);
  const amount = formatCredits(total);
  if (sitter.id !== ctx.member.id) {
    ctx.dm(sitter, { text: `${ctx.member.displayName} confirmed #${swap.number}: ${amount} moved to you. Thank you for sitting!` });
    return { visibility: 'private', text: `Done: ${amount} moved to ${sitter.displayName} for #${swap.number}. I hope you enjoyed the time for yourself.` };
  }
  for (const { member, price } of payers) ctx.dm(member, { text: `${sitter.displayName} confirmed #${swap.number}: ${formatCredits(price)} paid. Hope it was a good break!` });
  return { visibility: 'private', text: `Done: ${amount} moved to you for #${swap.number}. Thank you for hosting!` };
}

