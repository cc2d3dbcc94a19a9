import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BucketView } from '../../src/shared/contract';
import { listStats, StatsCounter } from '../../src/shared/list-stats';

/** The plain definition: one map per field, values in the order first seen. */
function plainCounts(buckets: readonly BucketView[]) {
  const count = <K>(keys: K[]) => keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<K, number>());
  return {
    available: buckets.length,
    statuses: count(buckets.map((b) => b.status)),
    storageTypes: count(buckets.map((b) => b.storageType)),
    workspaces: count(buckets.map((b) => b.workspaceId ?? '')),
  };
}
const inOrder = (stats: ReturnType<typeof plainCounts>) => ({ ...stats, statuses: [...stats.statuses], storageTypes: [...stats.storageTypes], workspaces: [...stats.workspaces] });

describe("a list's stats", () => {
  it('count every value, in the order first seen, a handful of values or many (statuses missing, odd spellings, 30 workspaces)', () => {
    const bucketArb = fc.record({
      id: fc.constant('b'),
      status: fc.option(fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', 'online', 'Active', '', 'S1', 'S2', 'S3', 'S4', 'S5'), { nil: undefined }),
      storageType: fc.option(fc.constantFrom('S3', 'GCS', 'BLOB'), { nil: undefined }),
      workspaceId: fc.option(fc.integer({ min: 0, max: 30 }).map((n) => `w${n}`), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(bucketArb, { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (list, slice) => {
        // Fresh strings, as JSON.parse makes them (not the same string objects).
        const buckets = JSON.parse(JSON.stringify(list)) as BucketView[];
        const counter = new StatsCounter();
        for (let start = 0; start < buckets.length; start += slice) counter.add(buckets.slice(start, start + slice));
        expect(inOrder(counter.give(buckets) as ReturnType<typeof plainCounts>)).toEqual(inOrder(plainCounts(buckets)));
        expect(inOrder(listStats(buckets.slice()) as ReturnType<typeof plainCounts>)).toEqual(inOrder(plainCounts(buckets)));
      }),
      { numRuns: 300 },
    );
  });
});
