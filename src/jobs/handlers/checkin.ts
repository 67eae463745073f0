import { checkinMessage } from '../../messages/checkins.ts';
import { dmFromJob, done, payloadNumber, payloadString, postponed, requireMember, skipped, type JobHandler } from '../job-run.ts';
import { quietUntil, timezoneOf } from '../../domain/members.ts';
import { shiftWeek } from '../../domain/weeks.ts';
import { DAY } from '../../domain/time.ts';
import { checkinPlanOf, planCheckin } from '../../planning/weekly-jobs.ts';

/** The weekly "did you take a break?", privately, at the member's local time. */
export const checkin: JobHandler = {
  run(run) {
    const { now, reads } = run;
    const member = requireMember(run);
    if (member.forgottenAt !== null) return skipped('member left');
    const settings = reads.checkinSettings(member.id);
    if (settings.off) return skipped('check-ins off');
    if (settings.pausedUntil !== null && now < settings.pausedUntil) return skipped('paused');
    const coop = reads.coop(member.coopId);
    const until = quietUntil(member, coop, now);
    if (until !== undefined) return postponed(until);
    const timezone = timezoneOf(member, coop);
    const occurrence = payloadNumber(run, 'occurrence');
    const week = payloadString(run, 'week');
    const sits = reads.sitsFor(member, occurrence - 7 * DAY, now);
    const pauseUntil = shiftWeek(week, 3); // the Monday two weeks after this week ends
    const message = checkinMessage({ member, week, sits, timezone, dateOrder: coop.dateOrder, pauseUntil });
    // Paused, or the week's two already sent: this week goes without (what was waiting then goes on its own).
    const sent = dmFromJob(run, coop, member, message, { kind: 'unprompted', checkin: true, optional: true }, { countAs: 'checkin' });
    return sent === 'sent' ? done : skipped('paused, or two unprompted messages this week already');
  },
  after(run) {
    if (run.job.memberId === null) return;
    const member = run.reads.member(run.job.memberId);
    const plan = checkinPlanOf(member, run.reads.checkinSettings(member.id), run.reads.coop(member.coopId));
    if (plan) planCheckin(run.store, plan, payloadNumber(run, 'occurrence'), run.now);
  },
};
