import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, parseRuleValue } from '../../src/domain/rules.ts';
import { parseWhen } from '../../src/domain/when.ts';

const ctx = { now: Date.parse('2026-11-22T12:00:00Z'), timezone: 'Europe/London' };

describe('refusals found by the console fuzz run', () => {
  it('refuses a sit shorter than a quarter hour, which would cost nothing', () => {
    expect(() => parseWhen('tomorrow 18:00-18:05', ctx)).toThrow(/at least 15 minutes/);
    expect(parseWhen('tomorrow 18:00-18:15', ctx).endsAt - parseWhen('tomorrow 18:00-18:15', ctx).startsAt).toBe(15 * 60_000);
  });

  it('reads hour rules as plain whole numbers only', () => {
    expect(parseRuleValue('late_cancel_hours', '12', DEFAULT_RULES)).toBe(12);
    expect(parseRuleValue('late_cancel_hours', '12h', DEFAULT_RULES)).toBe(12);
    for (const bad of ['0x10', '1e1', '-1', '12.5', '169']) expect(() => parseRuleValue('late_cancel_hours', bad, DEFAULT_RULES)).toThrow(/whole hours/);
  });
});
