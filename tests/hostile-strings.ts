import fc from 'fast-check';
import type { BucketView } from '../src/shared/contract';

export const MEGABYTE = 'x'.repeat(1 << 20);
/** Strings a hostile or broken server can send: lone surrogates, controls, bidi, dots. The 1 MB cases are tested on their own (they would make every property run slow). */
export const SPECIAL_STRINGS = ['', ' ', '.', '..', '%2e', '.%2E', 'sur\ud800rogate', '\udc00', '\ud83d', 'a\u0000b', '\u202eevil\u202c', '\u2066x', 'שלום', '12345678901234567890', '{id}', '$&', '\\', '/', '?#'];

/** Any code unit (lone surrogates too), controls, bidi, dots, digits. */
export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('.', '/', '%', '2', 'e', '\ud800', '\udc00', '\u0000', '\u202e', '\u2069', 'a', 'Ä', ' ', '\n'), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
);

/** A bucket view made of hostile strings (ids non-empty, as the schema requires). */
export const hostileBucket: fc.Arbitrary<BucketView> = fc
  .record(
    {
      id: hostileString.filter((id) => id.trim() !== ''),
      name: hostileString,
      bucket: hostileString,
      key: hostileString,
      status: fc.oneof(hostileString, fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED')),
      storageType: hostileString,
      workspaceId: hostileString,
      createdAt: fc.oneof(hostileString, fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
      statusSince: fc.oneof(hostileString, fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
      previousStatus: hostileString,
      account: fc.constantFrom('acc-aaaaaaaa', 'acc-bbbbbbbb'),
    },
    { requiredKeys: ['id'] },
  )
  .map((bucket) => bucket as BucketView);

/** True when the text has no lone surrogate (it can be encoded as UTF-8 as it is). */
export function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
