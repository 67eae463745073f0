import type { Db } from '../connection.ts';

/** A member who might be asked first for a new request: their household's balance is for ordering, never shown. */
export interface AskCandidate {
  memberId: number;
  householdId: number;
  balance: number;
}

/** Who to ask first when a request is posted: the families who have had the least sitting back lately. */
export class FirstAskQueries {
  private readonly byBalance;

  constructor(db: Db) {
    this.byBalance = db.prepare<[number, number], AskCandidate>(
      `SELECT m.id AS memberId, m.household_id AS householdId, a.balance FROM members m
       JOIN accounts a ON a.household_id = m.household_id
       WHERE m.coop_id = ? AND m.household_id <> ? AND m.forgotten_at IS NULL
       ORDER BY a.balance, m.household_id, m.id`,
    );
  }

  /** Every member outside the household, lowest household balance first (a household's parents side by side). */
  candidates(coopId: number, exceptHousehold: number): AskCandidate[] {
    return this.byBalance.all(coopId, exceptHousehold);
  }
}
