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

// A check-in job's signature is "weekday:minute:timezone"; when any of them changes the job is planned again.
const CHECKIN_SIGNATURE = `COALESCE(s.weekday, c.checkin_weekday) || ':' || COALESCE(s.minute, c.checkin_minute) || ':' || COALESCE(m.timezone, c.timezone)`;
// The digest goes out the day after the co-op's check-in day; its signature is "weekday:timezone".
const DIGEST_SIGNATURE = `((c.checkin_weekday + 1) % 7) || ':' || c.timezone`;

/** The queries the scheduler's planning pass runs on every tick: cheap anti-joins over indexed columns. */
export class PlanningQueries {
  private readonly checkins;
  private readonly digests;
  private readonly nudgeRounds;
  private readonly swapsWithoutJobs;

  constructor(db: Db) {
    this.checkins = db.prepare<[number], CheckinToPlan>(
      `SELECT m.id AS memberId, m.coop_id AS coopId, COALESCE(m.timezone, c.timezone) AS timezone,
         COALESCE(s.weekday, c.checkin_weekday) AS weekday, COALESCE(s.minute, c.checkin_minute) AS minute
       FROM members m JOIN coops c ON c.id = m.coop_id LEFT JOIN checkin_settings s ON s.member_id = m.id
       WHERE m.forgotten_at IS NULL AND COALESCE(s.off, 0) = 0
         AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.member_id = m.id AND j.kind = 'checkin' AND j.status = 'pending'
                           AND j.signature = ${CHECKIN_SIGNATURE})
       ORDER BY m.id LIMIT ?`,
    );
    const coopsLacking = (kind: string, signature: string) =>
      db.prepare<[number], CoopToPlan>(
        `SELECT c.id AS coopId, c.timezone, c.checkin_weekday AS checkinWeekday FROM coops c
         WHERE EXISTS (SELECT 1 FROM members m WHERE m.coop_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.coop_id = c.id AND j.kind = '${kind}' AND j.status = 'pending'
                             AND j.signature = ${signature})
         ORDER BY c.id LIMIT ?`,
      );
    this.digests = coopsLacking('digest', DIGEST_SIGNATURE);
    this.nudgeRounds = coopsLacking('nudge_round', 'c.timezone');
    this.swapsWithoutJobs = db.prepare<[number], { id: number }>(
      `SELECT s.id FROM swaps s WHERE s.status IN ('open', 'accepted')
         AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.swap_id = s.id) ORDER BY s.id LIMIT ?`,
    );
  }

  checkinsToPlan(limit: number): CheckinToPlan[] {
    return this.checkins.all(limit);
  }

  digestsToPlan(limit: number): CoopToPlan[] {
    return this.digests.all(limit);
  }

  nudgeRoundsToPlan(limit: number): CoopToPlan[] {
    return this.nudgeRounds.all(limit);
  }

  /** Open or accepted swaps the scheduler has never seen (posted before this schema, or by an older build). */
  swapsToSync(limit: number): number[] {
    return this.swapsWithoutJobs.all(limit).map((r) => r.id);
  }

}

export function checkinSignature(weekday: number, minute: number, timezone: string): string {
  return `${weekday}:${minute}:${timezone}`;
}

export function digestSignature(checkinWeekday: number, timezone: string): string {
  return `${(checkinWeekday + 1) % 7}:${timezone}`;
}
