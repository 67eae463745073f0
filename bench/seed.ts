// A year of co-op life, written straight to SQL in one transaction: co-ops, households, members, accounts,
// starting credits, swaps with their parties, and the settlements of completed swaps. Going through the
// dispatcher would take minutes; this takes seconds and leaves the same rows the commands would.
import type { Db } from '../src/db/connection.ts';
import { DEFAULT_RULES } from '../src/domain/rules.ts';
import { DAY, planSwaps, PRICING, TIMEZONES, type Household, type SwapPlan } from './seed-plan.ts';
import { Random } from './stats.ts';

export interface SeedOptions {
  coops: number;
  householdsPerCoop: number;
  swapsPerHouseholdPerMonth: number;
  /** The bench's "now": the history ends here, and a fortnight of upcoming swaps follows. */
  now: number;
  seed: number;
  /** Years of history (default 1). */
  years?: number;
}

export interface SeededMember {
  ref: string;
  name: string;
}

export interface SeededCoop {
  id: number;
  ref: string;
  timezone: string;
  members: SeededMember[];
}

export interface SeedCounts {
  coops: number;
  households: number;
  members: number;
  swaps: number;
  swapParties: number;
  transfers: number;
  postings: number;
}

export interface SeedResult {
  coops: SeededCoop[];
  counts: SeedCounts;
  /** The lowest household balance seeded; requests in the bench must stay affordable. */
  lowestBalance: number;
  highestBalance: number;
}

function prepare(db: Db) {
  return {
    coop: db.prepare<[string, string, string, number, number]>(
      "INSERT INTO coops (platform, external_ref, name, timezone, channel_ref, set_up_at, created_at) VALUES ('discord', ?, ?, ?, 'general', ?, ?)",
    ),
    swapNumber: db.prepare<[number, number]>('UPDATE coops SET next_swap_number = ? WHERE id = ?'),
    issuance: db.prepare<[number | bigint]>("INSERT INTO accounts (coop_id, kind) VALUES (?, 'issuance')"),
    household: db.prepare<[number, string, number]>('INSERT INTO households (coop_id, name, created_at) VALUES (?, ?, ?)'),
    account: db.prepare<[number, number]>("INSERT INTO accounts (coop_id, kind, household_id) VALUES (?, 'household', ?)"),
    member: db.prepare<[number, number, string, string, number, number, number, number]>(
      // Welcomed when they joined (migration 0010), not on their first command in the bench.
      'INSERT INTO members (coop_id, household_id, external_ref, display_name, is_admin, created_at, welcomed_at, announced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    // Entries are numbered per co-op (migration 0006), from the co-op's counter as the ledger does.
    entryNumber: db.prepare<[number], { n: number }>('UPDATE coops SET next_entry_number = next_entry_number + 1 WHERE id = ? RETURNING next_entry_number - 1 AS n'),
    transfer: db.prepare<[number, number, string, number | null, number | null, string, number, string | null, number]>(
      'INSERT INTO transfers (coop_id, number, kind, swap_id, party_id, memo, actor_member_id, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    membership: db.prepare<[number, number, number]>('INSERT INTO household_memberships (member_id, household_id, joined_at) VALUES (?, ?, ?)'),
    posting: db.prepare<[number, number, number]>('INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?)'),
    swap: db.prepare<[number, number, string, string, number, number, number, number, string, string, number, number, number | null, number | null, number]>(
      `INSERT INTO swaps (coop_id, number, kind, status, owner_member_id, starts_at, ends_at, kids, note, timezone, rate, extra_child_rate,
         sitter_done_at, resolved_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    party: db.prepare<[number, number, string, number | null, number | null, string, number]>(
      'INSERT INTO swap_parties (swap_id, member_id, role, kids, price, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

export function seedCoops(db: Db, options: SeedOptions): SeedResult {
  const random = new Random(options.seed);
  const counts: SeedCounts = { coops: 0, households: 0, members: 0, swaps: 0, swapParties: 0, transfers: 0, postings: 0 };
  const sql = prepare(db);
  const coops: SeededCoop[] = [];
  const plans: SwapPlan[] = [];
  const balance = new Map<number, number>();

  const transfer = (coopId: number, kind: string, swap: { id: number; partyId: number } | null, memo: string, actor: number, key: string | null, at: number, postings: [number, number][]) => {
    const number = sql.entryNumber.get(coopId)?.n ?? 0;
    const id = Number(sql.transfer.run(coopId, number, kind, swap?.id ?? null, swap?.partyId ?? null, memo, actor, key, at).lastInsertRowid);
    for (const [accountId, amount] of postings) sql.posting.run(id, accountId, amount);
    counts.transfers += 1;
    counts.postings += postings.length;
  };

  db.transaction(() => {
    const yearAgo = options.now - (options.years ?? 1) * 365 * DAY;
    for (let c = 0; c < options.coops; c += 1) {
      const ref = `guild-${100_000 + c}`;
      const timezone = TIMEZONES[c % TIMEZONES.length] ?? 'Europe/London';
      const createdAt = yearAgo - 30 * DAY;
      const coopId = Number(sql.coop.run(ref, `Co-op ${c + 1}`, timezone, createdAt, createdAt).lastInsertRowid);
      const issuance = Number(sql.issuance.run(coopId).lastInsertRowid);
      counts.coops += 1;
      const seeded: SeededCoop = { id: coopId, ref, timezone, members: [] };
      const households: Household[] = [];
      for (let h = 0; h < options.householdsPerCoop; h += 1) {
        const joined = createdAt + random.int(0, 29) * DAY + random.int(0, DAY - 1);
        const name = `Family ${h + 1}`;
        const householdId = Number(sql.household.run(coopId, name, joined).lastInsertRowid);
        const accountId = Number(sql.account.run(coopId, householdId).lastInsertRowid);
        const household: Household = { id: householdId, accountId, memberIds: [] };
        // About a third of households have a second parent on the server.
        const parents = random.chance(0.3) ? 2 : 1;
        for (let p = 0; p < parents; p += 1) {
          const member: SeededMember = { ref: `user-${c}-${h}-${p}`, name: `Parent${h + 1}${p === 0 ? 'a' : 'b'}` };
          const id = Number(sql.member.run(coopId, householdId, member.ref, member.name, h === 0 && p === 0 ? 1 : 0, joined, joined, joined).lastInsertRowid);
          household.memberIds.push(id);
          sql.membership.run(id, householdId, joined);
          seeded.members.push(member);
          counts.members += 1;
        }
        counts.households += 1;
        const start = DEFAULT_RULES.starting_credits;
        transfer(coopId, 'starting', null, 'starting credits', household.memberIds[0] ?? 0, `starting:${householdId}`, joined, [
          [issuance, -start],
          [accountId, start],
        ]);
        balance.set(accountId, start);
        households.push(household);
      }
      coops.push(seeded);
      const coopPlans = planSwaps(random, options, { coopId, timezone, households, balance });
      // Numbers are handed out in posting order, as nextSwapNumber does.
      coopPlans.sort((a, b) => a.createdAt - b.createdAt);
      coopPlans.forEach((plan, i) => (plan.number = i + 1));
      sql.swapNumber.run(coopPlans.length + 1, coopId);
      plans.push(...coopPlans);
    }

    plans.sort((a, b) => a.createdAt - b.createdAt);
    const families = new Map<number, number[]>();
    for (const plan of plans) {
      const parties = insertSwap(sql, plan, counts);
      families.set(plan.id, parties);
    }
    const settled = plans.filter((p) => p.settlement !== null).sort((a, b) => (a.settlement?.at ?? 0) - (b.settlement?.at ?? 0));
    for (const plan of settled) {
      const s = plan.settlement;
      // One settlement per family party (migration 0006): each payer's debit with the sitter's share of it.
      const sitter = s?.postings.at(-1)?.[0];
      if (!s || sitter === undefined) continue;
      s.postings.slice(0, -1).forEach(([payer, amount], i) => {
        const partyId = families.get(plan.id)?.[i] ?? 0;
        transfer(plan.coopId, 'swap', { id: plan.id, partyId }, `sit #${plan.number}`, s.actorMemberId, null, s.at, [[payer, amount], [sitter, -amount]]);
      });
    }
  }).immediate();

  const balances = [...balance.values()];
  return { coops, counts, lowestBalance: Math.min(...balances), highestBalance: Math.max(...balances) };
}

/** Inserts the swap and its parties; returns the family parties' ids, in order. */
function insertSwap(sql: Statements, plan: SwapPlan, counts: SeedCounts): number[] {
  plan.id = Number(
    sql.swap.run(plan.coopId, plan.number, plan.kind, plan.status, plan.ownerMemberId, plan.startsAt, plan.endsAt, plan.kids, plan.note,
      plan.timezone, PRICING.ratePerHour, PRICING.extraChildRatePerHour, plan.sitterDoneAt, plan.resolvedAt, plan.createdAt).lastInsertRowid,
  );
  counts.swaps += 1;
  const families: number[] = [];
  for (const p of plan.parties) {
    const id = Number(sql.party.run(plan.id, p.memberId, p.role, p.kids, p.price, p.status, p.at).lastInsertRowid);
    if (p.role === 'family') families.push(id);
    counts.swapParties += 1;
  }
  return families;
}
