import { disputeBrief } from '../../accounting/dispute-case.ts';
import { planDisputeReminder } from '../../planning/dispute-jobs.ts';
import { done, jobTeller, requireCoop, skipped, type JobHandler } from '../job-run.ts';

/** Once a week while disputes wait, every admin gets the open cases again, with their buttons; the parents never do. */
export const disputeReminder: JobHandler = {
  run(run) {
    const coop = requireCoop(run);
    const open = run.store.disputes.openInCoop(coop.id);
    if (open.length === 0) return skipped('no open disputes');
    const tell = jobTeller(run, coop);
    const intro = `${open.length === 1 ? 'A question still waits' : `${open.length} questions still wait`} for a co-op admin. Nothing moves for these sits until one of you decides:`;
    const briefs = open.slice(0, 5).map((d) => disputeBrief(run.store, d));
    const more = open.length > 5 ? `\n…and ${open.length - 5} more: \`/coop resolve\` takes any of them.` : '';
    for (const admin of run.store.members.coopAdmins(coop.id)) {
      tell.dm(admin, { text: `${intro}\n${briefs.map((b) => b.text).join('\n')}${more}`, cards: briefs.flatMap((b) => b.cards ?? []) });
    }
    return done;
  },
  after(run) {
    const coop = requireCoop(run);
    if (run.store.disputes.openInCoop(coop.id).length > 0) planDisputeReminder(run.store, coop.id, run.now, run.now);
  },
};
