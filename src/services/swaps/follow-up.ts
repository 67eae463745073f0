import type { Reply } from '../../core/types.ts';
import { isInSwap } from '../../db/swap-people.ts';
import { UserError } from '../../domain/errors.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { findSwap, swapPeople } from './lookup.ts';

/** "No more reminders for #12" (and back on), for the people in the swap. */
export function swapReminders(ctx: CommandContext, number: number, set: 'on' | 'off'): Reply {
  const swap = findSwap(ctx, number);
  if (!isInSwap(swapPeople(ctx, swap), ctx.member.id)) {
    throw new UserError(`You're not part of #${number}, so it sends you no reminders.`, { code: 'not_allowed' });
  }
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
