import { awayParents } from '../../db/sit-update-audience.ts';
import { quietUntil } from '../../domain/members.ts';
import { isHappening, sitterIdOf } from '../../domain/swaps.ts';
import { invitationMessage } from '../../messages/sit-updates.ts';
import { dmFromJob, done, postponed, requireMember, skipped, type JobHandler } from '../job-run.ts';

/**
 * Halfway through a sit, its sitter (a session's host) gets one invitation to tell the away parents all is well:
 * quick replies that send with one tap, or a line of their own. Not when every parent has turned updates off, and not
 * when the sitter has already sent one: the point is the parents' peace of mind, not another message. The sitter's
 * quiet hours hold it until they end, or drop it if they last until the end of the sit.
 */
export const updateInvitation: JobHandler = {
  run(run) {
    const { store, now } = run;
    const member = requireMember(run);
    const swap = store.swaps.get(run.job.swapId ?? 0);
    if (member.forgottenAt !== null) return skipped('member left');
    const parties = store.swaps.parties(swap.id);
    if (!isHappening(swap, parties)) return skipped(`swap is ${swap.status}`);
    if (sitterIdOf(swap, parties) !== member.id) return skipped('no longer the sitter');
    if (now >= swap.endsAt) return skipped('the sit is over');
    if (store.sitUpdates.ofSit(swap.id).length > 0) return skipped('the sitter has already sent an update');
    const wanting = awayParents(store, swap).filter((p) => p.wish.wants);
    if (wanting.length === 0) return skipped('every parent has updates off');
    const coop = store.coops.get(swap.coopId);
    // The sitter's quiet hours hold it like any word about their sit; one that could only arrive after the end is not sent.
    const until = quietUntil(member, coop, now);
    if (until !== undefined) return until < swap.endsAt ? postponed(until) : skipped('quiet hours until the sit ends');
    const message = invitationMessage(swap.number, wanting.map((p) => p.member.displayName));
    dmFromJob(run, coop, member, message, { kind: 'sit', startsAt: swap.startsAt });
    return done;
  },
};
