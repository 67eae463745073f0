// Retention: co-ops running week after week on a moved clock (check-ins, digests, nudges, the daily prune; every
// message delivered; the idempotency rows two commands a member a week would leave), measured after 16 weeks, once
// the longest retention (90 days) has begun to prune, and again after 26. What only matters for a while should stay
// the same size: the database grows with the ledger only.
import pino from 'pino';
import { ManualClock } from '../src/core/clock.ts';
import type { Db } from '../src/db/connection.ts';
import { Store } from '../src/db/store.ts';
import { advanceTo } from '../src/jobs/console-advance.ts';
import { OutboxRelay } from '../src/jobs/outbox-relay.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import type { TempDir } from './temp-db.ts';

const WEEK = 7 * 86_400_000;
const START = Date.parse('2027-01-04T12:00:00Z');
const silent = pino({ level: 'silent' });

export interface RetentionResult {
  members: number;
  weeks: [number, number];
  /** rows of the pruned tables at each of the two moments */
  rows: [number, number];
  /** rows written into them in all, by the end */
  written: number;
  tables: Record<string, [number, number]>;
}

const TABLES = ['invocations', 'outbox', 'jobs', 'unprompted_messages'] as const;

function counts(db: Db): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${t}`).get()?.n ?? 0]));
}

export async function runRetentionBench(temp: TempDir, options: { coops: number; members: number; weeks: [number, number] }): Promise<RetentionResult> {
  const { db } = temp.openFresh('retention');
  db.pragma('synchronous = OFF'); // a simulation of months: what is kept matters here, not the disk's speed
  const store = new Store(db);
  const clock = new ManualClock(START);
  const scheduler = new Scheduler(store, clock, silent);
  const relay = new OutboxRelay(store, clock, silent, { limits: { discord: { concurrency: 100 } } });
  relay.register({ platform: 'discord', send: async () => ({ ok: true }) });
  const memberIds: number[] = [];
  store.transaction(() => {
    for (let c = 0; c < options.coops; c++) {
      const coop = store.coops.create('discord', `g${c}`, `Co-op ${c}`, 'Europe/London', START);
      store.coops.setUp(coop.id, { timezone: 'Europe/London', channelRef: `C${c}`, checkin: { weekday: 0, minute: 19 * 60 }, dateOrder: null }, START);
      for (let m = 0; m < options.members; m++) memberIds.push(store.members.create(coop.id, `u${c}-${m}`, `P${c}-${m}`, m === 0, START).member.id);
    }
  });
  const commandRows = db.prepare<[string, number]>("INSERT INTO invocations (idempotency_key, fingerprint, reply, created_at) VALUES (?, 'f', '{\"visibility\":\"private\",\"text\":\"ok\"}', ?)");
  let written = 0;
  const snapshots: Record<string, number>[] = [];
  for (let week = 1; week <= options.weeks[1]; week++) {
    // Two commands a member a week leave their idempotency rows.
    db.transaction(() => {
      for (const id of memberIds) for (let k = 0; k < 2; k++) commandRows.run(`w${week}:${id}:${k}`, clock.now() + k * 3_600_000);
    })();
    written += memberIds.length * 2;
    await advanceTo({ store, clock, scheduler, relay, platform: 'discord' }, clock.now() + WEEK);
    if (week === options.weeks[0] || week === options.weeks[1]) snapshots.push(counts(db));
  }
  // Rows ever written to the tables with a rowid: their highest id (the newest row is never pruned).
  for (const t of ['outbox', 'jobs', 'unprompted_messages']) written += db.prepare<[], { n: number | null }>(`SELECT max(id) AS n FROM ${t}`).get()?.n ?? 0;
  const [first = {}, second = {}] = snapshots;
  const total = (s: Record<string, number>) => TABLES.reduce((sum, t) => sum + (s[t] ?? 0), 0);
  db.close();
  return {
    members: memberIds.length,
    weeks: options.weeks,
    rows: [total(first), total(second)],
    written,
    tables: Object.fromEntries(TABLES.map((t) => [t, [first[t] ?? 0, second[t] ?? 0]])),
  };
}
