import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexBuckets } from '../../src/renderer/list-model/bucket-query';
import { firstScreen, leadOf, nameKey } from '../../src/shared/bucket-order';
import { listLayout, ROW_HEIGHT } from '../../src/renderer/list-model/list-layout';
import type { BucketView } from '../../src/shared/contract';

/** Names that stress the key: case, digit runs short and long (12+ digits are not padded), accents, superscripts, empty. */
const nameArb = fc.oneof(
  fc.constantFrom('', ' ', 'Backup 1', 'backup 01', 'Backup 10', 'Écho', 'echo', 'Zeta', '_x', '9', '1²', '00000000000²', '123456789012 big', '12345678901 a', 'ä', 'Ab', 'aB'),
  fc.stringMatching(/^[A-Za-z0-9 _-]{0,6}$/),
  fc.string({ unit: fc.constantFrom('a', 'B', '1', '0', 'é', 'É', '²', ' ', '-', 'ß', 'Ω'), maxLength: 14 }),
);
const bucketArb = fc.record({
  name: fc.option(nameArb, { nil: undefined }),
  bucket: fc.option(fc.constantFrom('prov-b', 'Prov-A', ''), { nil: undefined }),
  status: fc.option(fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', 'online', 'Active', 'DEGRADED', ''), { nil: undefined }),
});
const listArb = fc.array(bucketArb, { maxLength: 400 }).map((list) => list.map((fields, i): BucketView => ({ id: `id-${(i * 7919) % 1000}-${i}`, ...fields })));

describe('a first screen', () => {
  it('knows the first character of a name key without making the key', () => {
    fc.assert(fc.property(nameArb, (name) => {
        expect(leadOf(name)).toBe(nameKey(name).charCodeAt(0) || 0);
      }), { numRuns: 2000 });
  });

  it('is exactly the first rows of the full sorted index, whatever the names and statuses', () => {
    const names = new Map([['w1', 'Engineering']]);
    fc.assert(
      fc.property(listArb, fc.integer({ min: 1, max: 60 }), (list, rows) => {
        const expected = indexBuckets(list, names).slice(0, rows).map((entry) => entry.bucket);
        expect(firstScreen(list, rows)).toEqual({ rows: expected, matched: list.length });
      }),
      { numRuns: 300 },
    );
  });

  it('among the buckets a filter keeps, is exactly the first rows of the filtered index, every match counted', () => {
    fc.assert(
      fc.property(listArb, fc.integer({ min: 1, max: 60 }), fc.nat(4), (list, rows, pick) => {
        const keep = (bucket: BucketView) => (bucket.id.length + (bucket.name?.length ?? 0)) % 5 !== pick;
        const kept = indexBuckets(list).filter((entry) => keep(entry.bucket));
        expect(firstScreen(list, rows, keep)).toEqual({ rows: kept.slice(0, rows).map((entry) => entry.bucket), matched: kept.length });
      }),
      { numRuns: 300 },
    );
  });

  it('keys and sorts only the cells that hold the first rows (a list of many leads)', () => {
    const list: BucketView[] = Array.from({ length: 5000 }, (_, i) => ({ id: `id-${i}`, name: `${String.fromCharCode(97 + (i % 26))}-bucket ${i}`, status: 'ONLINE' }));
    list.push({ id: 'late', name: 'A first', status: 'ONLINE' }, { id: 'broken', name: 'zz', status: 'OFFLINE' });
    const { rows } = firstScreen(list, 48);
    expect(rows.map((bucket) => bucket.id).slice(0, 3)).toEqual(['broken', 'late', 'id-0']);
    expect(rows).toEqual(indexBuckets(list).slice(0, 48).map((entry) => entry.bucket));
  });
});

describe('the list layout', () => {
  const buckets: BucketView[] = Array.from({ length: 7 }, (_, i) => ({ id: `b${i}`, name: `b${i}` }));

  it('without groups needs no table and places rows as the table would', () => {
    const plain = listLayout(buckets, false);
    // The grouped layout over a list that happens to have no headings: the table the plain one must match.
    const table = listLayout(buckets, true);
    for (let i = 0; i <= buckets.length; i++) expect(plain.top(i)).toBe(table.top(i));
    for (let i = 0; i < buckets.length; i++) expect(plain.position(i)).toBe(table.position(i));
    for (const p of [-3, 0, 3, 6, 9]) expect(plain.bucketAt(p)).toBe(table.bucketAt(p));
    for (const y of [-500, 0, 75, 76, 300, 531, 532, 9000]) expect(plain.itemAt(y)).toBe(table.itemAt(y));
    expect(plain.height).toBe(table.height);
  });

  it('gives rows still to come their room, and counts only the rows it has', () => {
    const layout = listLayout(buckets, false, 993);
    expect(layout.height).toBe(1000 * ROW_HEIGHT);
    expect(layout.buckets).toBe(7);
    expect(layout.bucketAt(500)).toBe(6);
  });

  it('with groups counts positions among buckets only', () => {
    const layout = listLayout([{ kind: 'group', workspace: 'w', count: 2 }, buckets[0]!, buckets[1]!], true);
    expect([layout.position(0), layout.position(1), layout.position(2)]).toEqual([0, 1, 2]);
    expect(layout.bucketAt(0)).toBe(1);
    expect(layout.top(1)).toBe(30);
  });
});
