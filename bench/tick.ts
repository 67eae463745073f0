// One tick with a wave of weekly check-ins due at the same minute, as production runs it (src/jobs/tick-runner.ts:
// the planning pass here, then the due jobs, a wave, in the scheduler's own thread, in its slices), against the
// set-based SQL floor: the same
// rows (each member's check-in DM in the outbox, the record of an unprompted message, the job done, next week's
// planned) written by four INSERT … SELECT / UPDATE statements in one transaction. Each pair on fresh databases.
import pino from 'pino';
import { ManualClock } from '../src/core/clock.ts';
import type { Db } from '../src/db/connection.ts';
import { Store } from '../src/db/store.ts';
import type { Member } from '../src/domain/members.ts';
import { MAX_SLICE_MS, SLICE_MS, THREAD_SLICING } from '../src/jobs/cron.ts';
import { Scheduler, type Slicing } from '../src/jobs/scheduler.ts';
import { TickRunner } from '../src/jobs/tick-runner.ts';
import { startTickThread } from '../src/jobs/tick-thread.ts';
import { checkinMessage } from '../src/messages/checkins.ts';
import { paired, timed, type Paired } from './paired.ts';
import type { TempDir } from './temp-db.ts';

/**
 * The scheduler's thread as `npm run start:prod` runs it: compiled (bench/run.ts builds first). Under tsx the thread
 * would transpile its modules as it starts, 2.5 s of CPU against 0.6 s compiled, on the cores the answers need.
 */
export const PRODUCTION_THREAD = { ...THREAD_SLICING, compiledWorker: new URL('../dist/tick-worker.js', import.meta.url) };

export const SUNDAY_EVENING = Date.parse('2027-03-07T19:00:00Z'); // Europe/London, Sunday 19:00
const silent = pino({ level: 'silent' });

export const productionSlicing = (): Slicing => ({
  sliceMs: SLICE_MS,
  maxSliceMs: MAX_SLICE_MS,
  pause: (ms) => new Promise((resolve) => (ms ? setTimeout(resolve, ms) : setImmediate(resolve))),
});

export interface Wave {
  db: Db;
  file: string;
  store: Store;
  clock: ManualClock;
  scheduler: Scheduler;
}

/** `coops` × `members` console members, their check-ins planned, the clock at the minute they are all due. */
export function waveOfCheckins(temp: TempDir, coops: number, members: number, name = 'wave'): Wave {
  const { db, file } = temp.openFresh(name);
  db.pragma('wal_autocheckpoint = 0'); // as in production: checkpoints run in a worker thread (src/db/checkpointer.ts)
  const store = new Store(db);
  const clock = new ManualClock(SUNDAY_EVENING - 3 * 86_400_000);
  store.transaction(() => {
    for (let c = 0; c < coops; c++) {
      const coop = store.coops.create('console', `wave${c}`, `Co-op ${c}`, 'Europe/London', clock.now());
      store.coops.setUp(coop.id, { timezone: 'Europe/London', channelRef: `C${c}`, checkin: { weekday: 0, minute: 19 * 60 }, dateOrder: null }, clock.now());
      for (let m = 0; m < members; m++) store.members.create(coop.id, `u${c}-${m}`, `Parent ${c}-${m}`, m === 0, clock.now());
    }
  });
  const scheduler = new Scheduler(store, clock, silent);
  scheduler.plan(clock.now());
  // The digests, nudge rounds and prunes fall due at other times; only the check-ins are due at this minute.
  db.prepare("UPDATE jobs SET due_at = due_at + 86400000, next_attempt_at = next_attempt_at + 86400000 WHERE kind <> 'checkin'").run();
  clock.set(SUNDAY_EVENING);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, file, store, clock, scheduler };
}

/** The same rows the tick writes, set-based. */
export function checkinFloor(db: Db, now: number): void {
  const template = JSON.stringify(
    checkinMessage({ member: { displayName: '\u0001NAME\u0001' } as Member, week: '2027-03-01', sits: [], timezone: 'Europe/London', pauseUntil: '2027-03-22' }),
  );
  const p = { now, template, week: '2027-03-01', nextWeek: '2027-03-08', localTime: '2027-03-07 19:00' };
  const due = `j.status = 'pending' AND j.kind = 'checkin' AND j.next_attempt_at <= @now`;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO outbox (coop_id, platform, destination, message, local_time, dedupe_key, next_attempt_at, created_at)
       SELECT j.coop_id, c.platform,
         json_object('kind', 'dm', 'platform', c.platform, 'coopRef', c.external_ref, 'memberRef', m.external_ref, 'memberName', m.display_name),
         replace(@template, char(1) || 'NAME' || char(1), m.display_name), @localTime, 'job:' || j.id || ':member:' || m.id, @now, @now
       FROM jobs j JOIN members m ON m.id = j.member_id JOIN coops c ON c.id = j.coop_id WHERE ${due}`,
    ).run(p);
    db.prepare(`INSERT INTO unprompted_messages (member_id, kind, week, sent_at) SELECT j.member_id, 'checkin', @week, @now FROM jobs j WHERE ${due}`).run(p);
    db.prepare(
      `INSERT INTO jobs (kind, subject, coop_id, member_id, due_at, next_attempt_at, grace_ms, idempotency_key, signature, payload, created_at)
       SELECT 'checkin', j.subject, j.coop_id, j.member_id, j.due_at + 604800000, j.due_at + 604800000, j.grace_ms,
         'checkin:' || j.member_id || ':' || @nextWeek, j.signature, json_object('occurrence', j.due_at + 604800000, 'week', @nextWeek), @now
       FROM jobs j WHERE ${due}`,
    ).run(p);
    db.prepare(`UPDATE jobs AS j SET status = 'done', attempts = attempts + 1, finished_at = @now WHERE ${due}`).run(p);
  }).immediate();
}

/** The rows a wave left: check-ins in the outbox, next week's pending. Both sides must leave the same. */
function rowsOf(db: Db): string {
  const row = db
    .prepare<[], { outbox: number; next: number; unprompted: number }>(
      `SELECT (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM jobs WHERE kind = 'checkin' AND status = 'pending') AS next,
              (SELECT count(*) FROM unprompted_messages) AS unprompted`,
    )
    .get();
  return JSON.stringify(row);
}

export interface TickResult extends Paired {
  jobs: number;
  /** Starting the scheduler's thread for the wave (not in the tick's time: see below). */
  threadStartMs: number[];
}

export async function runTickBench(temp: TempDir, options: { coops: number; members: number; pairs: number }): Promise<TickResult> {
  let jobs = 0;
  const threadStartMs: number[] = [];
  const result = await paired(
    options.pairs,
    async () => {
      const w = waveOfCheckins(temp, options.coops, options.members, 'tick');
      // The thread is started before the clock runs: production starts it once for a wave and keeps it while waves
      // come (its start is reported beside the tick); the tick is the planning pass and the wave's jobs.
      const started = performance.now();
      const thread = await startTickThread(w.store, w.file, silent, PRODUCTION_THREAD);
      threadStartMs.push(performance.now() - started);
      const runner = new TickRunner({ store: w.store, scheduler: w.scheduler, slicing: productionSlicing(), log: silent, startThread: () => Promise.resolve(thread) });
      const ms = await timed(async () => {
        const ticked = await runner.tick(w.clock.now());
        if (!ticked.inThread) throw new Error('the wave ran on the serving thread');
        jobs = ticked.ran.done;
      });
      await runner.stop();
      const rows = rowsOf(w.db);
      w.db.close();
      temp.drop(w.file);
      if (rows !== expected(options)) throw new Error(`the tick left ${rows}, expected ${expected(options)}`);
      return ms;
    },
    async () => {
      const w = waveOfCheckins(temp, options.coops, options.members, 'floor');
      const ms = await timed(() => checkinFloor(w.db, w.clock.now()));
      const rows = rowsOf(w.db);
      w.db.close();
      temp.drop(w.file);
      if (rows !== expected(options)) throw new Error(`the floor left ${rows}, expected ${expected(options)}`);
      return ms;
    },
  );
  return { ...result, jobs, threadStartMs };
}

const expected = (o: { coops: number; members: number }) => JSON.stringify({ outbox: o.coops * o.members, next: o.coops * o.members, unprompted: o.coops * o.members });
