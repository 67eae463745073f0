import { roundToQuarter } from './money.ts';
import type { Rules } from './rules.ts';
import type { Swap } from './swaps.ts';

/** Both rates in credit-minutes per hour of sitting. */
export interface PricingRules {
  ratePerHour: number;
  extraChildRatePerHour: number;
}

export const DEFAULT_PRICING: PricingRules = { ratePerHour: 60, extraChildRatePerHour: 30 };

/** The rates a new swap is priced at: the co-op's rules today. */
export function ratesFromRules(rules: Pick<Rules, 'rate' | 'extra_child_rate'>): PricingRules {
  return { ratePerHour: rules.rate, extraChildRatePerHour: rules.extra_child_rate };
}

/**
 * The rates frozen with a swap. A session is paid per child-hour, so each child costs the full rate; a request or
 * an offer costs the rate for the first child and the extra-child rate for each further one.
 */
export function ratesOf(swap: Pick<Swap, 'kind' | 'rate' | 'extraChildRate'>): PricingRules {
  return { ratePerHour: swap.rate, extraChildRatePerHour: swap.kind === 'session' ? swap.rate : swap.extraChildRate };
}

/** What one family pays for `kids` children over a swap's booked time (or `minutes`, when the real length differed). */
export function priceOfSwap(swap: Pick<Swap, 'kind' | 'rate' | 'extraChildRate' | 'startsAt' | 'endsAt'>, kids: number, minutes?: number): number {
  const endsAt = minutes === undefined ? swap.endsAt : swap.startsAt + minutes * 60_000;
  return quote({ startsAt: swap.startsAt, endsAt, kids }, ratesOf(swap)).price;
}

export interface Quote {
  /** Real elapsed minutes of sitting (an overnight sit across a DST change is an hour longer or shorter). */
  minutes: number;
  /** Credit-minutes, a multiple of 15. */
  price: number;
}

export interface SitToPrice {
  startsAt: number;
  endsAt: number;
  kids: number;
}

export function quote(sit: SitToPrice, rules: PricingRules): Quote {
  if (!Number.isInteger(sit.kids) || sit.kids < 1) throw new Error(`quote: kids must be a whole number >= 1, got ${sit.kids}`);
  if (!Number.isFinite(sit.startsAt) || !Number.isFinite(sit.endsAt) || sit.endsAt <= sit.startsAt) {
    throw new Error(`quote: end (${sit.endsAt}) must be after start (${sit.startsAt})`);
  }
  for (const rate of [rules.ratePerHour, rules.extraChildRatePerHour]) {
    if (!Number.isFinite(rate) || rate < 0) throw new Error(`quote: rates must be finite and >= 0, got ${rate}`);
  }
  const minutes = Math.round((sit.endsAt - sit.startsAt) / 60_000);
  const perHour = rules.ratePerHour + rules.extraChildRatePerHour * (sit.kids - 1);
  return { minutes, price: roundToQuarter((minutes * perHour) / 60) };
}
