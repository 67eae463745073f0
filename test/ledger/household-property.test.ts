import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COOPS, createWorld, MEMBERS, type World } from './world.ts';

// Random co-op life with households in it: members join and leave households, are forgotten and come back, among
// swaps and gifts, in three co-ops at once. After every step: every ledger invariant; a step in one co-op leaves the
// others byte for byte; a merge takes exactly one start back to the co-op and changes no co-op's sum otherwise; a
// forget or a leave changes no balance at all; and no household ever holds starting credits twice.

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;

type Action =
  | { t: 'invite'; coop: number; who: number; target: number }
  | { t: 'answer'; coop: number; pick: number; accept: boolean }
  | { t: 'leave' | 'forget' | 'back'; coop: number; who: number }
  | { t: 'admin'; coop: number; who: number; target: number; add: boolean }
  | { t: 'post'; coop: number; who: number; day: number; kind: 'request' | 'offer' }
  | { t: 'swap'; coop: number; pick: number; step: 'volunteer' | 'book' | 'choose' | 'done' | 'cancel'; partner: boolean }
  | { t: 'give'; coop: number; who: number; target: number; amount: string }
  | { t: 'advance'; ms: number };

const coop = fc.integer({ min: 0, max: COOPS.length - 1 });
const who = fc.integer({ min: 0, max: MEMBERS.length - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('invite' as const), coop, who, target: who }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('answer' as const), coop, pick: fc.nat(100), accept: fc.integer({ min: 0, max: 4 }).map((n) => n > 0) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('leave' as const), coop, who }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('forget' as const), coop, who }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('back' as const), coop, who }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('admin' as const), coop, who: fc.constant(0), target: who, add: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('post' as const), coop, who, day: fc.integer({ min: 1, max: 3 }), kind: fc.constantFrom('request' as const, 'offer' as const) }) },
  {
    weight: 14,
    arbitrary: fc.record({
      t: fc.constant('swap' as const),
      coop,
      pick: fc.nat(1000),
      step: fc.constantFrom('volunteer' as const, 'book' as const, 'choose' as const, 'done' as const, 'done' as const, 'done' as const, 'cancel' as const),
      partner: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('give' as const), coop, who, target: who, amount: fc.constantFrom('0.5', '1', '2.25', '4') }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.constantFrom(6 * HOUR, DAY_MS, 2 * DAY_MS) }) },
);

/** Ledger facts one step may change, read straight from the tables. */
function ledgerFacts(world: World, coopName: string) {
  const id = world.h.store.coops.find('console', coopName)?.id ?? -1;
  const q = (sql: string) => (world.db.prepare(sql).pluck().get(id) as number | null) ?? 0;
  return {
    households: q("SELECT sum(balance) FROM accounts WHERE coop_id = ? AND kind = 'household'"),
    issuance: q("SELECT sum(balance) FROM accounts WHERE coop_id = ? AND kind = 'issuance'"),
    transfers: q('SELECT count(*) FROM transfers WHERE coop_id = ?'),
  };
}

/** The starts the co-op paid and never took back equal one start for each household that still holds its own. */
function checkStarts(world: World): void {
  const rows = world.db
    .prepare<[], { coopId: number; outstanding: number; held: number; merged: number; doubled: number }>(
      `SELECT c.id AS coopId,
         -(SELECT coalesce(sum(p.amount), 0) FROM postings p JOIN transfers t ON t.id = p.transfer_id JOIN accounts a ON a.id = p.account_id
             WHERE t.coop_id = c.id AND a.kind = 'issuance' AND t.kind IN ('starting', 'household')) AS outstanding,
         (SELECT coalesce(sum(p.amount), 0) FROM transfers t JOIN postings p ON p.transfer_id = t.id JOIN accounts a ON a.id = p.account_id
             WHERE t.coop_id = c.id AND t.kind = 'starting' AND a.kind = 'household'
               AND NOT EXISTS (SELECT 1 FROM transfers m WHERE m.idempotency_key = 'merge:' || a.household_id)) AS held,
         (SELECT count(*) FROM households h WHERE h.coop_id = c.id AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id)
             AND (SELECT balance FROM accounts WHERE household_id = h.id) <> 0) AS merged,
         (SELECT count(*) FROM (SELECT a.household_id FROM transfers t JOIN postings p ON p.transfer_id = t.id JOIN accounts a ON a.id = p.account_id
             WHERE t.coop_id = c.id AND t.kind = 'starting' AND a.kind = 'household' GROUP BY a.household_id HAVING count(*) > 1)) AS doubled
       FROM coops c`,
    )
    .all();
  for (const r of rows) {
    expect(r.doubled, `co-op ${r.coopId}: a household was paid two starts`).toBe(0);
    expect(r.outstanding, `co-op ${r.coopId}: starts outstanding vs starts held by households`).toBe(r.held);
    expect(r.merged, `co-op ${r.coopId}: a household nobody is in still holds credits`).toBe(0);
  }
  const [misplaced] = world.db
    .prepare<[], { id: number }>(
      'SELECT m.id FROM members m LEFT JOIN household_memberships hm ON hm.member_id = m.id AND hm.left_at IS NULL WHERE hm.household_id IS NOT m.household_id',
    )
    .all();
  expect(misplaced, 'a member whose household disagrees with their current membership').toBeUndefined();
}

function step(world: World, a: Action, live: Map<string, Set<string>>): void {
  if (a.t === 'advance') {
    world.advance(a.ms); // runs the jobs that fall due: settlements, reminders, prompts
    world.checkAll();
    return;
  }
  const c = COOPS[a.coop]!;
  const gone = live.get(c)!;
  const name = (n: number) => MEMBERS[n % MEMBERS.length]!;
  const present = MEMBERS.filter((m) => !gone.has(m));
  const someone = (n: number) => present[n % Math.max(present.length, 1)] ?? name(n);
  let line: string;
  let actor: string;
  switch (a.t) {
    case 'invite':
      [actor, line] = [someone(a.who), `/household invite member:@${someone(a.target)}`];
      break;
    case 'answer': {
      const open = world.db
        .prepare<[string], { id: number; name: string }>(
          `SELECT i.id, m.display_name AS name FROM household_invitations i JOIN members m ON m.id = i.invitee_member_id JOIN coops c ON c.id = i.coop_id
           WHERE c.external_ref = ? AND i.status = 'pending' ORDER BY i.id`,
        )
        .all(c);
      const invitation = open[a.pick % Math.max(open.length, 1)];
      if (!invitation || invitation.name === 'a former member') return;
      [actor, line] = [invitation.name, `/household ${a.accept ? 'accept' : 'decline'} id:${invitation.id}`];
      break;
    }
    case 'leave':
      [actor, line] = [someone(a.who), '/household leave confirm:yes'];
      break;
    case 'forget':
      [actor, line] = [someone(a.who), '/privacy forget confirm:yes'];
      break;
    case 'back': {
      const returning = [...gone][a.who % Math.max(gone.size, 1)];
      if (!returning) return;
      [actor, line] = [returning, '/credits balance'];
      break;
    }
    case 'admin':
      [actor, line] = ['Ann', `/coop household ${a.add ? 'add' : 'remove'} member:@${someone(a.target)} with:@${someone(a.target + 1 + (a.who % 3))}`];
      break;
    case 'post':
      [actor, line] = [someone(a.who), `/swap ${a.kind} when:${world.when(a.day, 19, 2)}`];
      break;
    case 'give':
      [actor, line] = [someone(a.who), `/credits give member:@${someone(a.target)} amount:${a.amount}`];
      break;
    case 'swap': {
      const swaps = world.swaps(c).filter((s) => ['open', 'accepted'].includes(s.status) && s.owner !== 'a former member');
      const swap = swaps[a.pick % Math.max(swaps.length, 1)];
      if (!swap) return;
      const family = world.parties(swap.id, 'family')[0];
      const volunteers = world.parties(swap.id, 'volunteer');
      const stranger = [...present.filter((m) => m !== swap.owner)][(a.pick >> 3) % Math.max(present.length - 1, 1)] ?? someone(a.pick);
      const now = world.h.clock.now();
      // Mostly the step the swap is ready for, so sits really settle; now and then a cancel.
      const ready =
        a.step === 'cancel' ? 'cancel'
        : swap.status === 'accepted' ? (swap.endsAt <= now ? 'done' : 'cancel')
        : swap.kind === 'offer' ? 'book'
        : volunteers.length > 0 && a.step !== 'volunteer' ? 'choose'
        : 'volunteer';
      switch (ready) {
        case 'volunteer':
        case 'book':
          [actor, line] = [stranger, `/swap ${ready} id:${swap.number}`];
          break;
        case 'choose':
          [actor, line] = [swap.owner, `/swap choose id:${swap.number} member:@${volunteers[0]}`];
          break;
        case 'done':
        case 'cancel': {
          // Now and then the household partner of the one in the swap acts for them.
          const inSwap = ready === 'done' ? (family ?? swap.owner) : swap.owner;
          [actor, line] = [a.partner ? (partnerOf(world, c, inSwap) ?? inSwap) : inSwap, `/swap ${ready} id:${swap.number}`];
          break;
        }
      }
      if (actor === 'a former member') return;
      break;
    }
  }
  const others = COOPS.filter((o) => o !== c);
  const before = { snapshots: others.map((o) => world.snapshot(o)), facts: ledgerFacts(world, c) };
  const joining = /household (accept|add)/.test(line) ? startStillHeldBy(world, c, line, a) : undefined;
  const reply = world.run(c, actor, line);
  expect(others.map((o) => world.snapshot(o)), `"${line}" by ${actor} in ${c} changed another co-op`).toEqual(before.snapshots);
  world.checkAll();
  checkStarts(world);
  const after = ledgerFacts(world, c);
  const merged = /^Welcome to|now shares a household/.test(reply.text);
  if (merged) {
    // A merge returns exactly the joining household's start, if it still held one, and nothing else.
    expect(after.issuance - before.facts.issuance, transcriptOf(world)).toBe(joining ?? 0);
    expect(after.households - before.facts.households + (joining ?? 0)).toBe(0);
  }
  if (a.t === 'leave' || a.t === 'forget') {
    expect(after, `${line} moved credits\n${transcriptOf(world)}`).toEqual({ ...before.facts, transfers: after.transfers });
    expect(after.households).toBe(before.facts.households);
  }
  if (a.t === 'forget' && reply.text.startsWith('Done: Breather has forgotten you')) gone.add(actor);
  if (a.t === 'back' && !reply.refusal) gone.delete(actor);
}

/** The start the member named in an accept or an admin add would bring back to the co-op (0 when none is held). */
function startStillHeldBy(world: World, c: string, line: string, a: Action): number {
  const invitation = /accept id:(\d+)/.exec(line);
  const memberId = invitation
    ? (world.db.prepare('SELECT invitee_member_id FROM household_invitations WHERE id = ?').pluck().get(Number(invitation[1])) as number)
    : world.h.store.members.find(world.h.store.coops.find('console', c)!.id, /member:@(\w+)/.exec(line)![1]!.toLowerCase())?.id;
  if (memberId === undefined || a.t === 'swap') return 0;
  const member = world.h.store.members.get(memberId);
  return world.h.store.households.unreturnedStart(member.householdId, world.h.store.ledger.accountOfHousehold(member.householdId));
}

function partnerOf(world: World, c: string, name: string): string | undefined {
  const coopId = world.h.store.coops.find('console', c)?.id;
  const member = coopId === undefined ? undefined : world.h.store.members.find(coopId, name.toLowerCase());
  if (!member) return undefined;
  return world.h.store.members.inHousehold(member.householdId).find((m) => m.id !== member.id && m.forgottenAt === null)?.displayName;
}

const transcriptOf = (world: World) => world.transcript.slice(-40).join('\n');

describe('households and forgetting under random co-op life (property)', () => {
  it('keep every invariant after every step, and no household ever holds two starts', () => {
    const seen = { merges: 0, moves: 0, forgets: 0, returns: 0, settled: 0 };
    fc.assert(
      fc.property(fc.array(action, { minLength: 40, maxLength: 90 }), (actions) => {
        const world = createWorld();
        const live = new Map(COOPS.map((c) => [c, new Set<string>()]));
        for (const c of COOPS) {
          world.run(c, 'Ann', '/coop setup timezone:Europe/London');
          for (const m of MEMBERS.slice(1)) world.run(c, m, '/help');
        }
        world.run('coop-b', 'Ann', '/coop rules name:starting_credits value:3');
        world.run('coop-c', 'Ann', '/coop rules name:cap value:9');
        world.checkAll();
        for (const a of actions) step(world, a, live);
        const count = (sql: string) => world.db.prepare(sql).pluck().get() as number;
        seen.merges += count("SELECT count(*) FROM household_invitations WHERE status = 'accepted'");
        seen.moves += count('SELECT count(*) FROM household_memberships WHERE left_at IS NOT NULL');
        seen.forgets += count('SELECT count(*) FROM members WHERE forgotten_at IS NOT NULL');
        seen.returns += count("SELECT count(*) FROM members m WHERE EXISTS (SELECT 1 FROM members f WHERE f.coop_id = m.coop_id AND f.forgotten_at IS NOT NULL) AND m.created_at > (SELECT min(forgotten_at) FROM members f WHERE f.coop_id = m.coop_id)");
        seen.settled += count("SELECT count(*) FROM transfers WHERE kind = 'swap'");
        world.h.store.db.close();
      }),
      { seed: 20261616, numRuns: 60 },
    );
    // The walk must reach the interesting states, or the property proves little.
    expect(seen.merges).toBeGreaterThan(40);
    expect(seen.moves).toBeGreaterThan(100);
    expect(seen.forgets).toBeGreaterThan(40);
    expect(seen.returns).toBeGreaterThan(8);
    expect(seen.settled).toBeGreaterThan(12);
  });
});

describe('the household checks can fail', () => {
  it('a second start paid to a household is caught', () => {
    const world = createWorld();
    world.run('coop-a', 'Ann', '/coop setup timezone:Europe/London');
    const coopId = world.h.store.coops.find('console', 'coop-a')!.id;
    const ann = world.h.store.members.find(coopId, 'ann')!;
    const account = world.h.store.ledger.accountOfHousehold(ann.householdId);
    world.h.store.transaction(() =>
      world.h.store.ledger.record({ coopId, kind: 'starting', memo: 'again', postings: [{ accountId: world.h.store.ledger.issuanceAccount(coopId), amount: -300 }, { accountId: account, amount: 300 }], at: 0 }),
    );
    expect(() => checkStarts(world)).toThrow(/two starts/);
  });

  it('a merge that keeps the joining start is caught', () => {
    const world = createWorld();
    world.run('coop-a', 'Ann', '/coop setup timezone:Europe/London');
    world.run('coop-a', 'Ben', '/help');
    const store = world.h.store;
    const coopId = store.coops.find('console', 'coop-a')!.id;
    const [ann, ben] = ['ann', 'ben'].map((ref) => store.members.find(coopId, ref)!);
    // Moving Ben in by hand, start and all, as a merge that forgot the rule would.
    const now = world.h.clock.now();
    store.transaction(() => {
      const from = store.ledger.accountOfHousehold(ben!.householdId);
      store.ledger.record({ coopId, kind: 'household', memo: 'wrong', idempotencyKey: `merge:${ben!.householdId}`, postings: [{ accountId: from, amount: -300 }, { accountId: store.ledger.accountOfHousehold(ann!.householdId), amount: 300 }], at: now });
      store.households.move(ben!.id, ann!.householdId, now);
    });
    expect(() => checkStarts(world)).toThrow(/starts outstanding/);
  });
});
