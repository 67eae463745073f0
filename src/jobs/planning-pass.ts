import type { CheckinToPlan, CoopLacking, PlanRequest } from '../db/repositories/planning-queries.ts';
import type { Store } from '../db/store.ts';
import { resumeDisputeReminder } from '../planning/dispute-jobs.ts';
import { syncSwapJobs } from '../planning/swap-jobs.ts';
import { planPrune } from '../planning/retention-jobs.ts';
import { planCheckin, planDigest, planNudgeRound } from '../planning/weekly-jobs.ts';

export interface PlanReport {
  checkins: number;
  digests: number;
  nudgeRounds: number;
  swaps: number;
}

/** Member and co-op ids the start-up sweep covers per step. */
const SWEEP_RANGE = 2_000;
const SWAPS_PER_STEP = 500;
const QUEUE_PER_STEP = 100;

type SweepPhase = 'members' | 'coops' | 'swaps' | 'done';

/**
 * Keeps the jobs table holding what members, co-ops and swaps call for. Changes queue what they affect (database
 * triggers, migrations/0012_speed.sql) and each pass drains that queue, so a pass with nothing queued reads one
 * empty table. The first pass of a process also sweeps everything once, a range of ids per step, for whatever
 * changed outside the triggers (an older build, a restored backup).
 */
export class PlanningPass {
  private phase: SweepPhase = 'members';
  private cursor = 0;

  constructor(private readonly store: Store) {}

  /** Plans a little more; returns whether work remains. Runs inside the caller's transaction. */
  step(now: number, report: PlanReport): boolean {
    if (this.phase !== 'done') {
      this.sweepStep(now, report);
      return true;
    }
    const requests = this.store.planning.queued(QUEUE_PER_STEP);
    for (const request of requests) this.handle(request, now, report);
    if (requests.length < QUEUE_PER_STEP) {
      planPrune(this.store, now, now);
      return false;
    }
    return true;
  }

  private sweepStep(now: number, report: PlanReport): void {
    const { planning } = this.store;
    const from = this.cursor;
    const upTo = from + SWEEP_RANGE;
    if (this.phase === 'members') {
      // The sweep reads everything as it is now: what was queued before it is covered (what is queued during it
      // is not, and stays for after it).
      if (from === 0) planning.clearQueue();
      for (const p of planning.checkinsBetween(from, upTo)) this.replanCheckin(p, now, report);
      this.advance(upTo, this.store.planning.lastIds().members, 'coops');
    } else if (this.phase === 'coops') {
      for (const c of planning.coopsBetween(from, upTo)) this.replanCoop(c, now, report);
      this.advance(upTo, this.store.planning.lastIds().coops, 'swaps');
    } else {
      const swaps = planning.swapsToSync(from, SWAPS_PER_STEP);
      for (const swapId of swaps) syncSwapJobs(this.store, swapId, now);
      report.swaps += swaps.length;
      if (swaps.length < SWAPS_PER_STEP) this.phase = 'done';
      else this.cursor = swaps.at(-1) ?? upTo;
    }
  }

  private advance(upTo: number, last: number, next: SweepPhase): void {
    if (upTo < last) {
      this.cursor = upTo;
      return;
    }
    this.phase = next;
    this.cursor = 0;
  }

  private handle(request: PlanRequest, now: number, report: PlanReport): void {
    const { planning } = this.store;
    if (request.kind === 'checkin') {
      const p = planning.checkinOf(request.target);
      if (p) this.replanCheckin(p, now, report);
    } else if (request.kind === 'coop_checkins') {
      for (let after = 0; ; ) {
        const members = planning.checkinsInCoop(request.target, after, QUEUE_PER_STEP);
        for (const p of members) this.replanCheckin(p, now, report);
        if (members.length < QUEUE_PER_STEP) break;
        after = members.at(-1)?.memberId ?? Number.MAX_SAFE_INTEGER;
      }
    } else {
      const c = planning.coopOf(request.target);
      if (c) this.replanCoop(c, now, report);
    }
    planning.done(request);
  }

  private replanCheckin(p: CheckinToPlan, now: number, report: PlanReport): void {
    for (const old of this.store.jobs.pendingForMember(p.memberId, 'checkin')) this.store.jobs.cancel(old.id, now);
    planCheckin(this.store, p, now, now);
    report.checkins += 1;
  }

  private replanCoop(c: CoopLacking, now: number, report: PlanReport): void {
    const { jobs } = this.store;
    if (c.digest) {
      jobs.cancelCoopKind(c.coopId, 'digest', now);
      planDigest(this.store, c, now, now);
      report.digests += 1;
    }
    if (c.nudgeRound) {
      jobs.cancelCoopKind(c.coopId, 'nudge_round', now);
      planNudgeRound(this.store, c, now, now);
      report.nudgeRounds += 1;
    }
    if (c.disputeReminder) resumeDisputeReminder(this.store, c.coopId, now);
  }
}
