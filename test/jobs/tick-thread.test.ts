import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { Store } from '../../src/db/store.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { TickRunner } from '../../src/jobs/tick-runner.ts';
import { startTickThread, type TickThread } from '../../src/jobs/tick-thread.ts';
import { silentLog } from '../support/harness.ts';

// The scheduler's ticks in a thread of their own, on their own connection to the same file: a wave of check-ins
// due now is written by that thread while this one keeps answering (and writing).

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `members` console members of one co-op, no quiet hours, their check-ins due a minute ago by the real clock. */
function wave(members: number): { store: Store; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'breather-tick-thread-'));
  dirs.push(dir);
  const file = join(dir, 'bot.db');
  const db = openDatabase(file);
  migrate(db, { path: file });
  const store = new Store(db);
  const now = Date.now();
  store.transaction(() => {
    const coop = store.coops.create('console', 'thread-coop', 'Thread Co-op', 'Europe/London', now);
    for (let m = 0; m < members; m++) {
      const { member } = store.members.create(coop.id, `u${m}`, `Parent ${m}`, m === 0, now);
      store.members.setQuietHours(member.id, 0, 0);
    }
  });
  new Scheduler(store, new ManualClock(now), silentLog).plan(now);
  db.prepare("UPDATE jobs SET due_at = @at, next_attempt_at = @at, payload = json_set(payload, '$.occurrence', @at) WHERE kind = 'checkin'").run({ at: now - 60_000 });
  db.prepare("UPDATE jobs SET next_attempt_at = next_attempt_at + 86400000 WHERE kind <> 'checkin'").run();
  return { store, file };
}

const checkinsQueued = (store: Store) =>
  store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE message LIKE '%take a break%'").get()?.n ?? 0;

describe('the scheduler thread', () => {
  it('runs a tick on its own connection, while this thread writes too, and closes when stopped', async () => {
    const { store, file } = wave(300);
    const thread = await startTickThread(store, file, silentLog, { sliceMs: 1, maxSliceMs: 4 });
    try {
      const ticked = thread.tick(Date.now());
      // This thread's writes go on meanwhile, each in its own transaction, none refused as busy.
      const coop = store.coops.find('console', 'thread-coop')!;
      let writes = 0;
      let done = false;
      void ticked.finally(() => (done = true));
      const pendingAfterWrites: boolean[] = [];
      while (!done) {
        store.transaction(() => store.members.create(coop.id, `late${writes}`, `Late ${writes}`, false, Date.now()));
        // A synced commit here does not make the other thread's later batches durable: a sync is still pending.
        pendingAfterWrites.push(store.syncPending);
        writes += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const { ran, walSyncs } = await ticked;
      expect(ran.done).toBe(300);
      // Its batches went to disk from there, between this thread's writes, not only with this thread's commits.
      expect(walSyncs).toBeGreaterThan(0);
      expect(checkinsQueued(store)).toBe(300);
      expect(writes).toBeGreaterThan(0);
      expect(pendingAfterWrites.every(Boolean)).toBe(true);
      expect(store.syncPending).toBe(true); // its batches did not wait for the disk: the relay notes before sending
      // A second tick finds nothing due; with nobody writing meanwhile it syncs nothing itself.
      expect(await thread.tick(Date.now())).toMatchObject({ ran: { done: 0 }, walSyncs: 0 });
    } finally {
      await thread.stop();
    }
    await expect(thread.tick(Date.now())).rejects.toThrow(/exited/);
    store.db.close();
  });
});

const startThreadOn = (store: Store, file: string) => () => startTickThread(store, file, silentLog, { sliceMs: 1, maxSliceMs: 4 });

/** A tick runner over `store` sending 100 due jobs or more to the scheduler thread. */
const runnerFor = (store: Store, startThread: () => Promise<TickThread>) =>
  new TickRunner({
    store,
    scheduler: new Scheduler(store, new ManualClock(Date.now()), silentLog),
    slicing: { sliceMs: 1, pause: () => new Promise((resolve) => setImmediate(resolve)) },
    log: silentLog,
    startThread,
    threadFromJobs: 100,
  });

describe('where a tick runs', () => {

  /** One tick of a runner over `members` due check-ins: where it ran, what it did, and how many check-ins it queued. */
  async function tickOnce(members: number) {
    const { store, file } = wave(members);
    const runner = runnerFor(store, startThreadOn(store, file));
    try {
      return { ticked: await runner.tick(Date.now()), queued: checkinsQueued(store) };
    } finally {
      await runner.stop();
      store.db.close();
    }
  }

  it('sends a wave to the scheduler thread, and runs a few due jobs here', async () => {
    const big = await tickOnce(120);
    expect(big.ticked).toMatchObject({ inThread: true, ran: { done: 120 } });
    expect(big.queued).toBe(120);

    const small = await tickOnce(20);
    expect(small.ticked).toMatchObject({ inThread: false, ran: { done: 20 } });
    expect(small.queued).toBe(20);
  });
});

describe('a scheduler thread that died', () => {
  it('leaves its wave to this thread, and the next wave starts a new one', async () => {
    const { store, file } = wave(120);
    const started: TickThread[] = [];
    const runner = runnerFor(store, async () => {
      const thread = await startThreadOn(store, file)();
      // The first thread dies before it is asked for anything.
      if (started.push(thread) === 1) await thread.stop();
      return thread;
    });
    try {
      expect(await runner.tick(Date.now())).toMatchObject({ inThread: false, ran: { done: 120 } });
      expect(checkinsQueued(store)).toBe(120);
      // Next week's wave, due now: a new thread takes it.
      store.db.prepare("UPDATE jobs SET next_attempt_at = @at, due_at = @at WHERE kind = 'checkin' AND status = 'pending'").run({ at: Date.now() - 1_000 });
      expect(await runner.tick(Date.now())).toMatchObject({ inThread: true, ran: { done: 120 } });
      expect(started).toHaveLength(2);
    } finally {
      await runner.stop();
      store.db.close();
    }
  });
});
