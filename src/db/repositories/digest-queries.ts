import type { Db } from '../connection.ts';

/** Anonymous totals for a co-op's weekly digest: counts only, never names or balances. */
export interface DigestCounts {
  /** parents who took a break: logged one, said yes to the check-in, or were sat for */
  parentsWithBreak: number;
  sitsDone: number;
  /** credit-minutes moved by completed sits */
  creditsTraded: number;
  openOffers: number;
}

export interface NudgeCandidate {
  memberId: number;
  balance: number;
}

export class DigestQueries {
  private readonly breakTakers;
  private readonly sits;
  private readonly traded;
  private readonly offers;
  private readonly balances;

  constructor(db: Db) {
    this.breakTakers = db.prepare<[number, number, number, number, number, number], { n: number }>(
      `SELECT count(*) AS n FROM (
         SELECT member_id FROM breaks WHERE coop_id = ? AND taken_at >= ? AND taken_at < ?
         UNION
         SELECT p.member_id FROM swaps s JOIN swap_parties p ON p.swap_id = s.id AND p.role = 'family' AND p.status = 'active'
         WHERE s.coop_id = ? AND s.status IN ('accepted', 'completed') AND s.starts_at >= ? AND s.starts_at < ?)`,
    );
    this.sits = db.prepare<[number, number, number], { n: number }>(
      "SELECT count(*) AS n FROM swaps WHERE coop_id = ? AND status = 'completed' AND resolved_at >= ? AND resolved_at < ?",
    );
    this.traded = db.prepare<[number, number, number], { total: number }>(
      `SELECT coalesce(sum(p.amount), 0) AS total FROM transfers t JOIN postings p ON p.transfer_id = t.id
       WHERE t.coop_id = ? AND t.kind = 'swap' AND t.created_at >= ? AND t.created_at < ? AND p.amount > 0`,
    );
    this.offers = db.prepare<[number, number], { n: number }>(
      "SELECT count(*) AS n FROM swaps WHERE coop_id = ? AND status = 'open' AND kind IN ('offer', 'session') AND starts_at > ?",
    );
    this.balances = db.prepare<[number, number, number], NudgeCandidate>(
      `SELECT m.id AS memberId, a.balance FROM members m JOIN accounts a ON a.household_id = m.household_id
       LEFT JOIN checkin_settings s ON s.member_id = m.id
       WHERE m.coop_id = ? AND m.forgotten_at IS NULL AND COALESCE(s.nudges_off, 0) = 0 AND (a.balance >= ? OR a.balance <= ?)
       ORDER BY m.id`,
    );
  }

  counts(coopId: number, from: number, to: number, now: number): DigestCounts {
    return {
      parentsWithBreak: this.breakTakers.get(coopId, from, to, coopId, from, to)?.n ?? 0,
      sitsDone: this.sits.get(coopId, from, to)?.n ?? 0,
      creditsTraded: this.traded.get(coopId, from, to)?.total ?? 0,
      openOffers: this.offers.get(coopId, now)?.n ?? 0,
    };
  }

  /** Members whose household balance is at least `high` or at most `low`, and who have not turned nudges off. */
  nudgeCandidates(coopId: number, high: number, low: number): NudgeCandidate[] {
    return this.balances.all(coopId, high, low);
  }
}
