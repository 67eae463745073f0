import { disputeBrief } from '../../accounting/dispute-case.ts';
import type { Reply } from '../../core/types.ts';
import type { SwapPeople } from '../../db/swap-people.ts';
import type { DisputeReason } from '../../domain/disputes.ts';
import { UserError } from '../../domain/errors.ts';
import { apply, type Swap, type SwapParty } from '../../domain/swaps.ts';
import { planDisputeReminder } from '../../planning/dispute-jobs.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { activeParty, findSwap, parentsOf, swapPeople } from './lookup.ts';

// "It didn't happen": a dispute freezes the family's sit until an admin decides (pay as booked, pay some hours,
// or nothing). For a request or an offer the whole swap waits; a session's families are disputed seat by seat, and
// a session's host saying it didn't happen calls the whole session off, with nothing paid.

export function dispute(ctx: CommandContext, number: number, reason: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  if (ctx.now < swap.startsAt) {
    throw new UserError(`#${number} hasn't started yet. To call it off, use \`/swap cancel id:${number}\`.`, { code: 'too_early' });
  }
  const people = swapPeople(ctx, swap);
  const reply = swap.kind === 'session' ? disputeSession(ctx, swap, people, reason) : disputeSit(ctx, swap, people, reason);
  syncSwapJobs(ctx.store, swap.id, ctx.now);
  return reply;
}

function disputeSit(ctx: CommandContext, swap: Swap, people: SwapPeople, reason: string | undefined): Reply {
  const { number } = swap;
  const family = people.families[0];
  const isParty = people.sitter?.id === ctx.member.id || activeParty(ctx, swap, ctx.member.id, 'family') !== undefined;
  if (!isParty || !family) {
    throw new UserError(`Only the people in #${number} can say it didn't happen. Something else wrong? A co-op admin can help.`, { code: 'not_allowed' });
  }
  if (swap.status === 'disputed') return { visibility: 'private', text: `#${number} is already with the admins. Nothing has moved.` };
  apply(swap, 'dispute');
  openDispute(ctx, swap, people, family.party, { reason: 'didnt_happen', note: reason ?? null, claimedMinutes: null });
  return { visibility: 'private', text: `Thank you for telling me. Nothing has moved, and I've asked the co-op's admins to sort out #${number}.` };
}

function disputeSession(ctx: CommandContext, swap: Swap, people: SwapPeople, reason: string | undefined): Reply {
  const { number } = swap;
  if (people.owner.id === ctx.member.id) {
    // The host says it didn't happen: nothing is paid, every family is told, and their open questions are closed.
    const next = apply(swap, 'void');
    for (const d of ctx.store.disputes.openForSwap(swap.id)) {
      ctx.store.disputes.resolve(d.id, { at: ctx.now, memberId: ctx.member.id, outcome: 'none', paid: null, note: 'the host said the session did not happen' });
    }
    ctx.store.swaps.moveTo(swap.id, next, ctx.now, reason ?? "the host said it didn't happen");
    for (const f of people.families) {
      ctx.dm(f.member, { text: `${ctx.member.displayName} says drop-off session #${number} didn't happen${reason ? ` (“${reason}”)` : ''}, so no credit moved.` }, { delivery: { kind: 'sit', startsAt: swap.startsAt } });
    }
    return { visibility: 'private', text: `Thank you for letting me know. #${number} is closed as not having happened; no credit moved and the families are told.` };
  }
  const party = activeParty(ctx, swap, ctx.member.id, 'family');
  if (!party) throw new UserError(`Only the families in #${number} and its host can say it didn't happen.`, { code: 'not_allowed' });
  if (ctx.store.disputes.openFor(party.id)) return { visibility: 'private', text: `Your seat in #${number} is already with the admins. Nothing has moved.` };
  apply(swap, 'complete'); // a session already confirmed and paid is for an admin's correction, not a dispute
  openDispute(ctx, swap, people, party, { reason: 'didnt_happen', note: reason ?? null, claimedMinutes: null });
  return {
    visibility: 'private',
    text: `Thank you for telling me. Your family's seat in #${number} waits for the co-op's admins; nothing moves for it until they decide.`,
  };
}

export interface NewCase {
  reason: DisputeReason;
  note: string | null;
  claimedMinutes: number | null;
}

/** Records the dispute, freezes the sit (a request or an offer), and brings the case to the admins. */
export function openDispute(ctx: CommandContext, swap: Swap, people: SwapPeople, party: SwapParty, c: NewCase): void {
  const id = ctx.store.disputes.open({ coopId: ctx.coop.id, swapId: swap.id, partyId: party.id, reason: c.reason, openedBy: ctx.member.id, note: c.note, claimedMinutes: c.claimedMinutes, openedAt: ctx.now });
  const pending = ctx.store.disputes.pendingLength(party.id);
  if (pending) ctx.store.disputes.decideLength(pending.id, 'disputed', ctx.now, ctx.member.id);
  if (swap.kind !== 'session') ctx.store.swaps.moveTo(swap.id, apply(swap, 'dispute'), ctx.now);
  const family = ctx.store.members.get(party.memberId);
  const sitter = people.sitter ?? people.owner;
  for (const other of [...parentsOf(ctx, family), sitter].filter((m) => m.id !== ctx.member.id)) {
    ctx.dm(other, { text: `${ctx.member.displayName} asked the co-op's admins to look at #${swap.number}${c.note ? ` (“${c.note}”)` : ''}. Nothing moves until they decide; they may ask you what happened.` }, { delivery: { kind: 'sit', startsAt: swap.startsAt } });
  }
  const dispute = ctx.store.disputes.openFor(party.id);
  if (!dispute || dispute.id !== id) throw new Error(`dispute ${id} did not open`);
  const brief = disputeBrief(ctx.store, dispute);
  const admins = ctx.store.members.coopAdmins(ctx.coop.id).filter((a) => a.forgottenAt === null && a.id !== ctx.member.id);
  for (const admin of admins) ctx.dm(admin, brief);
  if (admins.length === 0) {
    ctx.post({ text: `#${swap.number} needs a co-op admin to settle it. Admins: \`/coop resolve id:${swap.number} pay:booked\`, \`pay:hours hours:<h>\` or \`pay:none\`.` });
  }
  planDisputeReminder(ctx.store, ctx.coop.id, ctx.now, ctx.now);
}
