import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/shared/bucket-order';

/** The name key's plain definition (bucket-order.ts before it became a loop): what `nameKey` must give. */
function plainNameKey(name: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = /[^\x00-\x7f]/.test(name) ? name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : name;
  const lower = plain.toLowerCase();
  return /\d/.test(lower) ? lower.replace(/\d+/g, (digits) => digits.padStart(12, '0')) : lower;
}

/** Characters that move the key: case, digits (runs up to and past 12), accents, ligatures, superscripts, non-Latin. */
const unit = fc.oneof(
  fc.constantFrom('a', 'Z', 'q', ' ', '-', '_', '.', '0', '1', '9', '5'),
  fc.constantFrom('é', 'É', 'ß', 'İ', 'ﬁ', '²', '½', '٣', '１', 'Ω', 'ǅ', 'e\u0301', '\u0300', '日', '😀', '\uD800'),
);
const nameArb = fc.oneof(
  fc.string({ unit, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('1', '2', '0', 'a', ' '), maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

describe('the name key', () => {
  it('is exactly the plain definition for any name (so the list orders exactly as before)', () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        expect(nameKey(name)).toBe(plainNameKey(name));
      }),
      { numRuns: 20_000 },
    );
  });

  it('orders any two names exactly as the plain definition does', () => {
    fc.assert(
      fc.property(nameArb, nameArb, (a, b) => {
        const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
        expect(order(nameKey(a), nameKey(b))).toBe(order(plainNameKey(a), plainNameKey(b)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('pads digit runs shorter than 12, keeps longer ones, lower-cases and drops accents', () => {
    expect(nameKey('Bucket 9')).toBe('bucket 000000000009');
    expect(nameKey('b10c2')).toBe('b000000000010c000000000002');
    expect(nameKey('123456789012')).toBe('123456789012');
    expect(nameKey('12345678901')).toBe('012345678901');
    expect(nameKey('Écho 7')).toBe('echo 000000000007');
    expect(nameKey('plain')).toBe('plain');
    expect(nameKey('')).toBe('');
  });
});
