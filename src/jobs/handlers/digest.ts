import { digestMessage, digestOffButton } from '../../messages/checkins.ts';
import { done, payloadNumber, postFromJob, requireCoop, skipped, type JobHandler } from '../job-run.ts';
import { DAY } from '../../domain/time.ts';
import { planDigest } from '../../planning/weekly-jobs.ts';

/** The weekly digest in the co-op channel: the seven days before it, anonymous totals only. */
export const digest: JobHandler = {
  run(run) {
    const { store, now } = run;
    const coop = requireCoop(run);
    if (!coop.digestOn) return skipped('an admin turned the digest off');
    if (coop.platform !== 'console' && !coop.channelRef) return skipped('the co-op has no channel yet');
    const occurrence = payloadNumber(run, 'occurrence');
    const counts = store.digest.counts(coop.id, occurrence - 7 * DAY, occurrence, now);
    if (counts.parentsWithBreak + counts.sitsDone + counts.creditsTraded + counts.openOffers === 0) return skipped('a quiet week');
    postFromJob(run, coop, digestMessage(counts, digestOffButton(coop.timezone)));
    return done;
  },
  after(run) {
    const coop = requireCoop(run);
    planDigest(run.store, { coopId: coop.id, timezone: coop.timezone, checkinWeekday: coop.checkin.weekday }, payloadNumber(run, 'occurrence'), run.now);
  },
};
