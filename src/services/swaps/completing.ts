import type { Reply } from '../../core/types.ts';
import type { SwapPeople } from '../../db/swap-people.ts';
import { UserError } from '../../domain/errors.ts';
import { apply, type Swap } from '../../domain/swaps.ts';
import { answerPendingLength } from '../../messages/settling.ts';
import { whenText } from '../../messages/times.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { bookedMinutes, proposeLength, readLength } from './lengths.ts';
import { activeParty, findSwap, parentsOf, sameFamily, swapPeople, viewOf } from './lookup.ts';
import { settleFromCommand } from './settling.ts';

/**
 * `/swap done`: the family confirms (credits move), a session's host confirms for every family, the sitter says it
 * went ahead (the family is asked; 48 h later it settles by itself). A length different from the booking is a
 * proposal the other side confirms.
 */
export function done(ctx: CommandContext, number: number, hoursText: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  const reply = confirm(ctx, swap, hoursText);
  syncSwapJobs(ctx.store, swap.id, ctx.now);
  return reply;
}

function confirm(ctx: CommandContext, swap: Swap, hoursText: string | undefined): Reply {
  const { number } = swap;
  if (ctx.now < swap.endsAt) {
    throw new UserError(`#${number} hasn't ended yet (${whenText(swap.startsAt, swap.endsAt, viewOf(ctx))}). Confirm it once it's over.`, { code: 'too_early' });
  }
  const people = swapPeople(ctx, swap);
  if (swap.kind === 'session') return confirmSession(ctx, swap, people, hoursText);
  apply(swap, 'complete'); // a disputed or finished swap says why here
  const family = activeParty(ctx, swap, ctx.member.id, 'family');
  const isSitter = people.sitter?.id === ctx.member.id;
  if (!family && !isSitter) throw new UserError(`Only the people in #${number} can confirm it.`, { code: 'not_allowed' });
  const { sitter } = people;
  if (!sitter) throw new UserError(`Nobody was sitting #${number}, so there is nothing to confirm.`, { code: 'state' });
  const minutes = hoursText === undefined ? undefined : readLength(hoursText);
  if (minutes !== undefined && minutes !== bookedMinutes(swap)) return proposeLength(ctx, swap, people, minutes);

  // The booked length: a family's confirmation settles; the other side's pending proposal is answered instead.
  const familyParty = family ?? people.families[0]?.party;
  const pending = familyParty && ctx.store.disputes.pendingLength(familyParty.id);
  if (pending && !sameFamily(ctx, pending.proposedBy)) {
    const by = ctx.store.members.get(pending.proposedBy).displayName;
    return { visibility: 'private', ...answerPendingLength(number, by, pending.minutes) };
  }
  if (pending) ctx.store.disputes.decideLength(pending.id, 'withdrawn', ctx.now, ctx.member.id);
  if (family) {
    const line = settleFromCommand(ctx, swap, sitter, [{ party: family, payer: ctx.member, price: family.price ?? 0 }], 'confirmed', { status: 'completed', note: null });
    return { visibility: 'private', text: `${line ?? `#${number} is settled.`} I hope you enjoyed the time for yourself.` };
  }
  return sitterSaysDone(ctx, swap, people);
}

/** The sitter's word: the family is asked to confirm, and 48 hours of silence settles it as booked. */
function sitterSaysDone(ctx: CommandContext, swap: Swap, people: SwapPeople): Reply {
  const { number } = swap;
  apply(swap, 'sitter_done');
  if (swap.sitterDoneAt !== null) return { visibility: 'private', text: `Already noted — waiting for the family to confirm #${number}.` };
  ctx.store.swaps.markSitterDone(swap.id, ctx.now);
  for (const parent of people.families.flatMap((f) => parentsOf(ctx, f.member))) {
    ctx.dm(parent, {
      text: `${ctx.member.displayName} says #${number} went ahead. If it did, confirm so the credits move; if I hear nothing in 48 hours, it settles as booked.`,
      cards: [
        {
          title: `#${number}`,
          buttons: [
            { label: 'It happened', style: 'success', action: { command: 'swap', sub: 'done', options: { id: number } } },
            { label: 'Different length', style: 'secondary', action: { command: 'swap', sub: 'length', options: { id: number } } },
            { label: "It didn't happen", style: 'danger', action: { command: 'swap', sub: 'dispute', options: { id: number } } },
          ],
        },
      ],
    }, { delivery: { kind: 'sit', startsAt: swap.startsAt } });
  }
  return { visibility: 'private', text: `Thanks for sitting #${number}! I've asked the family to confirm; if they say nothing, it settles in 48 hours.` };
}

/** A session's host confirms for every family; a family whose seat is disputed waits for the admins. */
function confirmSession(ctx: CommandContext, swap: Swap, people: SwapPeople, hoursText: string | undefined): Reply {
  const { number } = swap;
  if (people.owner.id !== ctx.member.id) {
    throw new UserError(
      `${people.owner.displayName} hosted #${number} and confirms it for everyone. If it didn't happen for your family, say so with \`/swap dispute id:${number}\`.`,
      { code: 'not_allowed' },
    );
  }
  if (hoursText !== undefined) {
    throw new UserError(`A session is paid as booked, per family. If a family's time was different, they can tell an admin with \`/swap dispute id:${number}\`.`, {
      option: 'hours',
    });
  }
  const next = apply(swap, 'complete');
  // A family whose seat went to the admins is paid (or not) by their decision, never here.
  const disputed = new Set(ctx.store.disputes.allForSwap(swap.id).map((d) => d.partyId));
  const waiting = people.families.filter((f) => ctx.store.disputes.openFor(f.party.id));
  const payments = people.families.filter((f) => !disputed.has(f.party.id)).map((f) => ({ party: f.party, payer: f.member, price: f.party.price ?? 0 }));
  const line = settleFromCommand(ctx, swap, people.owner, payments, 'host', { status: next, note: null });
  const held = waiting.length ? ` ${waiting.map((w) => w.member.displayName).join(' and ')} asked an admin to look at their seat, so that waits for the admins.` : '';
  return { visibility: 'private', text: `${line ?? `#${number} is done; no credit needed to move.`}${held}` };
}
