import { UserError } from './errors.ts';
import { formatCredits, parseCreditAmount } from './money.ts';

// Co-op rules an admin can change with `/coop rules name:<rule> value:<v>`. Credit amounts are credit-minutes.

export interface Rules {
  rate: number;
  extra_child_rate: number;
  starting_credits: number;
  floor: number;
  cap: number;
  late_cancel_fee: number;
  late_cancel_hours: number;
}

export type RuleName = keyof Rules;

interface RuleSpec {
  default: number;
  kind: 'credits' | 'hours';
  description: string;
  allowNegative?: boolean;
  allowZero?: boolean;
}

export const RULES: Record<RuleName, RuleSpec> = {
  rate: { default: 60, kind: 'credits', description: 'credit for each hour with one child' },
  extra_child_rate: { default: 30, kind: 'credits', allowZero: true, description: 'extra credit for each hour, per further child' },
  starting_credits: { default: 300, kind: 'credits', allowZero: true, description: 'what a new family starts with, from the co-op' },
  floor: { default: -600, kind: 'credits', allowNegative: true, allowZero: true, description: 'the lowest a family’s balance may go' },
  cap: { default: 2400, kind: 'credits', description: 'the most a family may bank' },
  late_cancel_fee: { default: 0, kind: 'credits', allowZero: true, description: 'paid to the other family for a late cancellation' },
  late_cancel_hours: { default: 24, kind: 'hours', description: 'a cancellation this close to the start is late' },
};

export const RULE_NAMES = Object.keys(RULES) as RuleName[];

export const DEFAULT_RULES: Rules = Object.fromEntries(RULE_NAMES.map((name) => [name, RULES[name].default])) as unknown as Rules;

export function isRuleName(name: string): name is RuleName {
  return Object.hasOwn(RULES, name);
}

export function withOverrides(overrides: Iterable<{ name: string; value: number }>): Rules {
  const rules = { ...DEFAULT_RULES };
  for (const { name, value } of overrides) if (isRuleName(name)) rules[name] = value;
  return rules;
}

export function formatRuleValue(name: RuleName, value: number): string {
  return RULES[name].kind === 'hours' ? `${value} h` : formatCredits(value);
}

/** Reads an admin's new value for a rule and checks it against the other rules. */
export function parseRuleValue(name: RuleName, text: string, current: Rules): number {
  const spec = RULES[name];
  let value: number;
  if (spec.kind === 'hours') {
    const digits = text.trim().replace(/\s*h(ours?)?$/i, '');
    value = /^\d{1,3}$/.test(digits) ? Number(digits) : NaN;
    if (!Number.isInteger(value) || value < 0 || value > 168) {
      throw new UserError(`${name} takes whole hours from 0 to 168, like \`value:24\`.`);
    }
    return value;
  }
  if (spec.allowZero && /^[+-]?0+(\.0*)?\s*h?$/i.test(text.trim())) value = 0;
  else value = parseCreditAmount(text, { allowNegative: spec.allowNegative ?? false });
  const next = { ...current, [name]: value };
  if (next.floor > 0) throw new UserError('The floor must be 0 or below, like `value:-10`.');
  if (next.cap <= 0 || next.cap <= next.floor) throw new UserError('The cap must be above 0 and above the floor.');
  if (next.starting_credits > next.cap) throw new UserError('Starting credits cannot be above the cap.');
  return value;
}
