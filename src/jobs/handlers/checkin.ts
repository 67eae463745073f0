import { checkinMessage } from '../../messages/checkins.ts';
import { dmFromJob, done, payloadNumber, payloadString, postponed, requireMember, skipped, type JobHandler } from '../job-run.ts';
import { quietUntil, timezoneOf } from '../../domain/members.ts';
import { shiftWeek, weekKey } from '../../domain/weeks.ts';
import { DAY } from '../../domain/time.ts';
import { checkinPlanOf, planCheckin } from '../../planning/weekly-jobs.ts';

export { UNPROMPTED_PER_WEEK } from '../../domain/unprompted.ts';
import { UNPROMPTED_PER_WEEK } from '../../domain/unprompted.ts';

/** The weekly "did you take a break?", privately, at the member's local time. */
export const checkin: JobHandler = {
  run(run) {
    const { store, now, reads } = run;
    const member = requireMember(run);
    if (member.forgottenAt !== null) return skipped('member left');
    const settings = reads.checkinSettings(member.id);
    if (settings.off) return skipped('check-ins off');
    if (settings.pausedUntil !== null && now < settings.pausedUntil) return skipped('paused');
    const coop = reads.coop(member.coopId);
    const until = quietUntil(member, coop, now);
    if (until !== undefined) return postponed(until);
    const timezone = timezoneOf(member, coop);
    const thisWeek = weekKey(now, timezone);
    if (store.unprompted.countInWeek(member.id, thisWeek) >= UNPROMPTED_PER_WEEK) return skipped('two unprompted messages this week already');
    const occurrence = payloadNumber(run, 'occurrence');
    const week = payloadString(run, 'week');
    const sits = reads.sitsFor(member, occurrence - 7 * DAY, now);
    const pauseUntil = shiftWeek(week, 3); // the Monday two weeks after this week ends
    dmFromJob(run, coop, member, checkinMessage({ member, week, sits, timezone, dateOrder: coop.dateOrder, pauseUntil }));
    store.unprompted.record(member.id, 'checkin', thisWeek, now);
    return done;
  },
  after(run) {
    if (run.job.memberId === null) return;
    const member = run.reads.member(run.job.memberId);
    const plan = checkinPlanOf(member, run.reads.checkinSettings(member.id), run.reads.coop(member.coopId));
    if (plan) planCheckin(run.store, plan, payloadNumber(run, 'occurrence'), run.now);
  },
};
