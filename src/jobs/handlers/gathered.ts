import { sendGathered } from '../../delivery/member-messages.ts';
import { done, postponed, requireMember, skipped, type JobHandler } from '../job-run.ts';

/** What was held back for a member (quiet hours, a burst, the weekly two, a pause), as one message. */
export const gathered: JobHandler = {
  run(run) {
    const { store, now } = run;
    const member = requireMember(run);
    const coop = store.coops.get(member.coopId);
    const outcome = sendGathered(store, coop, member, now, `job:${run.job.id}:gathered`);
    if (outcome.sent) return done;
    return 'until' in outcome ? postponed(outcome.until) : skipped('nothing left worth sending');
  },
};
