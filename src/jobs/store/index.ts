import type { Store } from '../../db/store.ts';
import { BreakRepository } from './breaks.ts';
import { CheckinSettingsRepository } from './checkin-settings.ts';
import { DigestQueries } from './digest-queries.ts';
import { JobRepository } from './job-repository.ts';
import { PlanningQueries } from './planning-queries.ts';
import { UnpromptedRepository } from './unprompted.ts';

/** The breather half's repositories over the same connection as the Store; statements are prepared once. */
export interface BreatherStore {
  jobs: JobRepository;
  checkins: CheckinSettingsRepository;
  breaks: BreakRepository;
  unprompted: UnpromptedRepository;
  planning: PlanningQueries;
  digest: DigestQueries;
}

const cache = new WeakMap<Store, BreatherStore>();

/** One BreatherStore per Store (commands get a Store in their context, so this is how they reach these tables). */
export function breatherStore(store: Store): BreatherStore {
  let found = cache.get(store);
  if (!found) {
    const { db } = store;
    found = {
      jobs: new JobRepository(db),
      checkins: new CheckinSettingsRepository(db),
      breaks: new BreakRepository(db),
      unprompted: new UnpromptedRepository(db),
      planning: new PlanningQueries(db),
      digest: new DigestQueries(db),
    };
    cache.set(store, found);
  }
  return found;
}
