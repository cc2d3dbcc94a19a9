import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { bucketsOf } from '../../src/renderer/list-model/bucket-index';
import { indexBuckets } from '../../src/renderer/list-model/bucket-query';
import { indexInSlices } from '../../src/renderer/list-model/index-build';
import { byOrder } from '../../src/shared/bucket-order';
import type { BucketView } from '../../src/shared/contract';
import { byName, byRecentChange, type BucketComparator } from '../../src/shared/list-order';
import { seededRandom } from '../../src/mock-api/buckets';

const ORDERS: Array<[string, BucketComparator]> = [
  ['problems first', byOrder],
  ['by name', byName],
  ['most recently changed', byRecentChange],
];
const names = new Map([['w1', 'Engineering']]);
const now = async () => undefined;

/** The sliced build and one sort of the whole list, compared by place in the list (equal-looking buckets too). */
async function expectSame(list: readonly BucketView[], compare: BucketComparator): Promise<void> {
  const place = new Map(list.map((bucket, i) => [bucket, i]));
  const sliced = await indexInSlices(list, names, () => false, now, compare);
  expect(sliced!.map((entry) => place.get(entry.bucket))).toEqual(indexBuckets(list, names, compare).map((entry) => place.get(entry.bucket)));
  // The list's buckets in that order, made beside it in an order with cells.
  expect(bucketsOf(sliced!)).toEqual(sliced!.map((entry) => entry.bucket));
}

const NAMES = ['Bucket', 'bucket', 'Bucket 2', 'bucket 02', 'Bücket 10', 'BUCKET 9', 'bücket', 'Backup', 'ß', 'é', 'É 1', '9 lives', '123456789012345 b', '', ' ', 'Zeta', 'µ'];
const STATUSES = ['ONLINE', 'ONLINE', 'OFFLINE', 'DISCONNECTED', 'Active', 'online', undefined];

/**
 * 20,000 buckets in no order: most names start with a "b" (their cell is larger than a slice,
 * and split further), 12,000 named "Bucket" exactly (one key, larger than a slice in each rank: runs and
 * merges), ids and names that tie, non-ASCII names, digit runs, problems, a few change times.
 */
function awkwardList(): BucketView[] {
  const random = seededRandom(26);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: 20_000 }, (_, i): BucketView => {
    const name = i % 10 < 6 ? 'Bucket' : random() < 0.6 ? `${pick(NAMES)} ${Math.floor(random() * 300)}` : pick(NAMES);
    const status = pick(STATUSES);
    const since = pick([undefined, '2026-11-24T12:00:00.000Z', '2026-11-24T12:05:00.000Z', '2026-11-23T08:00:00.000Z']);
    return {
      id: `id-${Math.floor(random() * 4000)}`,
      ...(random() < 0.95 ? { name } : { bucket: pick(['b-1', 'B-1', 'z']) }),
      ...(status ? { status } : {}),
      ...(since ? { statusSince: since } : {}),
      ...(random() < 0.5 ? { account: pick(['acc-1', 'acc-2']) } : {}),
      ...(random() < 0.3 ? { workspaceId: 'w1' } : {}),
    };
  });
}

describe('the index made a slice per task, in every order', () => {
  const list = awkwardList();
  for (const [order, compare] of ORDERS) {
    it(`${order}: exactly the order of one sort of the whole list, ties, cells larger than a slice and keys all alike included`, async () => {
      await expectSame(list, compare);
      // The list's own order backwards, and already in order: the runs a sort finds differ.
      await expectSame(list.slice().reverse(), compare);
      await expectSame(indexBuckets(list, names, compare).map((entry) => entry.bucket), compare);
    });
  }

  it('small lists of any names: the same as one sort', async () => {
    const bucketArb = fc.record({
      id: fc.constantFrom('a', 'b', 'c'),
      name: fc.option(fc.oneof(fc.constantFrom('', 'a', 'A', 'b 2', 'B 10', 'é', 'É 1', '\u0000x', '9', ' '), fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1', '0', 'é', ' ', 'ß'), maxLength: 6 })), { nil: undefined }),
      status: fc.option(fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', 'Active', ''), { nil: undefined }),
      account: fc.option(fc.constantFrom('acc-1', 'acc-2'), { nil: undefined }),
      statusSince: fc.option(fc.constantFrom('2026-11-24T12:00:00.000Z', '2026-11-24T12:05:00.000Z'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(bucketArb, { maxLength: 200 }), fc.constantFrom(...ORDERS), async (list, [, compare]) => {
        await expectSame(list as BucketView[], compare);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a cell larger than a slice that is in order already as it is (no split, no sort); one out of order near its end is sorted', async () => {
    const list = Array.from({ length: 20_000 }, (_, i): BucketView => ({ id: `id-${i}`, name: `Bucket ${i}`, status: 'ONLINE' }));
    const sort = vi.spyOn(Array.prototype, 'sort');
    try {
      const sliced = await indexInSlices(list, names, () => false, now);
      expect(sliced!.map((entry) => entry.bucket)).toEqual(list);
      const sortedEntries = sort.mock.contexts.filter((array) => Array.isArray(array) && array.length > 0 && typeof array[0] === 'object' && array[0] !== null && 'sortName' in array[0]);
      expect(sortedEntries).toHaveLength(0);
    } finally {
      sort.mockRestore();
    }
    const late = list.slice();
    [late[19_998], late[19_999]] = [late[19_999]!, late[19_998]!];
    await expectSame(late, byOrder);
    await expectSame(late, byName);
  });
});
