import { newFamiliesMessage } from '../../messages/welcome.ts';
import { done, jobTeller, requireCoop, skipped, type JobHandler } from '../job-run.ts';

/** Once a day when families joined: one line to each admin (outside their quiet hours), never about themselves. */
export const newFamilies: JobHandler = {
  run(run) {
    const { store, now } = run;
    const coop = requireCoop(run);
    const fresh = store.welcomes.unannounced(coop.id);
    if (fresh.length === 0) return skipped('nobody new');
    const tell = jobTeller(run, coop);
    let told = 0;
    for (const admin of store.members.coopAdmins(coop.id)) {
      const others = fresh.filter((f) => f.memberId !== admin.id);
      if (others.length === 0) continue;
      tell.dm(admin, newFamiliesMessage(others.map((f) => f.name)));
      told += 1;
    }
    for (const family of fresh) store.welcomes.markAnnounced(family.memberId, now);
    return told > 0 ? done : skipped('no other admin to tell');
  },
};
