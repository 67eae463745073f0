import type { Teller } from '../accounting/teller.ts';
import { sendToMember } from '../delivery/member-messages.ts';
import type { Delivery, DmOptions, Sent } from '../domain/delivery.ts';
import { coopDestination } from '../domain/destinations.ts';
import type { Message } from '../core/types.ts';
import type { Coop } from '../domain/coops.ts';
import type { Member } from '../domain/members.ts';
import type { Store } from '../db/store.ts';
import { formatLocal } from '../domain/timezone.ts';
import type { Logger } from '../logger.ts';
import type { Job } from '../db/repositories/jobs.ts';
import type { UnpromptedKind } from '../domain/delivery.ts';
import type { JobReads } from './job-reads.ts';

/** One job being run, inside the transaction that will also hold its outbox rows and its next occurrence. */
export interface JobRun {
  readonly store: Store;
  readonly job: Job;
  readonly now: number;
  readonly log: Logger;
  /** Members, co-ops and settings read once per batch of jobs. */
  readonly reads: JobReads;
}

export type Outcome =
  | { kind: 'done' }
  | { kind: 'skipped'; reason: string }
  /** Quiet hours: try again at `until` (the job's grace then counts from there). */
  | { kind: 'postponed'; until: number };

export const done: Outcome = { kind: 'done' };
export const skipped = (reason: string): Outcome => ({ kind: 'skipped', reason });
export const postponed = (until: number): Outcome => ({ kind: 'postponed', until });

export interface JobHandler {
  run(run: JobRun): Outcome;
  /** Plans what comes next (a weekly job's next occurrence), after the job ran or was skipped, even as too late. */
  after?(run: JobRun): void;
}

/**
 * A private message from a job, by the delivery policy. It carries the member's local send time (the console shows
 * it), and is queued at most once per job and member, so a job that is retried never sends twice.
 */
export function dmFromJob(run: JobRun, coop: Coop, member: Member, message: Message, delivery: Delivery, how: { nth?: number; countAs?: UnpromptedKind } = {}): Sent {
  const nth = how.nth ?? 0;
  const dedupeKey = `job:${run.job.id}:member:${member.id}${nth > 0 ? `:${nth}` : ''}`;
  return sendToMember(run.store, { coop, member, message, delivery, now: run.now, dedupeKey, withLocalTime: true, ...(how.countAs ? { countAs: how.countAs } : {}) });
}

/**
 * Tells members from a job about a change that happens now, as unprompted messages unless told otherwise; a member
 * told twice by one job (a host paid by each family of a session) gets both.
 */
export function jobTeller(run: JobRun, coop: Coop): Teller {
  const told = new Map<number, number>();
  return {
    dm(member, message, how: DmOptions = {}) {
      if (member.forgottenAt !== null) return;
      const nth = told.get(member.id) ?? 0;
      told.set(member.id, nth + 1);
      dmFromJob(run, coop, member, message, how.delivery ?? { kind: 'unprompted' }, { nth });
    },
  };
}

/** Queues a post to the co-op's channel from a job, with the co-op's local time. */
export function postFromJob(run: JobRun, coop: Coop, message: Message): void {
  run.store.outbox.add({
    coopId: coop.id,
    notification: { destination: coopDestination(coop), message, localTime: formatLocal(run.now, coop.timezone) },
    dedupeKey: `job:${run.job.id}:channel`,
    at: run.now,
  });
}

export function requireCoop(run: JobRun): Coop {
  if (run.job.coopId === null) throw new Error(`job ${run.job.id} (${run.job.kind}) has no co-op`);
  return run.reads.coop(run.job.coopId);
}

export function requireMember(run: JobRun): Member {
  if (run.job.memberId === null) throw new Error(`job ${run.job.id} (${run.job.kind}) has no member`);
  return run.reads.member(run.job.memberId);
}

export function payloadNumber(run: JobRun, name: string): number {
  const value = run.job.payload[name];
  if (typeof value !== 'number') throw new Error(`job ${run.job.id} payload has no number ${name}`);
  return value;
}

export function payloadString(run: JobRun, name: string): string {
  const value = run.job.payload[name];
  if (typeof value !== 'string') throw new Error(`job ${run.job.id} payload has no text ${name}`);
  return value;
}
