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

/** A household that joined lately: what admins look at to spot accounts made only to collect starting credits. */
export interface NewHousehold {
  household: string;
  members: string;
  createdAt: number;
  /** completed sits it sat or was sat for */
  sits: number;
  balance: number;
}

/** What `/coop report` shows admins: every household's balance and the co-op's recent activity. */
export class ReportQueries {
  private readonly balances;
  private readonly activity;
  private readonly fresh;
  private readonly waiting;

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
    this.fresh = db.prepare<[number, number], NewHousehold>(
      `SELECT h.name AS household, a.balance, h.created_at AS createdAt,
         coalesce((SELECT group_concat(display_name, ' & ') FROM (SELECT display_name FROM members WHERE household_id = h.id ORDER BY id)), '') AS members,
         (SELECT count(DISTINCT s.id) FROM swaps s JOIN swap_parties p ON p.swap_id = s.id JOIN members m ON m.id = p.member_id
            WHERE m.household_id = h.id AND s.status = 'completed' AND p.status = 'active' AND p.role IN ('family', 'sitter')) AS sits
       FROM households h JOIN accounts a ON a.household_id = h.id
       WHERE h.coop_id = ? AND h.created_at >= ? AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.forgotten_at IS NULL)
       ORDER BY h.created_at, h.id`,
    );
    this.waiting = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM disputes WHERE coop_id = ? AND resolved_at IS NULL');
  }

  householdsSince(coopId: number, since: number): NewHousehold[] {
    return this.fresh.all(coopId, since);
  }

  openDisputes(coopId: number): number {
    return this.waiting.get(coopId)?.n ?? 0;
  }

  householdBalances(coopId: number): HouseholdBalance[] {
    return this.balances.all(coopId);
  }

  activitySince(coopId: number, since: number): RecentActivity {
    return this.activity.get({ coop: coopId, since }) ?? { completed: 0, traded: 0, open: 0 };
  }
}
