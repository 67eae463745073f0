// The plan for one co-op's year of swaps: when, who, what status, and which settle. Pure apart from the seeded
// random source; seed.ts writes the plan to SQL.
import { DEFAULT_RULES } from '../src/domain/rules.ts';
import { quote } from '../src/domain/pricing.ts';
import type { Swap, SwapParty } from '../src/domain/swaps.ts';
import type { SwapKind, SwapStatus } from '../src/domain/swaps.ts';
import type { Random } from './stats.ts';

export type Kind = SwapKind;
export type Status = Exclude<SwapStatus, 'disputed'>;

export interface Party extends Pick<SwapParty, 'memberId' | 'role' | 'kids' | 'price' | 'status'> {
  at: number;
}

/** A swap row as the repository knows it (less the frozen rates, which seed.ts fills in), plus its parties. */
export interface SwapPlan extends Omit<Swap, 'rate' | 'extraChildRate' | 'status'> {
  status: Status;
  parties: Party[];
  settlement: { at: number; actorMemberId: number; postings: [number, number][] } | null;
}

export interface Household {
  id: number;
  accountId: number;
  memberIds: number[];
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const TIMEZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney'];
const NOTES = ['', '', '', 'two sleepy toddlers', 'bedtime at 8', 'no screens please', 'nut allergy, snacks packed'];
// Seeded balances stay inside these, well within the co-op's floor and cap: a bench request (at most 4.5 h of
// credits) must always be affordable, and a settlement must never need a limit the real code would refuse.
const LOWEST = -200;
const HIGHEST = 2000;
export const PRICING = { ratePerHour: DEFAULT_RULES.rate, extraChildRatePerHour: DEFAULT_RULES.extra_child_rate };

export interface PlanOptions {
  swapsPerHouseholdPerMonth: number;
  now: number;
  /** Years of history before `now` (default 1). */
  years?: number;
}

export interface CoopState {
  coopId: number;
  timezone: string;
  households: Household[];
  balance: Map<number, number>;
}

export function planSwaps(random: Random, options: PlanOptions, coop: CoopState): SwapPlan[] {
  const years = options.years ?? 1;
  const from = options.now - years * 365 * DAY;
  const until = options.now + 14 * DAY;
  const total = Math.round(coop.households.length * options.swapsPerHouseholdPerMonth * 12 * years);
  const starts: number[] = [];
  for (let i = 0; i < total; i += 1) {
    const day = from + Math.floor(random.next() * ((until - from) / DAY)) * DAY;
    starts.push(day + random.int(9, 19) * HOUR + random.pick([0, 30]) * 60_000);
  }
  starts.sort((a, b) => a - b);
  return starts.map((startsAt) => planSwap(random, options.now, coop, startsAt));
}

function planSwap(random: Random, now: number, coop: CoopState, startsAt: number): SwapPlan {
  const roll = random.next();
  const kind: Kind = roll < 0.75 ? 'request' : roll < 0.95 ? 'offer' : 'session';
  const hours = kind === 'session' ? random.int(2, 3) : random.int(2, 4);
  const endsAt = startsAt + hours * HOUR;
  const createdAt = Math.min(startsAt - random.int(6, 240) * HOUR, now - HOUR);
  let status: Status;
  if (startsAt > now) status = random.chance(0.6) ? 'open' : 'accepted';
  else if (endsAt > now) status = 'accepted';
  else {
    const r = random.next();
    status = r < 0.85 ? 'completed' : r < 0.95 ? 'cancelled' : 'expired';
  }
  const matched = status === 'accepted' || status === 'completed';
  // A session stays open while families book seats; it has no accepted state.
  if (kind === 'session' && status === 'accepted') status = 'open';
  const familiesWanted = kind === 'session' ? random.int(2, 4) : 1;
  const requestKids = random.pick([1, 1, 1, 2, 2, 3]);
  const familyKids = () => (kind === 'session' ? random.int(1, 2) : requestKids);
  const price = (k: number) =>
    quote({ startsAt, endsAt, kids: k }, kind === 'session' ? { ratePerHour: PRICING.ratePerHour, extraChildRatePerHour: PRICING.ratePerHour } : PRICING).price;

  // Who pays and who sits: for a completed swap, pick households the ledger can afford, as the real limits would.
  const wantedFamilies = matched ? familiesWanted : kind === 'request' ? 1 : 0;
  const kidsOf = Array.from({ length: wantedFamilies }, familyKids);
  const booked = kidsOf.reduce((a, b) => a + b, 0);
  const kids = kind === 'session' ? Math.max(booked, random.int(4, 8)) : kind === 'offer' ? Math.max(requestKids, random.int(2, 4)) : requestKids;
  const { sitter, payers } = pickPeople(random, coop, kind, kidsOf.map(price), status === 'completed');
  const member = (h: Household) => random.pick(h.memberIds);
  const sitterMember = sitter ? member(sitter) : 0;
  const payerMembers = payers.map(member);
  const ownerMemberId = kind === 'request' ? (payerMembers[0] ?? 0) : sitterMember;

  const parties: Party[] = [];
  const at = (offsetHours: number) => Math.min(createdAt + offsetHours * HOUR, now - 60_000);
  if (kind === 'request') {
    parties.push({ memberId: ownerMemberId, role: 'family', kids, price: price(kids), status: 'active', at: createdAt });
    if (matched || (status === 'open' && random.chance(0.5)) || (status === 'cancelled' && random.chance(0.3))) {
      if (matched) parties.push({ memberId: sitterMember, role: 'volunteer', kids: null, price: null, status: 'active', at: at(1) });
      const others = random.int(0, 2);
      for (const h of otherHouseholds(random, coop, [payers[0], sitter], others)) {
        parties.push({ memberId: member(h), role: 'volunteer', kids: null, price: null, status: matched ? 'not_chosen' : 'active', at: at(2) });
      }
      if (matched) parties.push({ memberId: sitterMember, role: 'sitter', kids: null, price: null, status: 'active', at: at(3) });
    }
  } else {
    parties.push({ memberId: ownerMemberId, role: 'sitter', kids: null, price: null, status: 'active', at: createdAt });
    payerMembers.forEach((memberId, i) => {
      const k = kidsOf[i] ?? 1;
      parties.push({ memberId, role: 'family', kids: k, price: price(k), status: 'active', at: at(1 + i) });
    });
  }

  let settlement: SwapPlan['settlement'] = null;
  let resolvedAt: number | null = null;
  let sitterDoneAt: number | null = null;
  if (status === 'completed' && sitter) {
    resolvedAt = Math.min(endsAt + random.int(1, 48) * HOUR, now - 60_000);
    if (random.chance(0.5)) sitterDoneAt = Math.min(endsAt + HOUR, resolvedAt);
    const postings: [number, number][] = payers.map((h, i) => [h.accountId, -price(kidsOf[i] ?? 1)]);
    const total = -postings.reduce((sum, [, amount]) => sum + amount, 0);
    postings.push([sitter.accountId, total]);
    for (const [accountId, amount] of postings) coop.balance.set(accountId, (coop.balance.get(accountId) ?? 0) + amount);
    settlement = { at: resolvedAt, actorMemberId: kind === 'request' ? ownerMemberId : (payerMembers[0] ?? ownerMemberId), postings };
  } else if (status === 'cancelled') {
    resolvedAt = startsAt - random.int(2, 48) * HOUR;
    if (resolvedAt < createdAt) resolvedAt = createdAt + 60_000;
  } else if (status === 'expired') {
    resolvedAt = startsAt + 15 * 60_000;
  }
  const note = random.pick(NOTES);
  return { coopId: coop.coopId, number: 0, kind, status, ownerMemberId, startsAt, endsAt, kids, note, timezone: coop.timezone, sitterDoneAt, resolvedAt, createdAt, parties, settlement, id: 0, calendarSequence: 0 };
}

/** A sitter and the paying households; when credits will move, only ones whose balances stay in bounds. */
function pickPeople(random: Random, coop: CoopState, kind: Kind, prices: number[], settles: boolean): { sitter: Household | undefined; payers: Household[] } {
  const bal = (h: Household) => coop.balance.get(h.accountId) ?? 0;
  const total = prices.reduce((a, b) => a + b, 0);
  const fits = (sitter: Household, payers: Household[]) =>
    !settles || (bal(sitter) + total <= HIGHEST && payers.every((h, i) => bal(h) - (prices[i] ?? 0) >= LOWEST));
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const [sitter, ...payers] = otherHouseholds(random, coop, [], prices.length + 1);
    if (sitter && payers.length === prices.length && fits(sitter, payers)) return { sitter, payers };
  }
  // The richest pay and the poorest sits: the co-op's total is fixed, so this always fits.
  const byBalance = [...coop.households].sort((a, b) => bal(b) - bal(a));
  const payers = byBalance.slice(0, prices.length);
  const sitter = byBalance.at(-1);
  if (!sitter || !fits(sitter, payers)) throw new Error(`seeding could not keep co-op ${coop.coopId} within its limits (${kind})`);
  return { sitter, payers };
}

function otherHouseholds(random: Random, coop: CoopState, exclude: (Household | undefined)[], count: number): Household[] {
  const chosen: Household[] = [];
  const taken = new Set(exclude.filter((h): h is Household => h !== undefined).map((h) => h.id));
  while (chosen.length < count && taken.size < coop.households.length) {
    const h = random.pick(coop.households);
    if (taken.has(h.id)) continue;
    taken.add(h.id);
    chosen.push(h);
  }
  return chosen;
}
