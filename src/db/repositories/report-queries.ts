import type { Db } from '../connection.ts';

export interface HouseholdBalance {
  /** The name it chose ('' when none). */
  household: string;
  /** "Ana & Ben"; '' for a household nobody is in any more (it can still hold a balance). */
  members: string;
  balance: number;
}

export interface RecentActivity {
  completed: number;
  /** credit-minutes paid for sits */
  traded: number;
  open: number;
}

/** What `/coop report` shows admins: every household's balance and the co-op's recent activity. */
export class ReportQueries {
  private readonly balances;
  private readonly activity;

  constructor(db: Db) {
    this.balances = db.prepare<[number], HouseholdBalance>(
      `SELECT h.name AS household, a.balance,
         coalesce((SELECT group_concat(display_name, ' & ') FROM (SELECT display_name FROM members WHERE household_id = h.id ORDER BY id)), '') AS members
       FROM households h JOIN accounts a ON a.household_id = h.id
       WHERE h.coop_id = ? AND (a.balance <> 0 OR EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id))
       ORDER BY a.balance DESC, h.id`,
    );
    this.activity = db.prepare<[{ coop: number; since: number }], RecentActivity>(
      `SELECT
         (SELECT count(*) FROM swaps WHERE coop_id = @coop AND status = 'completed' AND resolved_at >= @since) AS completed,
         (SELECT coalesce(sum(p.amount), 0) FROM transfers t JOIN postings p ON p.transfer_id = t.id
            WHERE t.coop_id = @coop AND t.kind = 'swap' AND t.created_at >= @since AND p.amount > 0) AS traded,
         (SELECT count(*) FROM swaps WHERE coop_id = @coop AND status = 'open') AS open`,
    );
  }

  householdBalances(coopId: number): HouseholdBalance[] {
    return this.balances.all(coopId);
  }

  activitySince(coopId: number, since: number): RecentActivity {
    return this.activity.get({ coop: coopId, since }) ?? { completed: 0, traded: 0, open: 0 };
  }
}
