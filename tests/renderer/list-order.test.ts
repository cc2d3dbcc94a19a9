import { describe, expect, it } from 'vitest';
import { byOrder, orderEntry } from '../../src/shared/bucket-order';
import { byName, byRecentChange, comparatorFor, firstScreenIn, groupsByWorkspace } from '../../src/shared/list-order';
import { BucketIndex } from '../../src/renderer/list-model/bucket-index';
import { indexBuckets } from '../../src/renderer/list-model/bucket-query';
import { indexInSlices } from '../../src/renderer/list-model/index-build';
import type { BucketView } from '../../src/shared/contract';

const at = (minutes: number) => new Date(Date.parse('2026-11-24T12:00:00Z') + minutes * 60_000).toISOString();
const b = (id: string, name: string, status: string, since?: string, account = 'acc-a'): BucketView => ({ id, name, status, account, ...(since ? { statusSince: since } : {}) });
const sorted = (list: BucketView[], compare: typeof byOrder) => list.map(orderEntry).sort(compare).map((entry) => entry.bucket.id);

describe('the list orders', () => {
  const list = [b('1', 'bucket 10', 'ONLINE', at(-5)), b('2', 'Bucket 9', 'OFFLINE', at(-60)), b('3', 'Émile', 'ONLINE', at(-1)), b('4', 'alpha', 'ONLINE'), b('5', 'alpha', 'DISCONNECTED', at(-1))];

  it('problems first, then by name as people read it', () => {
    expect(sorted(list, comparatorFor('problems'))).toEqual(['5', '2', '4', '1', '3']);
  });

  it('by name, problems mixed in; the same name by id', () => {
    expect(sorted(list, comparatorFor('name'))).toEqual(['4', '5', '2', '1', '3']);
  });

  it('most recently changed first, a bucket with no change seen last, ties by name', () => {
    expect(sorted(list, comparatorFor('changed'))).toEqual(['5', '3', '1', '2', '4']);
  });

  it('grouped by workspace keeps problems first inside groups', () => {
    expect(comparatorFor('workspace')).toBe(byOrder);
    expect(groupsByWorkspace('workspace')).toBe(true);
    expect(groupsByWorkspace('name')).toBe(false);
  });

  it('the same bucket seen by two accounts comes by account in every order', () => {
    const twice = [b('x', 'X', 'ONLINE', at(0), 'acc-b'), b('x', 'X', 'ONLINE', at(0), 'acc-a')];
    for (const compare of [byOrder, byName, byRecentChange]) expect(twice.map(orderEntry).sort(compare).map((e) => e.bucket.account)).toEqual(['acc-a', 'acc-b']);
  });
});

function many(count: number): BucketView[] {
  const out: BucketView[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < count; i++) out.push(b(`id-${i}`, `${String.fromCharCode(65 + (next() % 26))}${next() % 1000}`, next() % 5 === 0 ? 'OFFLINE' : 'ONLINE', next() % 7 === 0 ? undefined : at(-(next() % 5000))));
  return out;
}

describe('the index in the chosen order', () => {
  const list = many(3000);

  it('a first screen is exactly the first rows of the full sort, in every order', () => {
    for (const order of ['problems', 'name', 'changed'] as const) {
      const full = indexBuckets(list, new Map(), comparatorFor(order)).map((entry) => entry.bucket);
      expect(firstScreenIn(order, list, 48).rows, order).toEqual(full.slice(0, 48));
      const keep = (bucket: BucketView) => bucket.name!.startsWith('Q');
      expect(firstScreenIn(order, list, 48, keep), order).toEqual({ rows: full.filter(keep).slice(0, 48), matched: list.filter(keep).length });
    }
  });

  it('made in slices, it equals one sort', async () => {
    const full = indexBuckets(list, new Map(), byRecentChange);
    const sliced = await indexInSlices(list, new Map(), () => false, async () => undefined, byRecentChange);
    expect(sliced!.map((entry) => entry.bucket)).toEqual(full.map((entry) => entry.bucket));
  });

  it('another order sorts the whole list again once; patches then keep that order', () => {
    const index = new BucketIndex();
    const names = new Map<string, string>();
    index.update(list, names, byOrder);
    expect(index.wouldRebuild(list, names, byRecentChange)).toBe(true);
    const byChange = index.update(list, names, byRecentChange);
    expect(byChange.map((entry) => entry.bucket)).toEqual(indexBuckets(list, names, byRecentChange).map((entry) => entry.bucket));
    expect(index.update(list, names, byRecentChange)).toBe(byChange);
    // One bucket changes status now: it moves to the top without a fresh sort.
    const patched = list.slice();
    patched[1234] = { ...list[1234]!, status: 'OFFLINE', statusSince: at(1) };
    expect(index.wouldRebuild(patched, names, byRecentChange)).toBe(false);
    const after = index.update(patched, names, byRecentChange);
    expect(after[0]!.bucket).toBe(patched[1234]);
    expect(after.map((entry) => entry.bucket)).toEqual(indexBuckets(patched, names, byRecentChange).map((entry) => entry.bucket));
  });
});
