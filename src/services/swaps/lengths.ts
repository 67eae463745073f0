import type { Button, Reply } from '../../core/types.ts';
import type { SwapPeople } from '../../db/swap-people.ts';
import { UserError } from '../../domain/errors.ts';
import { formatCredits, parseCreditAmount } from '../../domain/money.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import { apply, type Swap } from '../../domain/swaps.ts';
import { MINUTE } from '../../domain/time.ts';
import { MAX_SIT_MINUTES, MIN_SIT_MINUTES } from '../../domain/when.ts';
import { lengthAsked, lengthProposed } from '../../messages/settling.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { openDispute } from './disputing.ts';
import { activeParty, findSwap, parentsOf, sameFamily, swapPeople } from './lookup.ts';
import { settleFromCommand } from './settling.ts';

// A length different from the booking: one side proposes it, the other confirms with one tap or sends it to the
// admins; 48 hours of silence accepts it (a job). Nobody sets the length alone.

export function bookedMinutes(swap: Swap): number {
  return Math.round((swap.endsAt - swap.startsAt) / MINUTE);
}

/** `hours:3.5` as minutes of sitting, within what a sit can be. */
export function readLength(text: string): number {
  const minutes = parseCreditAmount(text, { allowNegative: false });
  if (minutes < MIN_SIT_MINUTES || minutes > MAX_SIT_MINUTES) {
    throw new UserError('A sit lasts from 15 minutes to 24 hours. Give the real length in hours, like `hours:3.5`.', { option: 'hours', code: 'bad_option' });
  }
  return minutes;
}

function familyOf(swap: Swap, people: SwapPeople) {
  const family = people.families[0];
  if (!family || !people.sitter) throw new UserError(`Nobody was sitting #${swap.number}, so there is no length to agree.`, { code: 'state' });
  return { family, sitter: people.sitter };
}

/** One side says the sit ran `minutes`: the other side is asked; their matching proposal is an agreement. */
export function proposeLength(ctx: CommandContext, swap: Swap, people: SwapPeople, minutes: number): Reply {
  const { family, sitter } = familyOf(swap, people);
  const price = priceOfSwap(swap, family.party.kids ?? 1, minutes);
  const pending = ctx.store.disputes.pendingLength(family.party.id);
  if (pending && !sameFamily(ctx, pending.proposedBy) && pending.minutes === minutes) return agree(ctx, swap, people);
  if (pending) ctx.store.disputes.decideLength(pending.id, 'withdrawn', ctx.now, ctx.member.id);
  ctx.store.disputes.propose(swap.id, family.party.id, ctx.member.id, minutes, ctx.now);
  const others = ctx.member.id === sitter.id ? parentsOf(ctx, family.member) : [sitter];
  for (const other of others) ctx.dm(other, lengthProposed(swap.number, ctx.member.displayName, minutes, bookedMinutes(swap), price), { delivery: { kind: 'sit', startsAt: swap.startsAt } });
  syncSwapJobs(ctx.store, swap.id, ctx.now); // silence for 48 h accepts it
  return { visibility: 'private', text: lengthAsked(swap.number, others.map((o) => o.displayName).join(' and '), minutes, price) };
}

function agree(ctx: CommandContext, swap: Swap, people: SwapPeople): Reply {
  const { family, sitter } = familyOf(swap, people);
  const pending = ctx.store.disputes.pendingLength(family.party.id);
  if (!pending) throw new UserError(`There is no length waiting for an answer on #${swap.number}.`, { code: 'state' });
  ctx.store.disputes.decideLength(pending.id, 'accepted', ctx.now, ctx.member.id);
  const price = priceOfSwap(swap, family.party.kids ?? 1, pending.minutes);
  const line = settleFromCommand(ctx, swap, sitter, [{ party: family.party, payer: family.member, price }], 'agreed', { status: 'completed', note: null });
  return { visibility: 'private', text: line ?? `#${swap.number} is settled at ${formatCredits(pending.minutes)}.` };
}

/** "That's right" / "That's not right" on the other side's proposed length. */
export function answerLength(ctx: CommandContext, number: number, answer: 'agree' | 'disagree'): Reply {
  const swap = findSwap(ctx, number);
  apply(swap, 'complete');
  const people = swapPeople(ctx, swap);
  const { family, sitter } = familyOf(swap, people);
  const pending = ctx.store.disputes.pendingLength(family.party.id);
  if (!pending) throw new UserError(`There is no length waiting for an answer on #${number}. \`/swap done id:${number}\` confirms it as booked.`, { code: 'state' });
  const isParty = ctx.member.id === sitter.id || activeParty(ctx, swap, ctx.member.id, 'family') !== undefined;
  if (!isParty) throw new UserError(`Only the people in #${number} can answer that.`, { code: 'not_allowed' });
  if (sameFamily(ctx, pending.proposedBy)) {
    throw new UserError(`That length is yours, so the other side answers it. It settles by itself if they say nothing in 48 hours.`, { code: 'state' });
  }
  if (answer === 'agree') {
    const reply = agree(ctx, swap, people);
    syncSwapJobs(ctx.store, swap.id, ctx.now);
    return reply;
  }
  ctx.store.disputes.decideLength(pending.id, 'disputed', ctx.now, ctx.member.id);
  openDispute(ctx, swap, people, family.party, { reason: 'length', note: null, claimedMinutes: pending.minutes });
  syncSwapJobs(ctx.store, swap.id, ctx.now);
  return { visibility: 'private', text: `Thank you. Nothing has moved; I've asked the co-op's admins to decide how long #${number} was.` };
}

/** "Different length": buttons for the likely real lengths, each a `/swap done id: hours:`. */
export function lengthChoices(ctx: CommandContext, number: number): Reply {
  const swap = findSwap(ctx, number);
  const people = swapPeople(ctx, swap);
  if (!activeParty(ctx, swap, ctx.member.id, 'family') && people.sitter?.id !== ctx.member.id) {
    throw new UserError(`Only the people in #${number} say how long it was.`, { code: 'not_allowed' });
  }
  apply(swap, 'complete');
  const booked = bookedMinutes(swap);
  const lengths = [booked - 60, booked - 30, booked + 30, booked + 60, booked + 120].filter((m) => m >= MIN_SIT_MINUTES && m <= MAX_SIT_MINUTES);
  const buttons: Button[] = lengths.map((minutes) => ({
    label: formatCredits(minutes),
    style: 'secondary',
    action: { command: 'swap', sub: 'done', options: { id: number, hours: String(minutes / 60) } },
  }));
  return {
    visibility: 'private',
    text: `#${number} was booked for ${formatCredits(booked)}. How long was it really? Tap one, or type \`/swap done id:${number} hours:3.25\`; the other side is asked to confirm.`,
    cards: [{ title: `#${number} · real length`, buttons }],
  };
}
