import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { THREAD_FROM_JOBS } from '../../src/jobs/tick-runner.ts';
import { startDiscordStandin } from '../standins/discord/index.ts';
import { createStore, silentLog } from '../support/harness.ts';
import { tempDir } from './support/run-console.ts';
import { logMessage, startPlatformProcess, type Exit, type PlatformProcess } from './support/run-platforms.ts';

// The real process (node --import tsx src/main.ts, as npm start runs it) with a wave of check-ins due when it starts:
// the wave runs in the scheduler's own thread, which boots its TypeScript under tsx, writes every check-in, and
// stops with the process.

const DISCORD_TOKEN = 'MTE0.scheduler-thread.Qm2x8Ka1';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a wave of due jobs in the real process', () => {
  it('runs in the scheduler thread, and every check-in is queued once', async () => {
    const standin = await startDiscordStandin({ token: DISCORD_TOKEN });
    cleanups.push(() => standin.close());
    const dir = tempDir('scheduler-thread');
    cleanups.push(dir.remove);
    const members = THREAD_FROM_JOBS + 20;
    const store = createStore(dir.db);
    const now = Date.now();
    store.transaction(() => {
      const coop = store.coops.create('discord', standin.guild.id, 'Wave Co-op', 'Europe/London', now);
      for (let m = 0; m < members; m++) {
        const { member } = store.members.create(coop.id, `9000000000000${String(m).padStart(5, '0')}`, `Parent ${m}`, m === 0, now);
        store.members.setQuietHours(member.id, 0, 0);
      }
    });
    new Scheduler(store, new ManualClock(now), silentLog).plan(now);
    // Every check-in due a minute ago; the rest of the schedule a day on.
    store.db.prepare("UPDATE jobs SET due_at = @at, next_attempt_at = @at, payload = json_set(payload, '$.occurrence', @at) WHERE kind = 'checkin'").run({ at: now - 60_000 });
    store.db.prepare("UPDATE jobs SET next_attempt_at = next_attempt_at + 86400000 WHERE kind <> 'checkin'").run();
    store.db.close();

    const child: PlatformProcess = startPlatformProcess(
      { LOG_LEVEL: 'info', DISCORD_TOKEN, DISCORD_APP_ID: standin.applicationId, DISCORD_API_URL: standin.apiUrl, DATABASE_PATH: dir.db },
      { direct: true },
    );
    cleanups.push(async () => {
      child.kill();
      await child.exited.catch(() => undefined);
    });
    const line = await child.waitForLine((l) => logMessage(l) === 'scheduler tick' && l.includes('"inThread":true'), 'the wave ticked in the thread');
    expect(JSON.parse(line)).toMatchObject({ ran: { done: members, failed: 0 }, inThread: true });
    child.signal('SIGTERM');
    expect(await child.exited).toEqual<Exit>({ code: 0, signal: null });
    expect(child.stderr()).not.toMatch(/scheduler thread failed|could not start the scheduler thread/);

    const db = new Database(dir.db, { readonly: true });
    try {
      const checkins = db.prepare<[], { n: number; keys: number }>("SELECT count(*) AS n, count(DISTINCT dedupe_key) AS keys FROM outbox WHERE message LIKE '%take a break%'").get();
      expect(checkins).toEqual({ n: members, keys: members });
      const next = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM jobs WHERE kind = 'checkin' AND status = 'pending'").get();
      expect(next?.n).toBe(members); // next week's, each planned once
    } finally {
      db.close();
    }
  }, 120_000);
});
