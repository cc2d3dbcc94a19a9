import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { BucketIndex } from '../../src/renderer/list-model/bucket-index';
import { indexBuckets, NO_FILTERS, type BucketFilters, type IndexedBucket } from '../../src/renderer/list-model/bucket-query';
import { indexInSlices } from '../../src/renderer/list-model/index-build';
import { BucketSearch, narrows, queryTerms } from '../../src/renderer/list-model/bucket-search';
import type { BucketView } from '../../src/shared/contract';
import { accountOf } from '../../src/shared/accounts';

const WORDS = ['archive', 'backup', 'media', 'logs', 'photos'];
const list = (count: number): BucketView[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `id-${i}`,
    name: `${WORDS[i % WORDS.length]} ${i}`,
    bucket: `${WORDS[(i * 3) % WORDS.length]}-s3-${i}`,
    status: i % 7 ? 'ONLINE' : 'OFFLINE',
    storageType: i % 2 ? 'S3' : 'GCS',
    workspaceId: `w${i % 3}`,
    ...(i % 4 === 0 ? { account: 'acc-other' } : {}),
  }));

/** What the list must show: every entry tested afresh, nothing remembered. */
function plainly(indexed: readonly IndexedBucket[], filters: BucketFilters, account?: string): string[] {
  const terms = queryTerms(filters.query);
  return indexed
    .filter(({ bucket, problem }) => (account === undefined || accountOf(bucket) === account) && (filters.status !== 'problems' || problem) && (!filters.workspace || bucket.workspaceId === filters.workspace))
    .filter(({ bucket }) => terms.every((term) => [bucket.id, bucket.name, bucket.bucket, bucket.workspaceId].join('\n').toLowerCase().includes(term)))
    .map(({ bucket }) => bucket.id);
}

describe('the search narrows as people type', () => {
  it('knows when a query extends the last one', () => {
    expect(narrows(queryTerms('arc'), queryTerms('arch'))).toBe(true);
    expect(narrows(queryTerms('arch'), queryTerms('archive 12'))).toBe(true);
    expect(narrows(queryTerms(''), queryTerms('a'))).toBe(true);
    expect(narrows(queryTerms('arch'), queryTerms('arc'))).toBe(false);
    expect(narrows(queryTerms('archive 12'), queryTerms('archive'))).toBe(false);
  });

  it('a query that extends the last one looks only through the last result', () => {
    const indexed = indexBuckets(list(500));
    const search = new BucketSearch();
    search.run(indexed, { ...NO_FILTERS, query: 'archive' });
    const looked: IndexedBucket[] = [];
    // Mark what the next key looks at: only the entries the last result holds make their search text again.
    for (const entry of indexed) {
      entry.haystack = undefined;
      Object.defineProperty(entry, 'haystack', { configurable: true, get: () => (looked.push(entry), 'archive 1'), set: () => undefined });
    }
    search.run(indexed, { ...NO_FILTERS, query: 'archive 1' });
    expect(looked).toHaveLength(100);
    expect(new Set(looked.map((entry) => (entry.bucket.name ?? '').split(' ')[0]))).toEqual(new Set(['archive']));
  });

  it('whatever is typed, deleted or filtered in between, each result equals a fresh filter of the whole list', () => {
    const indexed = indexBuckets(list(400));
    const step = fc.record({
      query: fc.stringMatching(/^[a-z0-9 -]{0,8}$/),
      problems: fc.boolean(),
      workspace: fc.constantFrom('', 'w1'),
      account: fc.constantFrom(undefined, 'acc-other', 'primary'),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(7), { minLength: 1, maxLength: 12 }), (steps, cuts) => {
        const search = new BucketSearch();
        steps.forEach(({ query, problems, workspace, account }, i) => {
          // Type the query a character at a time (narrowing), sometimes cut short first (widening).
          const typed = query.slice(0, Math.max(0, query.length - (cuts[i % cuts.length] ?? 0)));
          for (const text of [typed, query]) {
            for (let end = 1; end <= text.length; end++) {
              const filters = { ...NO_FILTERS, query: text.slice(0, end), status: problems ? 'problems' : '', workspace };
              expect(search.run(indexed, filters, account).map((bucket) => bucket.id)).toEqual(plainly(indexed, filters, account));
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a new index (a patch) starts again from the whole list', () => {
    const buckets = list(50);
    const search = new BucketSearch();
    expect(search.run(indexBuckets(buckets), { ...NO_FILTERS, query: 'media' })).toHaveLength(20);
    const patched = indexBuckets([...buckets, { id: 'new', name: 'media new', status: 'ONLINE' }]);
    expect(search.run(patched, { ...NO_FILTERS, query: 'media n' }).map((bucket) => bucket.id)).toEqual(['new']);
  });
});

describe('the index made a slice per task', () => {
  it('equals a sort of the whole list, a task per step on a slow page, and a newer list stops it', async () => {
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    const buckets = list(12_345).map((bucket, i) => ({ ...bucket, name: `${WORDS[(i * 7) % WORDS.length]} ${(i * 7919) % 1000}` }));
    let tasks = 0;
    const built = await indexInSlices(buckets, new Map(), () => false, async () => void tasks++);
    expect(built?.map((entry) => entry.bucket.id)).toEqual(indexBuckets(buckets).map((entry) => entry.bucket.id));
    // 3 steps of up to 5,000 keyed; then a turn per cell (problems, then the rest, each by the 5 words' first letters: 10 cells), not a round per task.
    expect(tasks).toBe(3 + 10);
    expect(await indexInSlices(buckets, new Map(), () => tasks++ > 6, async () => undefined)).toBeUndefined();
    now.mockReturnValue(5);
    tasks = 0;
    expect((await indexInSlices(buckets, new Map(), () => false, async () => void tasks++))?.length).toBe(buckets.length);
    expect(tasks).toBe(1);
    now.mockRestore();
  });

  it('the index knows a snapshot (new objects) from a patch (the unchanged ones kept)', () => {
    const buckets = list(3000);
    const index = new BucketIndex();
    const names = new Map<string, string>();
    expect(index.wouldRebuild(buckets, names)).toBe(true);
    index.update(buckets, names);
    const patched = buckets.map((bucket, i) => (i % 100 ? bucket : { ...bucket, status: 'OFFLINE' }));
    expect(index.wouldRebuild(patched, names)).toBe(false);
    expect(index.wouldRebuild(buckets.map((bucket) => ({ ...bucket })), names)).toBe(true);
    expect(index.wouldRebuild(buckets, new Map())).toBe(true);
  });
});
