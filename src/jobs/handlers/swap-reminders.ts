import { completionPromptMessage, reminderMessage } from '../../messages/reminders.ts';
import type { Coop } from '../../db/repositories/coops.ts';
import type { Member } from '../../db/repositories/members.ts';
import type { Swap, SwapParty } from '../../db/repositories/swaps.ts';
import { dmFromJob, done, postponed, requireMember, skipped, type JobHandler, type JobRun, type Outcome } from '../job-run.ts';
import { HOUR, quietUntil } from '../../domain/member-time.ts';
import { isHappening, promptAudience } from '../../planning/swap-jobs.ts';
import { isParty, swapView } from '../../db/swap-people.ts';

/** A reminder this close to the start ignores quiet hours: it is about a sit that starts soon. */
export const SOON = 3 * HOUR;
/** The last reminder before the start; an earlier one held back past it is dropped. */
const LAST_REMINDER = 2 * HOUR;

/** The member, swap and co-op a swap job is about, or why it should not run any more. */
function swapJobSubject(run: JobRun): { member: Member; swap: Swap; coop: Coop; parties: SwapParty[] } | Outcome {
  const { store, job } = run;
  const member = requireMember(run);
  const swap = store.swaps.get(job.swapId ?? 0);
  if (member.forgottenAt !== null) return skipped('member left');
  const parties = store.swaps.parties(swap.id);
  if (!isHappening(swap, parties)) return skipped(`swap is ${swap.status}`);
  return { member, swap, coop: store.coops.get(swap.coopId), parties };
}

export const reminder: JobHandler = {
  run(run) {
    const { store, now } = run;
    const subject = swapJobSubject(run);
    if ('kind' in subject) return subject;
    const { member, swap, coop } = subject;
    if (now >= swap.startsAt) return skipped('the sit has started');
    const view = swapView(store, swap, coop, member);
    if (!isParty(view, member.id)) return skipped('no longer part of the swap');
    if (swap.startsAt - now > SOON) {
      const until = quietUntil(member, coop, now);
      if (until !== undefined) return until >= swap.startsAt - LAST_REMINDER ? skipped('quiet hours until the last reminder') : postponed(until);
    }
    dmFromJob(run, coop, member, reminderMessage(view, member, now));
    return done;
  },
};

export const completionPrompt: JobHandler = {
  run(run) {
    const { store, now } = run;
    const subject = swapJobSubject(run);
    if ('kind' in subject) return subject;
    const { member, swap, coop, parties } = subject;
    if (!promptAudience(swap, parties).includes(member.id)) return skipped('no longer part of the swap');
    const until = quietUntil(member, coop, now);
    if (until !== undefined) return postponed(until);
    dmFromJob(run, coop, member, completionPromptMessage(swapView(store, swap, coop, member), member));
    return done;
  },
};
