import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDisplayName, MAX_NAME_LENGTH, UNSAFE_IN_NAMES } from '../../src/domain/names.ts';

describe('cleanDisplayName', () => {
  it('removes control, zero-width and bidi characters, and collapses spaces', () => {
    expect(cleanDisplayName('Ana\u0000\u001b[31m')).toBe('Ana[31m');
    expect(cleanDisplayName('\u202eanA\u202c')).toBe('anA');
    expect(cleanDisplayName('Be\u200bn\u2066 \u2069Okafor')).toBe('Ben Okafor');
    expect(cleanDisplayName('  Cat \n\t Smith  ')).toBe('Cat Smith');
    expect(cleanDisplayName('\u061c\ufeff')).toBe('');
  });

  it('caps the length by characters, never cutting an emoji in half', () => {
    const long = '👩‍👧'.repeat(60);
    const cleaned = cleanDisplayName(long);
    expect(Array.from(cleaned).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(cleaned.endsWith('…')).toBe(true);
    expect(cleaned).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('never lets an unsafe character or an over-long name through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const cleaned = cleanDisplayName(raw);
        expect(cleaned).not.toMatch(UNSAFE_IN_NAMES);
        expect(Array.from(cleaned).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(cleaned).toBe(cleaned.trim());
      }),
    );
  });
});
