import { describe, expect, it } from 'vitest';
import { PRUNE_CHUNK, RETENTION } from '../../src/jobs/handlers/prune.ts';
import { createWorld, DAY, MINUTE } from './world.ts';

// The daily prune job deletes what only matters for a while (idempotency rows, delivered and failed messages,
// finished jobs, the record of unprompted messages) once it is older than its stated age; the ledger, swaps and
// breaks stay. It works in chunks, so one run never holds the tick up.

type World = ReturnType<typeof createWorld>;

const count = (w: World, sql: string) => w.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${sql}`).get()?.n ?? 0;

/** Rows of every prunable kind, `age` ms old (and one of each fresh), as a busy co-op leaves them. */
function seedRows(w: World, age: number, n = 1): void {
  const coop = w.store.coops.find('console', 'console')!;
  const member = w.memberId('Alice');
  const now = w.clock.now();
  const insert = w.store.db.transaction(() => {
    for (const [at, tag] of [[now - age, 'old'], [now, 'new']] as const) {
      for (let i = 0; i < n; i++) {
        w.store.db
          .prepare('INSERT INTO invocations (idempotency_key, fingerprint, reply, created_at) VALUES (?, ?, ?, ?)')
          .run(`${tag}:${i}`, 'f', '{}', at);
        w.store.db
          .prepare(
            `INSERT INTO outbox (coop_id, platform, destination, message, status, next_attempt_at, created_at, sent_at)
             VALUES (?, 'console', '{}', '{}', 'sent', ?, ?, ?), (?, 'console', '{}', '{}', 'failed', ?, ?, NULL)`,
          )
          .run(coop.id, at, at, at, coop.id, at, at);
        w.store.db
          .prepare(
            `INSERT INTO jobs (kind, subject, coop_id, member_id, due_at, next_attempt_at, idempotency_key, status, created_at, finished_at)
             VALUES ('nudge', 'member', ?, ?, ?, ?, ?, 'done', ?, ?)`,
          )
          .run(coop.id, member, at, at, `${tag}:job:${i}`, at, at);
        w.store.db.prepare("INSERT INTO unprompted_messages (member_id, kind, week, sent_at) VALUES (?, 'checkin', '2026-01-05', ?)").run(member, at);
      }
    }
  });
  insert();
}

const counts = (w: World) => ({
  invocations: count(w, 'invocations'),
  sent: count(w, "outbox WHERE status = 'sent'"),
  failed: count(w, "outbox WHERE status = 'failed'"),
  jobs: count(w, "jobs WHERE kind = 'nudge'"),
  unprompted: count(w, 'unprompted_messages'),
});

async function runPrune(w: World): Promise<void> {
  w.scheduler.plan();
  const due = w.store.db.prepare<[], { at: number }>("SELECT next_attempt_at AS at FROM jobs WHERE kind = 'prune' AND status = 'pending'").get();
  await w.advanceBy(Math.max(0, (due?.at ?? 0) - w.clock.now()));
}

describe('retention', () => {
  it('prunes each kind past its age, keeps the rest, and never touches the ledger', async () => {
    const w = createWorld();
    await w.say('Alice', '/help');
    await w.say('Bob', '/credits give member:@Alice amount:1');
    seedRows(w, 100 * DAY);
    const transfers = count(w, 'transfers');
    const before = counts(w);
    await runPrune(w);
    const after = counts(w);
    // Invocations older than a week, sent rows older than a month, the rest older than three months: all of the old.
    expect(after).toEqual({
      invocations: before.invocations - 1,
      sent: before.sent - 1,
      failed: before.failed - 1,
      jobs: before.jobs - 1,
      unprompted: before.unprompted - 1,
    });
    expect(count(w, 'transfers')).toBe(transfers);
  });

  it('keeps rows younger than their stated age', async () => {
    const w = createWorld();
    await w.say('Alice', '/help');
    seedRows(w, RETENTION.invocations - DAY);
    const before = counts(w);
    await runPrune(w);
    expect(counts(w)).toEqual(before);
  });

  it("keeps a finished job while its swap is still open, so it is never planned twice", async () => {
    const w = createWorld();
    await w.say('Alice', '/swap request when:"sat 19:00-23:00"');
    await w.say('Bob', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@Bob');
    await w.say('Alice', '/swap remind id:1 set:off');
    const optedOut = count(w, "jobs WHERE status = 'opted_out'");
    expect(optedOut).toBeGreaterThan(0);
    w.store.db.prepare("UPDATE jobs SET finished_at = ?, due_at = ? WHERE status = 'opted_out'").run(0, 0);
    await runPrune(w);
    expect(count(w, "jobs WHERE status = 'opted_out'")).toBe(optedOut);
  });

  it('works in chunks: a backlog takes several runs a minute apart, then tomorrow is planned', async () => {
    const w = createWorld();
    await w.say('Alice', '/help');
    seedRows(w, 200 * DAY, PRUNE_CHUNK + 5);
    const before = counts(w);
    await runPrune(w);
    const pending = w.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM jobs WHERE kind = 'prune' AND status = 'pending'").get();
    expect(pending?.n).toBe(1);
    expect(counts(w)).toEqual(Object.fromEntries(Object.entries(before).map(([k, n]) => [k, n - PRUNE_CHUNK])));
    await w.advanceBy(MINUTE);
    expect(counts(w)).toEqual(Object.fromEntries(Object.entries(before).map(([k, n]) => [k, n - PRUNE_CHUNK - 5])));
    const next = w.store.db.prepare<[], { due: number }>("SELECT due_at AS due FROM jobs WHERE kind = 'prune' AND status = 'pending'").get();
    expect(next?.due).toBeGreaterThan(w.clock.now() + 12 * 60 * MINUTE);
  });
});
