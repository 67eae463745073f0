import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { assertBalanced, findLimitBreach, LimitError, movement, reversalOf } from '../../src/domain/ledger.ts';

const limits = { floor: -600, cap: 2400 };

describe('assertBalanced', () => {
  it('accepts two or more postings on distinct accounts summing to zero', () => {
    expect(() => assertBalanced([{ accountId: 1, amount: -60 }, { accountId: 2, amount: 60 }])).not.toThrow();
    expect(() => assertBalanced([{ accountId: 1, amount: -90 }, { accountId: 2, amount: -30 }, { accountId: 3, amount: 120 }])).not.toThrow();
  });

  it.each([
    ['a single posting', [{ accountId: 1, amount: 0 }], /at least two/],
    ['no postings', [], /at least two/],
    ['a sum that is not zero', [{ accountId: 1, amount: -60 }, { accountId: 2, amount: 45 }], /sum to -15, not 0/],
    ['a zero amount', [{ accountId: 1, amount: 0 }, { accountId: 2, amount: 0 }], /bad posting amount 0/],
    ['a fractional amount', [{ accountId: 1, amount: -1.5 }, { accountId: 2, amount: 1.5 }], /bad posting amount -1.5/],
    ['the same account twice', [{ accountId: 1, amount: -60 }, { accountId: 1, amount: 60 }], /posted twice/],
  ])('refuses %s as a programming error (not a UserError)', (_what, postings, message) => {
    let caught: unknown;
    try {
      assertBalanced(postings);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).not.toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(message);
  });

  it('every movement and its reversal balance (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1001, max: 2000 }), fc.integer({ min: 1, max: 1_000_000 }), (from, to, amount) => {
        const postings = movement(from, to, amount);
        assertBalanced(postings);
        assertBalanced(reversalOf(postings));
        expect(postings.map((p) => p.amount + (reversalOf(postings).find((r) => r.accountId === p.accountId)?.amount ?? NaN))).toEqual([0, 0]);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('movement', () => {
  it('takes from one account and gives to the other', () => {
    expect(movement(1, 2, 90)).toEqual([{ accountId: 1, amount: -90 }, { accountId: 2, amount: 90 }]);
  });

  it.each([0, -15, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses amount %s', (amount) => {
    expect(() => movement(1, 2, amount)).toThrow(/bad amount/);
  });
});

describe('findLimitBreach', () => {
  it('lets balances move inside the limits, and to them exactly', () => {
    expect(findLimitBreach([{ accountId: 1, before: 0, after: -600 }, { accountId: 2, before: 2300, after: 2400 }], limits)).toBeUndefined();
  });

  it('refuses going below the floor, naming the account, the limit and the amounts', () => {
    const breach = findLimitBreach([{ accountId: 5, before: -500, after: -615 }], limits);
    expect(breach).toBeInstanceOf(LimitError);
    expect(breach).toBeInstanceOf(UserError);
    expect(breach).toMatchObject({ accountId: 5, limit: 'floor', after: -615, bound: -600 });
    // The amounts ride on the error for the code; the words never show another family's figures (issue 9).
    expect(breach?.message).toBe("That would take a family below the co-op's limit, so nothing moved. A smaller amount, or a sit first, makes room.");
  });

  it('refuses going above the cap', () => {
    const breach = findLimitBreach([{ accountId: 1, before: 0, after: -60 }, { accountId: 9, before: 2390, after: 2450 }], limits);
    expect(breach).toMatchObject({ accountId: 9, limit: 'cap', after: 2450, bound: 2400 });
    expect(breach?.message).toBe('That would take a family past the most the co-op lets a family bank, so nothing moved. A smaller amount would fit.');
  });

  it('lets a balance already outside the limits move back towards them, even if it stays outside', () => {
    expect(findLimitBreach([{ accountId: 1, before: -900, after: -700 }], limits)).toBeUndefined();
    expect(findLimitBreach([{ accountId: 1, before: 3000, after: 2500 }], limits)).toBeUndefined();
    expect(findLimitBreach([{ accountId: 1, before: -900, after: 0 }], limits)).toBeUndefined();
  });

  it('does not let a balance already outside go further out', () => {
    expect(findLimitBreach([{ accountId: 1, before: -900, after: -915 }], limits)?.limit).toBe('floor');
    expect(findLimitBreach([{ accountId: 1, before: 3000, after: 3015 }], limits)?.limit).toBe('cap');
  });

  it('matches the rule "down ⇒ ≥ floor, up ⇒ ≤ cap" for any change (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -3000, max: 0 }),
        fc.integer({ min: 1, max: 5000 }),
        (before, after, floor, cap) => {
          const breach = findLimitBreach([{ accountId: 1, before, after }], { floor, cap });
          const ok = (after >= before || after >= floor) && (after <= before || after <= cap);
          expect(breach === undefined).toBe(ok);
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });
});
