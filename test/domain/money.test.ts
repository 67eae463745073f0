import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { formatCredits, formatSignedCredits, parseCreditAmount, roundToQuarter } from '../../src/domain/money.ts';

describe('formatCredits', () => {
  it.each([
    [210, '3.5 h'],
    [0, '0 h'],
    [-135, '-2.25 h'],
    [60, '1 h'],
    [600, '10 h'],
    [6000, '100 h'],
    [45, '0.75 h'],
    [-0, '0 h'],
    [10, '0.17 h'],
  ])('%i credit-minutes is %s', (amount, text) => {
    expect(formatCredits(amount)).toBe(text);
  });
});

describe('formatSignedCredits', () => {
  it.each([
    [90, '+1.5 h'],
    [-45, '-0.75 h'],
    [0, '0 h'],
    [60, '+1 h'],
  ])('%i is %s', (amount, text) => {
    expect(formatSignedCredits(amount)).toBe(text);
  });
});

describe('roundToQuarter', () => {
  it.each([
    [0, 0],
    [7, 0],
    [7.5, 15],
    [8, 15],
    [22.5, 30],
    [22, 15],
    [52.5, 60],
    [-7.5, 0],
    [-8, -15],
    [240, 240],
  ])('%d rounds to %i', (minutes, rounded) => {
    expect(roundToQuarter(minutes)).toBe(rounded);
  });

  it('never gives -0', () => {
    expect(Object.is(roundToQuarter(-3), 0)).toBe(true);
  });
});

describe('parseCreditAmount', () => {
  const positive = { allowNegative: false };
  const signed = { allowNegative: true };

  it.each([
    ['1.5', 90],
    ['1.5h', 90],
    ['1.5 h', 90],
    ['2', 120],
    ['+2', 120],
    ['0.25', 15],
    ['.75', 45],
    ['1,25', 75],
    ['3 hours', 180],
    [' 2.50 ', 150],
    ['1000', 60_000],
  ])('reads %j as %i', (text, minutes) => {
    expect(parseCreditAmount(text, positive)).toBe(minutes);
  });

  it('reads negatives only when allowed', () => {
    expect(parseCreditAmount('-3', signed)).toBe(-180);
    expect(parseCreditAmount('-0.75h', signed)).toBe(-45);
    expect(parseCreditAmount('\u22122', signed)).toBe(-120);
    expect(() => parseCreditAmount('-3', positive)).toThrow(/positive/);
  });

  const refusals: [string, RegExp][] = [
    ['0', /0 h changes nothing/],
    ['0.0', /0 h changes nothing/],
    ['abc', /couldn't read/],
    ['', /couldn't read/],
    ['NaN', /couldn't read/],
    ['1e3', /couldn't read/],
    ['1.5.2', /couldn't read/],
    ['1.1', /quarter hours, like 1.25 or 2.5/],
    ['0.1', /quarter hours/],
    ['2.33', /quarter hours/],
    ['1000.25', /more than 1000 h/],
    ['99999999999999999999', /more than 1000 h/],
  ];
  it.each(refusals)('refuses %j', (text, message) => {
    expect(() => parseCreditAmount(text, signed)).toThrow(UserError);
    expect(() => parseCreditAmount(text, signed)).toThrow(message);
  });

  it('refuses a negative zero as zero', () => {
    expect(() => parseCreditAmount('-0', signed)).toThrow(/0 h changes nothing/);
  });
});
