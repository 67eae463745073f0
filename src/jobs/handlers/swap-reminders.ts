import { showChildCards } from '../../db/child-card-access.ts';
import { isPromptedFor, isRemindedFor, loadSwapPeople, type SwapPeople } from '../../db/swap-people.ts';
import type { Coop } from '../../domain/coops.ts';
import { quietUntil, timezoneOf, type Member } from '../../domain/members.ts';
import { isHappening, type Swap } from '../../domain/swaps.ts';
import { HOUR } from '../../domain/time.ts';
import { withChildCards } from '../../messages/child-card.ts';
import { completionPromptMessage, reminderMessage, type SwapView } from '../../messages/reminders.ts';
import { dmFromJob, done, postponed, requireMember, skipped, type JobHandler, type JobRun, type Outcome } from '../job-run.ts';

/** A reminder this close to the start ignores quiet hours: it is about a sit that starts soon. */
export const SOON = 3 * HOUR;
/** The last reminder before the start; an earlier one held back past it is dropped. */
const LAST_REMINDER = 2 * HOUR;

interface Subject {
  member: Member;
  swap: Swap;
  coop: Coop;
  people: SwapPeople;
}

/** The member, swap and co-op a swap job is about, or why it should not run any more. */
function swapJobSubject(run: JobRun): Subject | Outcome {
  const { store, job } = run;
  const member = requireMember(run);
  const swap = store.swaps.get(job.swapId ?? 0);
  if (member.forgottenAt !== null) return skipped('member left');
  const people = loadSwapPeople(store, swap);
  if (!isHappening(swap, people.parties)) return skipped(`swap is ${swap.status}`);
  return { member, swap, coop: store.coops.get(swap.coopId), people };
}

/** The swap as the member reads it, in their own timezone. */
function viewFor(run: JobRun, subject: Subject): SwapView {
  const { swap, people, member, coop } = subject;
  return {
    swap,
    sitter: people.sitter,
    families: people.families.map((f) => f.member),
    timezone: timezoneOf(member, coop),
    coopTimezone: coop.timezone,
    dateOrder: coop.dateOrder,
    installationId: run.store.installation.id(),
  };
}

export const reminder: JobHandler = {
  run(run) {
    const { now } = run;
    const subject = swapJobSubject(run);
    if ('kind' in subject) return subject;
    const { member, swap, coop, people } = subject;
    if (now >= swap.startsAt) return skipped('the sit has started');
    if (!isRemindedFor(people, member)) return skipped('no longer part of the swap');
    if (swap.startsAt - now > SOON) {
      const until = quietUntil(member, coop, now);
      if (until !== undefined) return until >= swap.startsAt - LAST_REMINDER ? skipped('quiet hours until the last reminder') : postponed(until);
    }
    // The sitter's reminders carry the families' child cards (each showing recorded); nobody else's do.
    const cards = showChildCards(run.store, swap, member, now, 'reminder');
    dmFromJob(run, coop, member, withChildCards(reminderMessage(viewFor(run, subject), member, now), swap.number, cards.kind === 'shown' ? cards.cards : []), {
      kind: 'sit',
      startsAt: swap.startsAt,
    });
    return done;
  },
};

export const completionPrompt: JobHandler = {
  run(run) {
    const { now } = run;
    const subject = swapJobSubject(run);
    if ('kind' in subject) return subject;
    const { member, swap, coop, people } = subject;
    if (!isPromptedFor(swap, people, member)) return skipped('no longer part of the swap');
    // The sitter's "it went ahead" already asked the family the same question, with the same buttons.
    if (swap.sitterDoneAt !== null && people.sitter?.id !== member.id) return skipped('the sitter has already asked');
    const until = quietUntil(member, coop, now);
    if (until !== undefined) return postponed(until);
    dmFromJob(run, coop, member, completionPromptMessage(viewFor(run, subject), member), { kind: 'sit', startsAt: swap.startsAt });
    return done;
  },
};
