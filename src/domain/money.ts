// Credits are integer "credit-minutes": 60 = 1 credit = one hour of sitting one child, shown as "1 h".
import { UserError } from './errors.ts';

export const MINUTES_PER_CREDIT = 60;
export const QUARTER = 15;
/** Largest amount a person may type, in hours; anything bigger is a typo. */
export const MAX_TYPED_HOURS = 1000;

/** Nearest quarter hour (15 credit-minutes), halves up. */
export function roundToQuarter(minutes: number): number {
  const rounded = Math.floor(minutes / QUARTER + 0.5) * QUARTER;
  return rounded === 0 ? 0 : rounded; // no -0
}

/** "3.5 h", "0 h", "-2.25 h". */
export function formatCredits(amount: number): string {
  let digits = (Math.abs(amount) / MINUTES_PER_CREDIT).toFixed(2);
  if (digits.includes('.')) digits = digits.replace(/0+$/, '').replace(/\.$/, '');
  const sign = amount < 0 && digits !== '0' ? '-' : '';
  return `${sign}${digits} h`;
}

/** "+1.5 h", "-0.75 h", "0 h": for entries and changes. */
export function formatSignedCredits(amount: number): string {
  const text = formatCredits(amount);
  return text === '0 h' || text.startsWith('-') ? text : `+${text}`;
}

const AMOUNT = /^([+\-\u2212])?\s*(\d+(?:[.,]\d*)?|[.,]\d+)\s*(?:h|hrs?|hours?|credits?)?$/i;

/** Reads "1.5", "1.5h", "2 h", "+2", "-3" (when allowed) into credit-minutes; refuses anything else. */
export function parseCreditAmount(text: string, opts: { allowNegative: boolean }): number {
  const example = opts.allowNegative ? 'like 1.5 or -2' : 'like 1.5 or 2';
  const match = AMOUNT.exec(text.trim());
  const digits = match?.[2];
  if (!match || digits === undefined) {
    throw new UserError(`I couldn't read "${text.trim()}" as an amount. Use hours, ${example}.`);
  }
  const negative = match[1] === '-' || match[1] === '\u2212';
  const hours = Number(digits.replace(',', '.'));
  if (!Number.isFinite(hours)) {
    throw new UserError(`I couldn't read "${text.trim()}" as an amount. Use hours, ${example}.`);
  }
  if (hours === 0) throw new UserError(`An amount of 0 h changes nothing. Use hours, ${example}.`);
  if (negative && !opts.allowNegative) {
    throw new UserError('Amounts here are positive. Use hours, like 1.5 or 2.');
  }
  if (hours > MAX_TYPED_HOURS) {
    throw new UserError(`That's more than ${MAX_TYPED_HOURS} h, which looks like a typo. Use hours, ${example}.`);
  }
  const quarters = hours * 4;
  if (Math.abs(quarters - Math.round(quarters)) > 1e-9) {
    throw new UserError('Amounts go in quarter hours, like 1.25 or 2.5.');
  }
  const minutes = Math.round(quarters) * QUARTER;
  return negative ? -minutes : minutes;
}
