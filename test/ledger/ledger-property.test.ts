import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COOPS, createWorld, MEMBERS, type SwapRow, type World } from './world.ts';

// Random co-op life through the dispatcher and the scheduler, checking the ledger after every step: conservation,
// cached balances, replay, the limits that guard new commitments, no unexpected exception, a step in one co-op never
// changing another co-op's rows; and (issue 9) every sit whose time has passed settled, disputed or called off within
// its deadline, no swap paid twice or paid while not completed (unless an admin decided a disputed seat), and every
// balance change told to its family exactly once.

const HOUR = 3_600_000;

type Action =
  | { t: 'post'; kind: 'request' | 'offer' | 'session'; coop: number; who: number; day: number; hour: number; hours: number; kids: number }
  | {
      t: 'volunteer' | 'book' | 'cancel' | 'done' | 'choose' | 'dispute' | 'resolve' | 'answer';
      coop: number;
      who: number;
      pick: number;
      smart: boolean;
      kids: number;
      hours: string | null;
      reason: boolean;
    }
  | { t: 'reverse'; coop: number; who: number; entry: number }
  | { t: 'give'; coop: number; who: number; target: number; amount: string }
  | { t: 'adjust'; coop: number; who: number; target: number; amount: string }
  | { t: 'rule'; coop: number; who: number; name: string; value: string }
  | { t: 'advance'; ms: number }
  | { t: 'look'; coop: number; who: number; what: string };

const coop = fc.integer({ min: 0, max: COOPS.length - 1 });
const who = fc.integer({ min: 0, max: MEMBERS.length - 1 });
const quarterHours = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((q) => String(q / 4));

const post = fc.record({
  t: fc.constant('post' as const),
  kind: fc.constantFrom('request' as const, 'offer' as const, 'session' as const),
  coop,
  who,
  day: fc.integer({ min: 0, max: 4 }),
  hour: fc.integer({ min: 6, max: 21 }),
  hours: fc.integer({ min: 1, max: 5 }),
  kids: fc.integer({ min: 1, max: 4 }),
});
const swapAction = fc.record({
  t: fc.oneof(
    { arbitrary: fc.constant('volunteer' as const), weight: 4 },
    { arbitrary: fc.constant('book' as const), weight: 3 },
    { arbitrary: fc.constant('choose' as const), weight: 4 },
    { arbitrary: fc.constant('done' as const), weight: 5 },
    { arbitrary: fc.constant('cancel' as const), weight: 1 },
    { arbitrary: fc.constant('dispute' as const), weight: 1 },
    { arbitrary: fc.constant('resolve' as const), weight: 3 },
    { arbitrary: fc.constant('answer' as const), weight: 2 },
  ),
  coop,
  who,
  pick: fc.nat(1000),
  smart: fc.integer({ min: 0, max: 7 }).map((n) => n > 0), // mostly aimed where it can succeed
  kids: fc.integer({ min: 1, max: 3 }),
  hours: fc.option(fc.constantFrom('1', '2.5', '3', '0.25', '6'), { freq: 3 }),
  reason: fc.boolean(),
});
const give = fc.record({ t: fc.constant('give' as const), coop, who, target: who, amount: quarterHours(0.25, 3) });
const adjust = fc.record({
  t: fc.constant('adjust' as const),
  coop,
  who: fc.integer({ min: -2, max: MEMBERS.length - 1 }).map((n) => Math.max(n, 0)), // mostly Ann, the admin
  target: who,
  amount: fc.tuple(fc.boolean(), quarterHours(0.25, 40)).map(([up, h]) => `${up ? '+' : '-'}${h}`),
});
const RULE_VALUES: [string, string[]][] = [
  ['floor', ['0', '-2', '-5', '-10', '-20']],
  ['cap', ['5', '8', '15', '40', '60']],
  ['late_cancel_fee', ['0', '1', '2.5']],
  ['late_cancel_hours', ['0', '12', '24', '72']],
  ['rate', ['0.5', '1', '2']],
  ['extra_child_rate', ['0', '0.5', '1']],
  ['starting_credits', ['0', '3', '5', '10']],
];
const rule = fc.constantFrom(...RULE_VALUES).chain(([name, values]) =>
  fc.record({
    t: fc.constant('rule' as const),
    coop,
    who: fc.integer({ min: -3, max: MEMBERS.length - 1 }).map((n) => Math.max(n, 0)), // mostly Ann, the admin
    name: fc.constant(name),
    value: fc.constantFrom(...values),
  }),
);
const reverse = fc.record({
  t: fc.constant('reverse' as const),
  coop,
  who: fc.integer({ min: -2, max: MEMBERS.length - 1 }).map((n) => Math.max(n, 0)), // mostly Ann, the admin
  entry: fc.integer({ min: 1, max: 40 }),
});
const advance = fc.record({ t: fc.constant('advance' as const), ms: fc.constantFrom(HOUR, 6 * HOUR, 24 * HOUR, 2 * 24 * HOUR, 4 * 24 * HOUR) });
const look = fc.record({
  t: fc.constant('look' as const),
  coop,
  who,
  what: fc.constantFrom('/swap list', '/swap list show:mine', '/credits balance', '/credits history', '/credits balance member:@ben', '/coop rules'),
});

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: post, weight: 5 },
  { arbitrary: swapAction, weight: 24 },
  { arbitrary: give, weight: 3 },
  { arbitrary: adjust, weight: 2 },
  { arbitrary: rule, weight: 2 },
  { arbitrary: reverse, weight: 2 },
  { arbitrary: advance, weight: 5 },
  { arbitrary: look, weight: 1 },
);

const pickOf = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** Turns an action into (who, line), aiming "smart" actions at swaps and people where they can succeed. */
function render(world: World, a: Exclude<Action, { t: 'advance' }>): { coop: string; who: string; line: string } {
  const c = COOPS[a.coop]!;
  const actor = MEMBERS[a.who]!;
  switch (a.t) {
    case 'post': {
      const size = a.kind === 'session' ? `capacity:${a.kids + 2}` : `kids:${a.kids}`;
      return { coop: c, who: actor, line: `/swap ${a.kind} when:${world.when(a.day, a.hour, a.hours)} ${size}` };
    }
    case 'give':
      return { coop: c, who: actor, line: `/credits give member:@${MEMBERS[a.target]} amount:${a.amount}` };
    case 'adjust':
      return { coop: c, who: actor, line: `/credits adjust member:@${MEMBERS[a.target]} amount:${a.amount} reason:"property test"` };
    case 'rule':
      return { coop: c, who: actor, line: `/coop rules name:${a.name} value:${a.value}` };
    case 'reverse':
      return { coop: c, who: actor, line: `/credits reverse entry:${a.entry} reason:"property test"` };
    case 'look':
      return { coop: c, who: actor, line: a.what };
    default:
      return renderSwapAction(world, a);
  }
}

const WANTED: Record<Extract<Action, { smart: boolean }>['t'], (world: World, s: SwapRow) => boolean> = {
  volunteer: (w, s) => s.kind === 'request' && s.status === 'open' && s.startsAt > w.h.clock.now(),
  book: (w, s) => s.kind !== 'request' && s.status === 'open' && s.startsAt > w.h.clock.now(),
  choose: (w, s) => s.kind === 'request' && s.status === 'open' && s.startsAt > w.h.clock.now() && w.parties(s.id, 'volunteer').length > 0,
  cancel: (w, s) => ['open', 'accepted', 'disputed'].includes(s.status) && (s.status === 'accepted' || w.h.clock.now() - s.startsAt < 86_400_000),
  done: (w, s) => (s.status === 'accepted' || (s.kind === 'session' && s.status === 'open')) && s.endsAt <= w.h.clock.now(),
  dispute: (w, s) => (s.status === 'accepted' || (s.kind === 'session' && s.status === 'open')) && s.startsAt <= w.h.clock.now(),
  resolve: (w, s) => w.openDisputes(s.id) > 0,
  answer: (w, s) => s.status === 'accepted' && w.pendingLength(s.id) !== undefined,
};

/** A smart action picks a live swap where it can succeed, in whichever co-op has one; otherwise any number. */
function renderSwapAction(world: World, a: Extract<Action, { smart: boolean }>): { coop: string; who: string; line: string } {
  const candidates = a.smart ? COOPS.flatMap((c) => world.swaps(c).filter((s) => WANTED[a.t](world, s)).map((s) => ({ c, s }))) : [];
  const target = pickOf(candidates, a.pick);
  const c = target?.c ?? COOPS[a.coop]!;
  const swap = target?.s;
  // Otherwise any number of that co-op, now and then one it does not have.
  const number = swap?.number ?? 1 + (a.pick % (world.swaps(c).length + (a.pick % 5 === 0 ? 1 : 0) || 1));
  let who: string = MEMBERS[a.who]!;
  if (swap && a.t !== 'volunteer' && a.t !== 'book') {
    const people = [swap.owner, ...world.parties(swap.id, 'sitter'), ...world.parties(swap.id, 'family'), ...world.parties(swap.id, 'volunteer')];
    // Whoever confirms settles: the paying family, or a session's host; now and then anyone in it.
    const confirmer = swap.kind === 'session' ? swap.owner : world.parties(swap.id, 'family')[0];
    const proposer = world.pendingLength(swap.id);
    const otherSide = proposer ? [...world.parties(swap.id, 'sitter'), ...world.parties(swap.id, 'family')].find((p) => p !== proposer) : undefined;
    if (a.t === 'choose') who = swap.owner;
    else if (a.t === 'resolve') who = a.pick % 5 === 0 ? (pickOf(people, a.pick) ?? 'Ann') : 'Ann';
    else if (a.t === 'answer' && otherSide && a.pick % 4 !== 0) who = otherSide;
    else if (a.t === 'done' && confirmer && a.pick % 4 !== 0) who = confirmer;
    else who = pickOf(people, a.pick >> 3) ?? who;
  }
  switch (a.t) {
    case 'volunteer':
      return { coop: c, who, line: `/swap volunteer id:${number}` };
    case 'book':
      return { coop: c, who, line: `/swap book id:${number} kids:${a.kids}` };
    case 'choose': {
      const volunteers = swap ? world.parties(swap.id, 'volunteer') : [];
      const chosen = pickOf(volunteers, a.pick >> 2) ?? MEMBERS[a.kids]!;
      return { coop: c, who, line: `/swap choose id:${number} member:@${chosen}` };
    }
    case 'cancel':
      return { coop: c, who, line: `/swap cancel id:${number}${a.reason ? ' reason:"something came up"' : ''}` };
    case 'done':
      return { coop: c, who, line: `/swap done id:${number}${a.hours ? ` hours:${a.hours}` : ''}` };
    case 'dispute':
      return { coop: c, who, line: `/swap dispute id:${number}${a.reason ? ' reason:"nobody came"' : ''}` };
    case 'answer':
      return { coop: c, who, line: `/swap length id:${number} answer:${a.reason ? 'agree' : 'disagree'}` };
    case 'resolve': {
      const family = swap?.kind === 'session' ? ` family:@${pickOf(world.parties(swap.id, 'family'), a.pick) ?? 'Ben'}` : '';
      const pay = (['booked', 'hours', 'none'] as const)[a.pick % 3];
      return { coop: c, who, line: `/coop resolve id:${number} pay:${pay}${pay === 'hours' ? ` hours:${a.hours ?? '1.5'}` : ''}${family}${a.reason ? ' note:"asked both"' : ''}` };
    }
  }
}

function step(world: World, a: Action): void {
  if (a.t === 'advance') {
    world.transcript.push(`(clock +${a.ms / HOUR} h)`);
    world.advance(a.ms);
    world.checkAll();
    return;
  }
  const { coop: c, who, line } = render(world, a);
  const others = COOPS.filter((o) => o !== c);
  const before = others.map((o) => world.snapshot(o));
  const reply = world.run(c, who, line);
  const after = others.map((o) => world.snapshot(o));
  if (after.some((s, i) => s !== before[i])) throw new Error(`"${line}" by ${who} in ${c} changed another co-op's rows\n${world.transcript.join('\n')}`);
  if (line.startsWith('/swap list')) world.checkList(c, reply);
  world.checkAll();
}

describe('the ledger under random co-op life (property)', () => {
  it('keeps every invariant after every step, in three co-ops at once', () => {
    let steps = 0;
    let transfers = 0;
    const settled = new Map<string, number>();
    const kinds = new Map<string, number>();
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(action, { minLength: 60, maxLength: 140 }), (actions) => {
        const world = createWorld();
        for (const c of COOPS) {
          world.run(c, 'Ann', '/coop setup timezone:Europe/London');
          for (const m of MEMBERS.slice(1)) world.run(c, m, '/help');
        }
        // Different rules per co-op from the start: a late-cancel fee in B, tight limits in C.
        world.run('coop-b', 'Ann', '/coop rules name:late_cancel_fee value:1.5');
        world.run('coop-b', 'Ann', '/coop rules name:late_cancel_hours value:72');
        world.run('coop-c', 'Ann', '/coop rules name:floor value:-3');
        world.run('coop-c', 'Ann', '/coop rules name:cap value:12');
        world.checkAll();
        for (const a of actions) step(world, a);
        steps += actions.length;
        transfers += world.db.prepare('SELECT count(*) FROM transfers').pluck().get() as number;
        for (const r of world.db.prepare<[], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM transfers GROUP BY kind').all()) {
          kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + r.n);
        }
        for (const r of world.db.prepare<[], { kind: string; n: number }>("SELECT s.kind, count(*) AS n FROM transfers t JOIN swaps s ON s.id = t.swap_id WHERE t.kind = 'swap' GROUP BY s.kind").all()) {
          settled.set(r.kind, (settled.get(r.kind) ?? 0) + r.n);
        }
        const tally = (key: string, n: number) => outcomes.set(key, (outcomes.get(key) ?? 0) + n);
        for (const r of world.db.prepare<[], { key: string; n: number }>("SELECT 'dispute ' || coalesce(outcome, 'open') AS key, count(*) AS n FROM disputes GROUP BY key").all()) tally(r.key, r.n);
        for (const r of world.db.prepare<[], { key: string; n: number }>("SELECT 'length ' || status AS key, count(*) AS n FROM length_proposals GROUP BY key").all()) tally(r.key, r.n);
        for (const r of world.db.prepare<[], { key: string; n: number }>("SELECT 'job ' || kind AS key, count(*) AS n FROM jobs WHERE status = 'done' AND kind IN ('auto_complete', 'settle_deadline', 'length_accept', 'dispute_reminder') GROUP BY kind").all()) tally(r.key, r.n);
        world.h.store.db.close();
      }),
      { seed: 20261122, numRuns: 100 },
    );
    // The walk must actually reach the interesting states, or the property proves little.
    expect(steps).toBeGreaterThan(8000);
    for (const kind of ['request', 'offer', 'session']) expect(settled.get(kind), `settled ${kind}s`).toBeGreaterThan(10);
    expect(transfers).toBeGreaterThan(100 * 15 + 50);
    expect(kinds.get('adjustment')).toBeGreaterThan(50);
    expect(kinds.get('gift')).toBeGreaterThan(20);
    expect(kinds.get('late_cancel')).toBeGreaterThan(0);
    expect(kinds.get('reversal')).toBeGreaterThan(10);
    for (const key of ['dispute booked', 'dispute hours', 'dispute none', 'length accepted', 'length disputed', 'job settle_deadline', 'job auto_complete', 'job length_accept']) {
      expect(outcomes.get(key), key).toBeGreaterThan(0);
    }
  }, 300_000); // 100 walks of up to 140 steps: a busy 2-core machine may need minutes, never a failure
});

describe('the per-step checks can fail', () => {
  function setUpWorld() {
    const world = createWorld();
    for (const m of MEMBERS) world.run('coop-a', m, m === 'Ann' ? '/coop setup timezone:Europe/London' : '/help');
    world.checkAll();
    return world;
  }
  const account = (world: World, who: string) => {
    const coopId = world.h.store.coops.find('console', 'coop-a')!.id;
    return world.h.store.ledger.accountOfHousehold(world.h.store.members.find(coopId, who.toLowerCase())!.householdId);
  };

  it('a gift that makes a debt is caught', () => {
    const world = setUpWorld();
    const coopId = world.h.store.coops.find('console', 'coop-a')!.id;
    world.h.store.transaction(() =>
      world.h.store.ledger.record({ coopId, kind: 'gift', memo: 'no limits', postings: [{ accountId: account(world, 'Ben'), amount: -420 }, { accountId: account(world, 'Cat'), amount: 420 }], at: 0 }),
    );
    expect(() => world.checkAll()).toThrow(/gift transfer \d+ took account \d+ from 300 to -120, below 0/);
  });

  it('a balance change nobody was told of is caught', () => {
    const world = setUpWorld();
    const coopId = world.h.store.coops.find('console', 'coop-a')!.id;
    world.h.store.transaction(() =>
      world.h.store.ledger.record({ coopId, kind: 'adjustment', memo: 'silent', postings: [{ accountId: world.h.store.ledger.issuanceAccount(coopId), amount: -60 }, { accountId: account(world, 'Ben'), amount: 60 }], at: 0 }),
    );
    expect(() => world.checkAll()).toThrow(/member \d+ was told of 0 balance change\(s\), not 1/);
  });

  it('a sit left unsettled past its deadline is caught', () => {
    const world = setUpWorld();
    world.run('coop-a', 'Ann', `/swap request when:${world.when(1, 19, 3)}`);
    world.run('coop-a', 'Ben', '/swap volunteer id:1');
    world.run('coop-a', 'Ann', '/swap choose id:1 member:@Ben');
    world.h.store.db.exec("UPDATE jobs SET status = 'cancelled' WHERE kind = 'settle_deadline'");
    world.h.clock.advance(10 * 86_400_000);
    expect(() => world.checkAll()).toThrow(/sits left unsettled past their deadline/);
  });

  it('an admin adjustment is allowed past the floor, and told', () => {
    const world = setUpWorld();
    world.run('coop-a', 'Ann', '/credits adjust member:@ben amount:-20 reason:"test"');
    expect(() => world.checkAll()).not.toThrow();
  });

  it('a list showing a swap the co-op does not own is caught', () => {
    const world = setUpWorld();
    expect(() => world.checkList('coop-a', { visibility: 'private', text: 'Open in this co-op:', cards: [{ title: '#1 · Ann can sit' }] })).toThrow(/not one of its swaps/);
  });

  it('a generic apology fails the run and shows the line', () => {
    const world = setUpWorld();
    world.h.store.db.close();
    expect(() => world.run('coop-a', 'Ben', '/credits balance')).toThrow(/generic apology for "\/credits balance" by Ben in coop-a/);
  });
});
