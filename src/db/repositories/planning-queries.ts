import type { Db } from '../connection.ts';

/** A member whose weekly check-in has no pending job planned from their current day, time and timezone. */
export interface CheckinToPlan {
  memberId: number;
  coopId: number;
  timezone: string;
  weekday: number;
  minute: number;
}

/** A co-op whose weekly job (digest, nudge round) is missing or was planned from an older day or timezone. */
export interface CoopToPlan {
  coopId: number;
  timezone: string;
  checkinWeekday: number;
}

/** A co-op to plan for, and what it lacks. */
export interface CoopLacking extends CoopToPlan {
  digest: boolean;
  nudgeRound: boolean;
  /** Disputes wait and no reminder to the admins is planned (the one due while the co-op was away was skipped). */
  disputeReminder: boolean;
}

type CoopLackingRow = CoopToPlan & { digest: number; nudgeRound: number; disputeReminder: number };

/** Something a change queued for planning (migrations/0012_speed.sql keeps the queue by triggers). */
export interface PlanRequest {
  kind: 'checkin' | 'coop_checkins' | 'coop_weekly';
  target: number;
}

// A check-in job's signature is "weekday:minute:timezone"; when any of them changes the job is planned again. The
// timezone is the member's as timezoneOf() reads it: their own, else their platform profile's, else the co-op's.
const CHECKIN_SIGNATURE = `COALESCE(s.weekday, c.checkin_weekday) || ':' || COALESCE(s.minute, c.checkin_minute) || ':' || COALESCE(m.timezone, m.profile_timezone, c.timezone)`;
// The digest goes out the day after the co-op's check-in day; its signature is "weekday:timezone".
const DIGEST_SIGNATURE = `((c.checkin_weekday + 1) % 7) || ':' || c.timezone`;

const CHECKINS_LACKING = `SELECT m.id AS memberId, m.coop_id AS coopId, COALESCE(m.timezone, m.profile_timezone, c.timezone) AS timezone,
    COALESCE(s.weekday, c.checkin_weekday) AS weekday, COALESCE(s.minute, c.checkin_minute) AS minute
  FROM members m JOIN coops c ON c.id = m.coop_id LEFT JOIN checkin_settings s ON s.member_id = m.id
  WHERE m.forgotten_at IS NULL AND COALESCE(s.off, 0) = 0 AND c.inactive_since IS NULL
    AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.member_id = m.id AND j.kind = 'checkin' AND j.status = 'pending'
                      AND j.signature = ${CHECKIN_SIGNATURE})`;

/**
 * What the scheduler's planning pass reads. A tick only drains the queue of changes (one member, one co-op at a
 * time, by key); the sweep over every member, co-op and live swap runs once at start, a range of ids at a time. A
 * co-op whose workspace removed Breather lacks nothing: its weekly jobs, and the reminder of its open disputes, are
 * planned again when it comes back (migrations/0013_inactive_coops.sql queues it).
 */
export class PlanningQueries {
  private readonly checkinsInRange;
  private readonly checkinOfMember;
  private readonly checkinsOfCoop;
  private readonly coopsInRange;
  private readonly coopById;
  private readonly swapsWithoutJobs;
  private readonly queue;
  private readonly dequeue;
  private readonly maxIds;
  private readonly clear;

  constructor(db: Db) {
    this.checkinsInRange = db.prepare<[number, number], CheckinToPlan>(`${CHECKINS_LACKING} AND m.id > ? AND m.id <= ? ORDER BY m.id`);
    this.checkinOfMember = db.prepare<[number], CheckinToPlan>(`${CHECKINS_LACKING} AND m.id = ?`);
    this.checkinsOfCoop = db.prepare<[number, number, number], CheckinToPlan>(
      `${CHECKINS_LACKING} AND m.coop_id = ? AND m.id > ? ORDER BY m.id LIMIT ?`,
    );
    const lacking = (kind: string, signature: string) =>
      `NOT EXISTS (SELECT 1 FROM jobs j WHERE j.coop_id = c.id AND j.kind = '${kind}' AND j.status = 'pending' AND j.signature = ${signature})`;
    const coopsLacking = `SELECT c.id AS coopId, c.timezone, c.checkin_weekday AS checkinWeekday,
        ${lacking('digest', DIGEST_SIGNATURE)} AS digest, ${lacking('nudge_round', 'c.timezone')} AS nudgeRound,
        EXISTS (SELECT 1 FROM disputes d WHERE d.coop_id = c.id AND d.resolved_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.coop_id = c.id AND j.kind = 'dispute_reminder' AND j.status = 'pending') AS disputeReminder
      FROM coops c WHERE c.inactive_since IS NULL AND EXISTS (SELECT 1 FROM members m WHERE m.coop_id = c.id)`;
    this.coopsInRange = db.prepare<[number, number], CoopLackingRow>(
      `${coopsLacking} AND c.id > ? AND c.id <= ? ORDER BY c.id`,
    );
    this.coopById = db.prepare<[number], CoopLackingRow>(`${coopsLacking} AND c.id = ?`);
    this.swapsWithoutJobs = db.prepare<[number, number], { id: number }>(
      `SELECT s.id FROM swaps s WHERE s.status IN ('open', 'accepted', 'disputed') AND s.id > ?
         AND s.status <> 'disputed' AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.swap_id = s.id) ORDER BY s.id LIMIT ?`,
    );
    this.queue = db.prepare<[number], PlanRequest>('SELECT kind, target FROM plan_queue ORDER BY kind, target LIMIT ?');
    this.dequeue = db.prepare<[string, number]>('DELETE FROM plan_queue WHERE kind = ? AND target = ?');
    this.clear = db.prepare('DELETE FROM plan_queue');
    this.maxIds = db.prepare<[], { members: number; coops: number }>(
      'SELECT coalesce((SELECT max(id) FROM members), 0) AS members, coalesce((SELECT max(id) FROM coops), 0) AS coops',
    );
  }

  /** Members with ids in (after, upTo] whose check-in needs planning. */
  checkinsBetween(after: number, upTo: number): CheckinToPlan[] {
    return this.checkinsInRange.all(after, upTo);
  }

  checkinOf(memberId: number): CheckinToPlan | undefined {
    return this.checkinOfMember.get(memberId);
  }

  /** A co-op's members after `afterMemberId` whose check-in needs planning, in id order. */
  checkinsInCoop(coopId: number, afterMemberId: number, limit: number): CheckinToPlan[] {
    return this.checkinsOfCoop.all(coopId, afterMemberId, limit);
  }

  /** Co-ops with ids in (after, upTo] lacking their digest, nudge round or dispute reminder. */
  coopsBetween(after: number, upTo: number): CoopLacking[] {
    return this.coopsInRange.all(after, upTo).map(lacks).filter((c) => c.digest || c.nudgeRound || c.disputeReminder);
  }

  coopOf(coopId: number): CoopLacking | undefined {
    const row = this.coopById.get(coopId);
    return row && lacks(row);
  }

  /** Live swaps after `afterId` the scheduler has never seen (posted by an older build), in id order. */
  swapsToSync(afterId: number, limit: number): number[] {
    return this.swapsWithoutJobs.all(afterId, limit).map((r) => r.id);
  }

  /** The highest member and co-op ids: where the sweep ends. */
  lastIds(): { members: number; coops: number } {
    return this.maxIds.get() ?? { members: 0, coops: 0 };
  }

  /** Empties the queue (a sweep covers everything in it). */
  clearQueue(): void {
    this.clear.run();
  }

  queued(limit: number): PlanRequest[] {
    return this.queue.all(limit);
  }

  done(request: PlanRequest): void {
    this.dequeue.run(request.kind, request.target);
  }
}

function lacks(row: CoopLackingRow): CoopLacking {
  return {
    coopId: row.coopId,
    timezone: row.timezone,
    checkinWeekday: row.checkinWeekday,
    digest: row.digest === 1,
    nudgeRound: row.nudgeRound === 1,
    disputeReminder: row.disputeReminder === 1,
  };
}

export function checkinSignature(weekday: number, minute: number, timezone: string): string {
  return `${weekday}:${minute}:${timezone}`;
}

export function digestSignature(checkinWeekday: number, timezone: string): string {
  return `${(checkinWeekday + 1) % 7}:${timezone}`;
}
