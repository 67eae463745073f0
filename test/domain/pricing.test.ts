import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, quote } from '../../src/domain/pricing.ts';
import { sitPrice } from '../../src/messages/credits.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const start = Date.UTC(2026, 11, 5, 19, 0);

function sit(minutes: number, kids: number) {
  return { startsAt: start, endsAt: start + minutes * MINUTE, kids };
}

describe('quote', () => {
  it('prices one child at 1 h per hour', () => {
    expect(quote(sit(240, 1), DEFAULT_PRICING)).toEqual({ minutes: 240, price: 240 });
  });

  it('adds half an hour per hour for each extra child', () => {
    expect(quote(sit(240, 2), DEFAULT_PRICING)).toEqual({ minutes: 240, price: 360 });
    expect(quote(sit(240, 4), DEFAULT_PRICING)).toEqual({ minutes: 240, price: 600 });
  });

  it('uses the co-op rules it is given', () => {
    expect(quote(sit(120, 3), { ratePerHour: 90, extraChildRatePerHour: 60 })).toEqual({ minutes: 120, price: 420 });
    expect(quote(sit(120, 3), { ratePerHour: 60, extraChildRatePerHour: 0 })).toEqual({ minutes: 120, price: 120 });
  });

  it('rounds the price to the nearest quarter hour', () => {
    // 50 min, one child: 50 -> 45
    expect(quote(sit(50, 1), DEFAULT_PRICING).price).toBe(45);
    // 55 min, one child: 55 -> 60
    expect(quote(sit(55, 1), DEFAULT_PRICING).price).toBe(60);
    // 10 min, one child: 10 -> 15
    expect(quote(sit(10, 1), DEFAULT_PRICING).price).toBe(15);
    // 5 min, one child: 5 -> 0
    expect(quote(sit(5, 1), DEFAULT_PRICING).price).toBe(0);
  });

  it('rounds halves up', () => {
    // 15 min, two kids: 15 * 90 / 60 = 22.5 -> 30
    expect(quote(sit(15, 2), DEFAULT_PRICING)).toEqual({ minutes: 15, price: 30 });
    // 45 min, two kids: 67.5 -> 75
    expect(quote(sit(45, 2), DEFAULT_PRICING)).toEqual({ minutes: 45, price: 75 });
    // 5 min at 90/h: 7.5 -> 15
    expect(quote(sit(5, 1), { ratePerHour: 90, extraChildRatePerHour: 30 }).price).toBe(15);
  });

  it('prices an overnight sit across midnight by real time', () => {
    const startsAt = Date.UTC(2026, 11, 4, 19, 0);
    const endsAt = Date.UTC(2026, 11, 5, 1, 0);
    expect(quote({ startsAt, endsAt, kids: 2 }, DEFAULT_PRICING)).toEqual({ minutes: 360, price: 540 });
  });

  it('charges the real hours across a DST change (Europe/London)', () => {
    // Autumn: Sat 24 Oct 2026 19:00 BST (18:00Z) to Sun 25 Oct 03:00 GMT (03:00Z): 9 real hours, not 8.
    const autumn = { startsAt: Date.UTC(2026, 9, 24, 18), endsAt: Date.UTC(2026, 9, 25, 3), kids: 1 };
    expect(quote(autumn, DEFAULT_PRICING)).toEqual({ minutes: 540, price: 540 });
    // Spring: Sat 27 Mar 2027 22:00 GMT (22:00Z) to Sun 28 Mar 06:00 BST (05:00Z): 7 real hours, not 8.
    const spring = { startsAt: Date.UTC(2027, 2, 27, 22), endsAt: Date.UTC(2027, 2, 28, 5), kids: 2 };
    expect(quote(spring, DEFAULT_PRICING)).toEqual({ minutes: 420, price: 630 });
  });

  it('refuses impossible sits as programming errors', () => {
    expect(() => quote(sit(60, 0), DEFAULT_PRICING)).toThrow(/kids/);
    expect(() => quote(sit(60, 1.5), DEFAULT_PRICING)).toThrow(/kids/);
    expect(() => quote(sit(0, 1), DEFAULT_PRICING)).toThrow(/after start/);
    expect(() => quote({ startsAt: start, endsAt: start - HOUR, kids: 1 }, DEFAULT_PRICING)).toThrow(/after start/);
    expect(() => quote(sit(60, 1), { ratePerHour: -1, extraChildRatePerHour: 0 })).toThrow(/rates/);
  });
});

describe('a price, as members read it', () => {
  it('says what the sit is and what it costs, in credit', () => {
    expect(sitPrice(240, 2, 360)).toBe('4 h with 2 kids costs 6 h of credit');
    expect(sitPrice(150, 1, 150)).toBe('2 h 30 with 1 kid costs 2.5 h of credit');
  });
});
