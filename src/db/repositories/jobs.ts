import type { Db } from '../connection.ts';

export type JobStatus = 'pending' | 'done' | 'skipped' | 'cancelled' | 'failed' | 'opted_out';

export interface Job {
  id: number;
  kind: string;
  subject: string;
  /** null: a job of the whole install (the daily backup). */
  coopId: number | null;
  memberId: number | null;
  swapId: number | null;
  dueAt: number;
  nextAttemptAt: number;
  graceMs: number | null;
  key: string;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  signature: string | null;
  payload: Record<string, unknown>;
}

export interface NewJob {
  kind: string;
  subject: string;
  coopId: number | null;
  memberId?: number | null;
  swapId?: number | null;
  dueAt: number;
  graceMs: number | null;
  key: string;
  signature?: string | null;
  payload?: Record<string, unknown>;
}

interface JobRow {
  id: number;
  kind: string;
  subject: string;
  coop_id: number | null;
  member_id: number | null;
  swap_id: number | null;
  due_at: number;
  next_attempt_at: number;
  grace_ms: number | null;
  idempotency_key: string;
  status: JobStatus;
  attempts: number;
  last_error: string | null;
  signature: string | null;
  payload: string;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  coopId: r.coop_id,
  memberId: r.member_id,
  swapId: r.swap_id,
  dueAt: r.due_at,
  nextAttemptAt: r.next_attempt_at,
  graceMs: r.grace_ms,
  key: r.idempotency_key,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  signature: r.signature,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
});

/** The durable schedule. Every write here runs inside the caller's transaction. */
export class JobRepository {
  private readonly upsert;
  private readonly due;
  private readonly byId;
  private readonly byKey;
  private readonly finish;
  private readonly move;
  private readonly failOnce;
  private readonly ofSwap;
  private readonly cancelOne;
  private readonly pendingOf;
  private readonly pendingOfCoop;
  private readonly ranForMember;
  private readonly nextDue;
  private readonly dueCount;
  private readonly cancelKind;
  private readonly reviveOptedOut;

  constructor(db: Db) {
    // A planned job is written once per key. Planning it again moves a job that has not run yet (or revives a
    // cancelled one); a job that ran, was skipped or was opted out of stays as it is, so nothing goes twice.
    this.upsert = db.prepare<
      [string, string, number | null, number | null, number | null, number, number, number | null, string, string | null, string, number]
    >(
      `INSERT INTO jobs (kind, subject, coop_id, member_id, swap_id, due_at, next_attempt_at, grace_ms, idempotency_key,
         signature, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (idempotency_key) DO UPDATE SET due_at = excluded.due_at, next_attempt_at = excluded.due_at,
         grace_ms = excluded.grace_ms, signature = excluded.signature, payload = excluded.payload, status = 'pending',
         attempts = 0, last_error = NULL
       WHERE jobs.status IN ('pending', 'cancelled')`,
    );
    this.due = db.prepare<[number, number], JobRow>(
      `SELECT * FROM jobs WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.byId = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?');
    this.byKey = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE idempotency_key = ?');
    this.finish = db.prepare<[string, string | null, number, number]>(
      'UPDATE jobs SET status = ?, last_error = ?, attempts = attempts + 1, finished_at = ? WHERE id = ?',
    );
    this.move = db.prepare<[number, number, number]>('UPDATE jobs SET due_at = ?, next_attempt_at = ? WHERE id = ?');
    this.failOnce = db.prepare<[number, string, number]>(
      'UPDATE jobs SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
    );
    this.ofSwap = db.prepare<[number], JobRow>("SELECT * FROM jobs WHERE swap_id = ? AND status = 'pending' ORDER BY id");
    this.cancelOne = db.prepare<[string, number, number]>(
      "UPDATE jobs SET status = ?, finished_at = ? WHERE id = ? AND status = 'pending'",
    );
    this.pendingOf = db.prepare<[number, string], JobRow>(
      "SELECT * FROM jobs WHERE member_id = ? AND kind = ? AND status = 'pending' ORDER BY due_at",
    );
    this.pendingOfCoop = db.prepare<[number, string], JobRow>(
      "SELECT * FROM jobs WHERE coop_id = ? AND kind = ? AND status = 'pending' ORDER BY due_at",
    );
    this.ranForMember = db.prepare<[number, number, string], { n: number }>(
      "SELECT count(*) AS n FROM jobs WHERE swap_id = ? AND member_id = ? AND kind = ? AND status = 'done'",
    );
    this.cancelKind = db.prepare<[number, number, string]>(
      "UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE coop_id = ? AND kind = ? AND status = 'pending'",
    );
    this.reviveOptedOut = db.prepare<[number, number, string]>(
      "UPDATE jobs SET status = 'cancelled' WHERE swap_id = ? AND member_id = ? AND kind = ? AND status = 'opted_out'",
    );
    this.nextDue = db.prepare<[], { at: number | null }>("SELECT min(next_attempt_at) AS at FROM jobs WHERE status = 'pending'");
    this.dueCount = db
      .prepare<[number, number], number>("SELECT count(*) FROM (SELECT 1 FROM jobs WHERE status = 'pending' AND next_attempt_at <= ? LIMIT ?)")
      .pluck();
  }

  /** Plans a job; returns false when a job with this key already ran (or was skipped or opted out of). */
  plan(job: NewJob, now: number): boolean {
    const result = this.upsert.run(
      job.kind,
      job.subject,
      job.coopId,
      job.memberId ?? null,
      job.swapId ?? null,
      job.dueAt,
      job.dueAt,
      job.graceMs,
      job.key,
      job.signature ?? null,
      JSON.stringify(job.payload ?? {}),
      now,
    );
    return result.changes > 0;
  }

  /** How many jobs are due by `now`, counting up to `atMost`. */
  countDue(now: number, atMost: number): number {
    return this.dueCount.get(now, atMost) ?? 0;
  }

  dueBy(now: number, limit: number): Job[] {
    return this.due.all(now, limit).map(toJob);
  }

  get(id: number): Job | undefined {
    const row = this.byId.get(id);
    return row && toJob(row);
  }

  findByKey(key: string): Job | undefined {
    const row = this.byKey.get(key);
    return row && toJob(row);
  }

  markDone(id: number, at: number): void {
    this.finish.run('done', null, at, id);
  }

  markSkipped(id: number, reason: string, at: number): void {
    this.finish.run('skipped', reason, at, id);
  }

  markFailed(id: number, error: string, at: number): void {
    this.finish.run('failed', error, at, id);
  }

  /** Quiet hours: the job is now due later, and its grace counts from then. */
  postpone(id: number, until: number): void {
    this.move.run(until, until, id);
  }

  retryLater(id: number, at: number, error: string): void {
    this.failOnce.run(at, error, id);
  }

  pendingForSwap(swapId: number): Job[] {
    return this.ofSwap.all(swapId).map(toJob);
  }

  pendingForMember(memberId: number, kind: string): Job[] {
    return this.pendingOf.all(memberId, kind).map(toJob);
  }

  /** True when a job of this kind ran for this member and swap (a reminder, say: they have the calendar file). */
  ranFor(swapId: number, memberId: number, kind: string): boolean {
    return (this.ranForMember.get(swapId, memberId, kind)?.n ?? 0) > 0;
  }

  pendingForCoop(coopId: number, kind: string): Job[] {
    return this.pendingOfCoop.all(coopId, kind).map(toJob);
  }

  cancel(id: number, at: number, status: 'cancelled' | 'opted_out' = 'cancelled'): void {
    this.cancelOne.run(status, at, id);
  }

  /** Cancels a co-op's pending jobs of one kind, before they are planned again from new settings. */
  cancelCoopKind(coopId: number, kind: string, at: number): void {
    this.cancelKind.run(at, coopId, kind);
  }

  /** A member opted back in to a swap's jobs of one kind: they become plannable again. */
  optBackIn(swapId: number, memberId: number, kind: string): void {
    this.reviveOptedOut.run(swapId, memberId, kind);
  }

  /** When the earliest pending job wants to run, if any. */
  nextDueAt(): number | undefined {
    return this.nextDue.get()?.at ?? undefined;
  }
}
