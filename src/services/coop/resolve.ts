import type { MemberRef, Reply } from '../../core/types.ts';
import { isInSwap } from '../../db/swap-people.ts';
import type { Dispute, DisputeOutcome } from '../../domain/disputes.ts';
import { UserError } from '../../domain/errors.ts';
import { formatCredits } from '../../domain/money.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import { apply, type Swap } from '../../domain/swaps.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { readLength } from '../swaps/lengths.ts';
import { findSwap, swapPeople } from '../swaps/lookup.ts';
import { settleFromCommand } from '../swaps/settling.ts';

/**
 * `/coop resolve`: an admin ends a dispute in one transaction: pay as booked, pay some hours, or nothing happened.
 * The decision is recorded with who made it and why, both sides are told, and the other admins hear of it.
 */
export function resolveDispute(ctx: CommandContext, number: number, pay: DisputeOutcome, hoursText: string | undefined, note: string | undefined, familyRef: MemberRef | undefined): Reply {
  const swap = findSwap(ctx, number);
  const dispute = pickDispute(ctx, swap, familyRef);
  const people = swapPeople(ctx, swap);
  const others = ctx.store.members.coopAdmins(ctx.coop.id).filter((a) => a.id !== ctx.member.id && a.forgottenAt === null);
  if (isInSwap(people, ctx.member.id) && others.length > 0) {
    throw new UserError(`You're part of #${number}, so another admin decides it: ${others.map((a) => a.displayName).join(' or ')}.`, { code: 'not_allowed' });
  }
  if (pay === 'hours' && hoursText === undefined) throw new UserError('Say how many hours to pay, like `hours:2.5`.', { option: 'hours', code: 'missing_option' });
  if (pay !== 'hours' && hoursText !== undefined) throw new UserError('`hours:` goes with `pay:hours`.', { option: 'hours', code: 'bad_option' });
  const party = people.families.find((f) => f.party.id === dispute.partyId) ?? undefined;
  if (!party) throw new UserError(`The family in #${number} is no longer part of it; nothing to settle.`, { code: 'state' });
  const sitter = people.sitter ?? people.owner;
  const minutes = pay === 'hours' && hoursText !== undefined ? readLength(hoursText) : undefined;
  const price = pay === 'none' ? 0 : minutes === undefined ? (party.party.price ?? 0) : priceOfSwap(swap, party.party.kids ?? 1, minutes);
  const why = note ? ` (“${note}”)` : '';

  // A request or an offer leaves its frozen state: completed when paid, cancelled when it didn't happen.
  const close = swap.kind === 'session' ? undefined : { status: apply(swap, pay === 'none' ? 'void' : 'resolve'), note: note ?? `decided by ${ctx.member.displayName}` };
  ctx.store.disputes.resolve(dispute.id, { at: ctx.now, memberId: ctx.member.id, outcome: pay, paid: price, note: note ?? null });
  let outcome: string;
  if (price > 0) {
    const line = settleFromCommand(ctx, swap, sitter, [{ party: party.party, payer: party.member, price }], 'admin', close, note);
    outcome = `${formatCredits(price)} paid to ${sitter.displayName} for ${party.member.displayName}'s sit`;
    if (line) outcome += `. ${line}`;
  } else {
    if (close) ctx.store.swaps.moveTo(swap.id, close.status, ctx.now, close.note);
    for (const m of [party.member, sitter]) {
      if (m.id !== ctx.member.id) ctx.dm(m, { text: `${ctx.member.displayName} (a co-op admin) decided #${number} didn't happen as booked, so no credit moved${why}.` }, { delivery: { kind: 'sit', startsAt: swap.startsAt } });
    }
    outcome = 'nothing happened, so no credit moved';
  }
  // The other admins hear of it, unless they are in the sit themselves (they were told as a family or sitter).
  const inIt = (id: number) => isInSwap(people, id) || people.families.some((f) => f.member.householdId === ctx.store.members.get(id).householdId);
  for (const admin of others.filter((a) => !inIt(a.id))) ctx.dm(admin, { text: `${ctx.member.displayName} settled #${number}: ${pay === 'none' ? 'nothing happened, no credit moved' : `${formatCredits(price)} paid`}${why}.` });
  syncSwapJobs(ctx.store, swap.id, ctx.now);
  return { visibility: 'private', text: `Settled #${number}: ${outcome}. Both sides are told${others.length ? ', and so are the other admins' : ''}.` };
}

function pickDispute(ctx: CommandContext, swap: Swap, familyRef: MemberRef | undefined): Dispute {
  const open = ctx.store.disputes.openForSwap(swap.id);
  if (open.length === 0) throw new UserError(`#${swap.number} has nothing waiting for an admin.`, { code: 'state' });
  if (familyRef) {
    const family = ctx.findMember(familyRef);
    const found = open.find((d) => ctx.store.swaps.parties(swap.id).some((p) => p.id === d.partyId && p.memberId === family.id));
    if (!found) throw new UserError(`${family.displayName} has nothing waiting for an admin in #${swap.number}.`, { option: 'family', code: 'state' });
    return found;
  }
  const [only, ...more] = open;
  if (!only) throw new UserError(`#${swap.number} has nothing waiting for an admin.`, { code: 'state' });
  if (more.length > 0) {
    const names = open.map((d) => ctx.store.members.get(ctx.store.swaps.parties(swap.id).find((p) => p.id === d.partyId)?.memberId ?? 0).displayName);
    throw new UserError(`Several families in #${swap.number} are waiting: ${names.join(', ')}. Add \`family:@name\` to say whose.`, { option: 'family', code: 'missing_option' });
  }
  return only;
}
