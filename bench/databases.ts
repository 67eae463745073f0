// The two databases the flatness goals compare: a small co-op world with one year behind it, and a big one with ten
// years behind its oldest co-ops and 50,000 members in all. Both hold what retention leaves of finished jobs (the
// last 90 days of weekly check-ins), and every member has next week's check-in planned.
import pino from 'pino';
import { ManualClock } from '../src/core/clock.ts';
import type { Db } from '../src/db/connection.ts';
import { Store } from '../src/db/store.ts';
import { DEFAULT_RULES } from '../src/domain/rules.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { seedCoops, type SeedResult } from './seed.ts';
import type { TempDir } from './temp-db.ts';

export const NOW = Date.parse('2026-11-25T12:00:00Z'); // a Wednesday noon: no check-in due
const DAY = 86_400_000;
const silent = pino({ level: 'silent' });

export interface World {
  name: string;
  db: Db;
  file: string;
  store: Store;
  seeded: SeedResult;
  members: number;
  years: number;
}

export interface WorldShape {
  /** co-ops with history, × households each */
  coops: number;
  households: number;
  years: number;
  /** members to reach in all, with co-ops of 50 members without history */
  members: number;
}

/** Builds one world: seeded history, extra co-ops, check-ins planned, 90 days of finished check-ins. */
export function buildWorld(temp: TempDir, name: string, shape: WorldShape): World {
  const { db, file } = temp.openFresh(name);
  db.pragma('wal_autocheckpoint = 0');
  const store = new Store(db);
  const seeded = seedCoops(db, { coops: shape.coops, householdsPerCoop: shape.households, swapsPerHouseholdPerMonth: 2, now: NOW, seed: 20261125, years: shape.years });
  addMembers(db, shape.members - seeded.counts.members);
  const clock = new ManualClock(NOW);
  new Scheduler(store, clock, silent).plan(NOW);
  // What the last 90 days left: 13 weekly check-ins a member, done (retention prunes older ones).
  db.prepare(
    `WITH RECURSIVE w(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM w WHERE n < 13)
     INSERT INTO jobs (kind, subject, coop_id, member_id, due_at, next_attempt_at, grace_ms, idempotency_key, status, attempts, created_at, finished_at, payload)
     SELECT 'checkin', 'member:' || m.id, m.coop_id, m.id, @now - w.n * 604800000, @now - w.n * 604800000, 21600000,
       'past:' || m.id || ':' || w.n, 'done', 1, @now - w.n * 604800000, @now - w.n * 604800000, '{}'
     FROM members m, w`,
  ).run({ now: NOW });
  const members = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM members').get()?.n ?? 0;
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { name, db, file, store, seeded, members, years: shape.years };
}

/** Co-ops of 50 members with nothing but their starting credits, up to `count` members more. */
function addMembers(db: Db, count: number): void {
  if (count <= 0) return;
  const coop = db.prepare<[string, number]>("INSERT INTO coops (platform, external_ref, name, timezone, created_at) VALUES ('discord', ?, 'Quiet co-op', 'Europe/London', ?)");
  const issuance = db.prepare<[number]>("INSERT INTO accounts (coop_id, kind) VALUES (?, 'issuance')");
  const household = db.prepare<[number, string, number]>('INSERT INTO households (coop_id, name, created_at) VALUES (?, ?, ?)');
  const account = db.prepare<[number, number]>("INSERT INTO accounts (coop_id, kind, household_id) VALUES (?, 'household', ?)");
  // Welcomed when they joined (migration 0010), not on their first command in the bench.
  const member = db.prepare<[number, number, string, string, number, number, number]>(
    'INSERT INTO members (coop_id, household_id, external_ref, display_name, created_at, welcomed_at, announced_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // Entries are numbered per co-op (migration 0006) from the co-op's counter, and each member has a membership row
  // of their household (migration 0007), as the ledger and joinCoop write them.
  const entryNumber = db.prepare<[number], { n: number }>('UPDATE coops SET next_entry_number = next_entry_number + 1 WHERE id = ? RETURNING next_entry_number - 1 AS n');
  const transfer = db.prepare<[number, number, string, number]>(
    "INSERT INTO transfers (coop_id, number, kind, memo, idempotency_key, created_at) VALUES (?, ?, 'starting', 'starting credits', ?, ?)",
  );
  const membership = db.prepare<[number, number, number]>('INSERT INTO household_memberships (member_id, household_id, joined_at) VALUES (?, ?, ?)');
  const posting = db.prepare<[number, number, number]>('INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?)');
  const at = NOW - 30 * DAY;
  db.transaction(() => {
    for (let made = 0, c = 0; made < count; c++) {
      const coopId = Number(coop.run(`quiet-${c}`, at).lastInsertRowid);
      const issuanceId = Number(issuance.run(coopId).lastInsertRowid);
      for (let m = 0; m < 50 && made < count; m++, made++) {
        const householdId = Number(household.run(coopId, `Family ${m}`, at).lastInsertRowid);
        const accountId = Number(account.run(coopId, householdId).lastInsertRowid);
        const memberId = Number(member.run(coopId, householdId, `quiet-${c}-${m}`, `Parent ${m}`, at, at, at).lastInsertRowid);
        membership.run(memberId, householdId, at);
        const number = entryNumber.get(coopId)?.n ?? 0;
        const transferId = Number(transfer.run(coopId, number, `starting:${householdId}`, at).lastInsertRowid);
        posting.run(transferId, issuanceId, -DEFAULT_RULES.starting_credits);
        posting.run(transferId, accountId, DEFAULT_RULES.starting_credits);
      }
    }
  }).immediate();
}
