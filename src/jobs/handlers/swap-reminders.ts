import { completionPromptMessage, reminderMessage } from '../../services/reminders.ts';
import { dmFromJob, done, postponed, requireMember, skipped, type JobHandler } from '../job-run.ts';
import { HOUR, quietUntil } from '../member-time.ts';
import { isHappening, promptAudience } from '../swap-jobs.ts';
import { isParty, swapView } from './swap-view.ts';

/** A reminder this close to the start ignores quiet hours: it is about a sit that starts soon. */
export const SOON = 3 * HOUR;
/** The last reminder before the start; an earlier one held back past it is dropped. */
const LAST_REMINDER = 2 * HOUR;

export const reminder: JobHandler = {
  run(run) {
    const { store, job, now } = run;
    const member = requireMember(run);
    const swap = store.swaps.get(job.swapId ?? 0);
    const coop = store.coops.get(swap.coopId);
    if (member.forgottenAt !== null) return skipped('member left');
    if (!isHappening(swap, store.swaps.parties(swap.id))) return skipped(`swap is ${swap.status}`);
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
    const { store, job, now } = run;
    const member = requireMember(run);
    const swap = store.swaps.get(job.swapId ?? 0);
    const coop = store.coops.get(swap.coopId);
    if (member.forgottenAt !== null) return skipped('member left');
    const parties = store.swaps.parties(swap.id);
    if (!isHappening(swap, parties)) return skipped(`swap is ${swap.status}`);
    if (!promptAudience(swap, parties).includes(member.id)) return skipped('no longer part of the swap');
    const until = quietUntil(member, coop, now);
    if (until !== undefined) return postponed(until);
    dmFromJob(run, coop, member, completionPromptMessage(swapView(store, swap, coop, member), member));
    return done;
  },
};
