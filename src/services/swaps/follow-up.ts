import type { Button, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { formatCredits } from '../../domain/money.ts';
import { apply } from '../../domain/swaps.ts';
import { MAX_SIT_MINUTES, MIN_SIT_MINUTES } from '../../domain/when.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { activeParty, findSwap, swapPeople } from './lookup.ts';

// What the completion prompt's and the reminders' buttons do besides `/swap done`: "It didn't happen"
// (a dispute for the admins, nothing moves), "Different length" (one tap per likely length) and
// "No more reminders" for one swap.

export function dispute(ctx: CommandContext, number: number, reason: string | undefined): Reply {
  const swap = findSwap(ctx, number);
  if (!activeParty(ctx, swap, ctx.member.id, 'family')) {
    throw new UserError(`Only the family sat for in #${number} can say it didn't happen. Something else wrong? A co-op admin can help.`);
  }
  if (swap.status === 'disputed') return { visibility: 'private', text: `#${number} is already with the admins. Nothing has moved.` };
  if (ctx.now < swap.startsAt) throw new UserError(`#${number} hasn't started yet. To call it off, use \`/swap cancel id:${number}\`.`);
  ctx.store.swaps.moveTo(swap.id, apply(swap, 'dispute'), ctx.now);
  syncSwapJobs(ctx.store, swap.id, ctx.now);
  const people = swapPeople(ctx, swap);
  const why = reason ? ` (“${reason}”)` : '';
  if (people.sitter && people.sitter.id !== ctx.member.id) {
    ctx.dm(people.sitter, { text: `${ctx.member.displayName} says #${number} didn't happen as planned${why}. No credits moved; a co-op admin will help sort it out.` });
  }
  for (const admin of ctx.store.members.coopAdmins(ctx.coop.id)) {
    if (admin.id === ctx.member.id || admin.id === people.sitter?.id) continue;
    ctx.dm(admin, {
      text: `#${number} needs a look: ${ctx.member.displayName} says it didn't happen as planned${why}. No credits moved. \`/credits adjust\` settles anything needed.`,
    });
  }
  return { visibility: 'private', text: `Thank you for telling me. Nothing moved, and I've asked the co-op admins to help with #${number}.` };
}

/** "Different length": buttons for the likely real lengths, each a `/swap done id: hours:`. */
export function lengthChoices(ctx: CommandContext, number: number): Reply {
  const swap = findSwap(ctx, number);
  if (!activeParty(ctx, swap, ctx.member.id, 'family')) throw new UserError(`Only the family sat for in #${number} confirms its length.`);
  const booked = Math.round((swap.endsAt - swap.startsAt) / 60_000);
  const lengths = [booked - 60, booked - 30, booked + 30, booked + 60, booked + 120].filter((m) => m >= MIN_SIT_MINUTES && m <= MAX_SIT_MINUTES);
  const buttons: Button[] = lengths.map((minutes) => {
    const hours = String(minutes / 60);
    return { label: `${formatCredits(minutes)}`, style: 'secondary', action: { command: 'swap', sub: 'done', options: { id: number, hours } } };
  });
  return {
    visibility: 'private',
    text: `#${number} was booked for ${formatCredits(booked)}. How long was it really? Tap one, or type \`/swap done id:${number} hours:3.25\`.`,
    cards: [{ title: `#${number} · real length`, buttons }],
  };
}

/** "No more reminders for #12" (and back on). */
export function swapReminders(ctx: CommandContext, number: number, set: 'on' | 'off'): Reply {
  const swap = findSwap(ctx, number);
  if (set === 'off') {
    for (const job of ctx.store.jobs.pendingForSwap(swap.id)) {
      if (job.kind === 'reminder' && job.memberId === ctx.member.id) ctx.store.jobs.cancel(job.id, ctx.now, 'opted_out');
    }
    return { visibility: 'private', text: `No more reminders for #${number}. \`/swap remind id:${number} set:on\` turns them back on.` };
  }
  ctx.store.jobs.optBackIn(swap.id, ctx.member.id, 'reminder');
  syncSwapJobs(ctx.store, swap.id, ctx.now);
  return { visibility: 'private', text: `Reminders for #${number} are back on.` };
}
