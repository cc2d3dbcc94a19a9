import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexBuckets, indexOne } from '../../src/renderer/list-model/bucket-query';
import { byOrder } from '../../src/shared/bucket-order';
import type { BucketView } from '../../src/shared/contract';
import { byName, byRecentChange } from '../../src/shared/list-order';

/** Names whose keys tie, differ only past the first character, start with digits or are empty; statuses of every tone. */
const bucketArb = fc.record({
  name: fc.option(fc.oneof(fc.constantFrom('', 'a', 'A', 'b 2', 'B 10', 'é', 'É 1', '\u0000x', '9', ' '), fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1', '0', 'é', ' ', 'ß'), maxLength: 6 })), { nil: undefined }),
  status: fc.option(fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', 'online', 'Active', 'DEGRADED', ''), { nil: undefined }),
  account: fc.option(fc.constantFrom('acc-1', 'acc-2'), { nil: undefined }),
});
const listArb = fc.array(bucketArb, { maxLength: 300 }).map((list) => list.map((fields, i): BucketView => ({ id: `id-${i % 37}`, ...fields })));

describe("the list's index in every order", () => {
  it('is exactly one stable sort of the whole list by the order, ties included', () => {
    const names = new Map([['w1', 'Engineering']]);
    fc.assert(
      fc.property(listArb, fc.constantFrom(byOrder, byName, byRecentChange), (list, compare) => {
        const expected = list.map((bucket) => indexOne(bucket, names)).sort(compare);
        // By place in the list, not by value: equal-looking buckets must come out in the same order too.
        const place = new Map(list.map((bucket, i) => [bucket, i]));
        expect(indexBuckets(list, names, compare).map((entry) => place.get(entry.bucket))).toEqual(expected.map((entry) => place.get(entry.bucket)));
      }),
      { numRuns: 800 },
    );
  });
});
