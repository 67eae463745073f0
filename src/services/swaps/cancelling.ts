import { sitNews } from '../../domain/delivery.ts';
import { chargeLateFee, isLate } from '../../accounting/late-fee.ts';
import type { Attachment, Reply } from '../../core/types.ts';
import type { SwapPeople } from '../../db/swap-people.ts';
import { UserError } from '../../domain/errors.ts';
import type { Member } from '../../domain/members.ts';
import { apply, isHappening, type Swap } from '../../domain/swaps.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { calendarChanged, calendarRemoval } from './calendars.ts';
import { activeParty, findSwap, parentsOf, postedByHousehold, swapPeople } from './lookup.ts';
import { reopenRequest } from './reopen.ts';

/** `/swap cancel`: the owner calls the swap off; a sitter, volunteer or booking family steps back from it. */
export function cancel(ctx: CommandContext, number: number, reason: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  const reply = cancelOrWithdraw(ctx, swap, reason);
  syncSwapJobs(ctx.store, swap.id, ctx.now); // reminders stop, or expiry returns
  return reply;
}

/** A late cancellation's fee, told to both families; the actor's line, if anything moved. */
function lateFee(ctx: CommandContext, swap: Swap, payee: Member): string | undefined {
  return chargeLateFee(ctx.store, { coop: ctx.coop, swap, rules: ctx.rules, payer: ctx.member, payee, at: ctx.now, teller: ctx }).actorLine;
}

function cancelOrWithdraw(ctx: CommandContext, swap: Swap, reason: string | undefined): Reply {
  const { number } = swap;
  const people = swapPeople(ctx, swap);
  // Once a sit has started with someone booked or chosen, it happened or it didn't: that is a dispute, not a cancel.
  if (isHappening(swap, people.parties) && swap.startsAt <= ctx.now) {
    throw new UserError(
      `#${number} has already started, so it can't be cancelled. If it didn't happen, say so with \`/swap dispute id:${number}\` and an admin will sort it out; nothing moves until then.`,
      { code: 'too_late' },
    );
  }
  if (postedByHousehold(ctx, swap, ctx.member)) return ownerCancels(ctx, swap, people, reason);
  const why = reason ? ` (${reason})` : '';
  const volunteerParty = activeParty(ctx, swap, ctx.member.id, 'volunteer');
  const sitterParty = activeParty(ctx, swap, ctx.member.id, 'sitter');
  const familyParty = activeParty(ctx, swap, ctx.member.id, 'family');
  if (sitterParty) {
    const next = apply(swap, 'withdraw');
    const changed = calendarChanged(ctx, swap); // the sitter's calendar loses it; the family's gets the next sitter
    ctx.store.swaps.setPartyStatus(sitterParty.id, 'withdrawn');
    if (volunteerParty) ctx.store.swaps.setPartyStatus(volunteerParty.id, 'withdrawn');
    ctx.store.swaps.moveTo(swap.id, next, ctx.now);
    reopenRequest(ctx, swap, people, reason); // the parent, the earlier volunteers, the channel
    const fee = lateFee(ctx, swap, people.owner);
    return withFiles(joinLines(`You're no longer sitting #${number}. I've told ${people.owner.displayName}.`, fee), calendarRemoval(ctx, changed, ctx.member));
  }
  if (volunteerParty) {
    apply(swap, 'withdraw');
    ctx.store.swaps.setPartyStatus(volunteerParty.id, 'withdrawn');
    ctx.dm(people.owner, { text: `${ctx.member.displayName} withdrew from #${number}${why}.` }, { delivery: sitNews(swap.startsAt, ctx.now), onlyWhile: { swapId: swap.id, status: 'open' } });
    return { visibility: 'private', text: `You've withdrawn from #${number}. No problem at all.` };
  }
  if (familyParty) {
    const next = apply(swap, 'withdraw');
    const changed = calendarChanged(ctx, swap);
    ctx.store.swaps.setPartyStatus(familyParty.id, 'withdrawn');
    ctx.store.swaps.moveTo(swap.id, next, ctx.now);
    const hostLoses = swap.kind === 'offer' ? calendarRemoval(ctx, changed, people.owner) : [];
    ctx.dm(people.owner, { text: `${ctx.member.displayName} cancelled their booking of #${number}${why}.${hostLoses.length ? ' The calendar file takes it off your phone.' : ''}`, attachments: hostLoses }, { delivery: sitNews(swap.startsAt, ctx.now, 'change') });
    const fee = lateFee(ctx, swap, people.owner);
    return withFiles(joinLines(`Your booking of #${number} is cancelled. I've told ${people.owner.displayName}.`, fee), calendarRemoval(ctx, changed, ctx.member));
  }
  throw new UserError(`You're not part of #${number}, so there is nothing of yours to cancel. \`/swap list show:mine\` shows yours.`, { code: 'not_allowed' });
}

/** The owner calls it off: a taken request, a booked offer or a booked session pays the late fee to each side. */
function ownerCancels(ctx: CommandContext, swap: Swap, people: SwapPeople, reason: string | undefined): Reply {
  const { number } = swap;
  const next = apply(swap, 'cancel');
  const counterparts = [...(people.sitter ? [people.sitter] : []), ...people.families.map((f) => f.member)].filter(
    (m, i, all) => m.householdId !== ctx.member.householdId && all.findIndex((o) => o.id === m.id) === i,
  );
  const feesDue = isHappening(swap, people.parties) && isLate(swap, ctx.rules, ctx.now);
  const changed = calendarChanged(ctx, swap);
  ctx.store.swaps.moveTo(swap.id, next, ctx.now, reason ?? null);
  const why = reason ? ` (${reason})` : '';
  const partners = counterparts.flatMap((c) => parentsOf(ctx, c)).filter((p) => !counterparts.some((c) => c.id === p.id));
  const volunteers = people.volunteers.map((v) => v.member).filter((v) => !counterparts.some((c) => c.id === v.id));
  for (const other of [...counterparts, ...partners, ...volunteers]) {
    // Whoever gets the late fee hears about the credit in its own line, just after this one.
    const credit = feesDue && !volunteers.includes(other) ? '' : ' No credit moved.';
    const files = calendarRemoval(ctx, changed, other);
    ctx.dm(other, { text: `${ctx.member.displayName} cancelled #${number}${why}.${credit}${files.length ? ' The calendar file takes it off your phone.' : ''}`, attachments: files }, { delivery: sitNews(swap.startsAt, ctx.now, 'change') });
  }
  const feeLines: string[] = [];
  if (feesDue) {
    for (const other of counterparts) {
      const { actorLine } = chargeLateFee(ctx.store, { coop: ctx.coop, swap, rules: ctx.rules, payer: ctx.member, payee: other, at: ctx.now, teller: ctx });
      if (actorLine) feeLines.push(actorLine);
    }
  }
  ctx.post({ text: `#${number} was cancelled.` });
  const told = counterparts.length || people.volunteers.length ? ' I let everyone involved know.' : '';
  return withFiles(joinLines(`#${number} is cancelled.${told}`, ...feeLines), calendarRemoval(ctx, changed, ctx.member));
}

/** A private answer, with the file that takes the sit off the member's calendar when they had it. */
function withFiles(text: string, attachments: Attachment[]): Reply {
  const files = attachments.length ? ' The calendar file takes it off your phone.' : '';
  return { visibility: 'private', text: `${text}${files}`, ...(attachments.length ? { attachments } : {}) };
}

function joinLines(first: string, ...rest: (string | undefined)[]): string {
  return [first, ...rest.filter((l): l is string => l !== undefined)].join('\n');
}
