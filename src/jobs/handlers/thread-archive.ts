import type { ThreadDestination } from '../../core/types.ts';
import { threadGoodbye } from '../../messages/threads.ts';
import { done, payloadString, requireCoop, skipped, type JobHandler } from '../job-run.ts';

/** The day after a sit: a goodbye in its private thread, which is then archived. */
export const threadArchive: JobHandler = {
  run(run) {
    const { store, now } = run;
    const coop = requireCoop(run);
    const thread = store.threads.find(coop.id, payloadString(run, 'subject'));
    if (!thread?.threadRef || thread.status !== 'open') return skipped(`no open thread (${thread?.status ?? 'none'})`);
    const destination: ThreadDestination = {
      kind: 'thread',
      platform: coop.platform,
      coopRef: coop.externalRef,
      channelRef: coop.channelRef,
      subject: thread.subject,
      name: '',
      members: [],
      threadRef: thread.threadRef,
      archive: true,
    };
    const message = threadGoodbye(store.swaps.get(thread.swapId));
    store.outbox.add({ coopId: coop.id, notification: { destination, message }, dedupeKey: `job:${run.job.id}:thread`, at: now });
    store.threads.markArchived(thread.id, now);
    return done;
  },
};
