import { formatCredits, roundToQuarter } from './money.ts';

/** Both rates in credit-minutes per hour of sitting. */
export interface PricingRules {
  ratePerHour: number;
  extraChildRatePerHour: number;
}

export const DEFAULT_PRICING: PricingRules = { ratePerHour: 60, extraChildRatePerHour: 30 };

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

/** "4 h for 2 kids: 6 h". */
export function describeQuote(q: Quote, kids: number): string {
  return `${formatCredits(q.minutes)} for ${kids} ${kids === 1 ? 'kid' : 'kids'}: ${formatCredits(q.price)}`;
}
