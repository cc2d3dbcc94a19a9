import { describe, expect, it } from 'vitest';
import { BucketIndex } from '../../src/renderer/list-model/bucket-index';
import { indexBuckets, NO_FILTERS, searchText } from '../../src/renderer/list-model/bucket-query';
import { BucketSearch } from '../../src/renderer/list-model/bucket-search';
import type { BucketView } from '../../src/shared/contract';

const b = (id: string, name: string, status = 'ONLINE', extra: Partial<BucketView> = {}): BucketView => ({ id, name, status, ...extra });
const names = new Map([['w1', 'Engineering']]);

describe('the bucket index', () => {
  it('sorts problems first, then names as people read them (numbers, case, accents), then ids', () => {
    const order = indexBuckets([b('5', 'bucket 10'), b('4', 'Bucket 9'), b('3', 'Écho'), b('2', 'echo'), b('1', 'zeta', 'OFFLINE'), b('0', 'bucket 10')]).map((entry) => entry.bucket.id);
    expect(order).toEqual(['1', '4', '0', '5', '2', '3']);
  });

  it('makes the search text only when first searched, and then finds by name, provider bucket, id and workspace name', () => {
    const entries = indexBuckets([b('id-1', 'Alpha', 'ONLINE', { bucket: 'prov-a', workspaceId: 'w1' }), b('id-2', 'Beta')], names);
    expect(entries.every((entry) => entry.haystack === undefined)).toBe(true);
    expect(new BucketSearch().run(entries, NO_FILTERS)).toHaveLength(2);
    expect(entries.every((entry) => entry.haystack === undefined)).toBe(true);
    for (const query of ['alpha', 'PROV-A', 'id-1', 'engineering', 'w1']) expect(new BucketSearch().run(entries, { ...NO_FILTERS, query }).map((bucket) => bucket.id)).toEqual(['id-1']);
    expect(searchText(entries[0]!)).toBe(entries[0]!.haystack);
  });

  it('kept across patches, it always equals a fresh sort of the same list', () => {
    const index = new BucketIndex();
    let list = Array.from({ length: 300 }, (_, i) => b(`id-${i}`, `bucket ${(i * 37) % 101}`, i % 7 ? 'ONLINE' : 'OFFLINE'));
    index.update(list, names);
    for (let round = 0; round < 20; round++) {
      list = list.filter((_, i) => (i + round) % 29 !== 0).map((bucket, i) => (i % 13 === round % 13 ? { ...bucket, status: bucket.status === 'ONLINE' ? 'DISCONNECTED' : 'ONLINE' } : bucket));
      list.push(b(`new-${round}`, `bucket ${round}`));
      expect(index.update(list, names).map((entry) => entry.bucket.id)).toEqual(indexBuckets(list, names).map((entry) => entry.bucket.id));
    }
  });

  it('merges many changes at once (removed, changed, new, the rest reordered) to what a fresh sort gives', () => {
    const index = new BucketIndex();
    let list = Array.from({ length: 3000 }, (_, i) => b(`id-${i}`, `bucket ${(i * 37) % 1001}`, i % 7 ? 'ONLINE' : 'OFFLINE'));
    index.update(list, names);
    for (let round = 0; round < 12; round++) {
      const step = [3, 11, 40, 97][round % 4]!;
      list = list
        .filter((_, i) => (i + round) % (step * 5) !== 0)
        .map((bucket, i) => (i % step === round % step ? { ...bucket, status: bucket.status === 'ONLINE' ? 'DISCONNECTED' : 'ONLINE', name: `${bucket.name}${round}` } : bucket));
      for (let k = 0; k < step; k++) list.push(b(`new-${round}-${k}`, `bucket ${k * 13}`));
      if (round % 3 === 2) list = [...list].reverse();
      expect(index.update(list, names).map((entry) => entry.bucket.id)).toEqual(indexBuckets(list, names).map((entry) => entry.bucket.id));
    }
  });

  it('finds a patch’s one changed bucket without looking the others up, and the same list again costs nothing', () => {
    const index = new BucketIndex();
    const list = Array.from({ length: 500 }, (_, i) => b(`id-${i}`, `bucket ${i}`));
    const first = index.update(list, names);
    const patched = list.map((bucket, i) => (i === 250 ? { ...bucket, status: 'OFFLINE' } : bucket));
    const entries = index.update(patched, names);
    expect(entries[0]!.bucket).toBe(patched[250]);
    expect(entries.slice(1)).toEqual(first.filter((entry) => entry.bucket.id !== 'id-250'));
    expect(index.update([...patched], names)).toBe(entries);
  });
});
