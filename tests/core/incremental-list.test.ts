import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAvailableBuckets } from '../../src/main/core/api/bucket-schema';
import { cutList, listFrom, parseChanged } from '../../src/main/core/api/incremental-list';
import { body, fullList } from './api/parsed-list-fixtures';


describe('parsing only the buckets whose bytes changed', () => {
  it('cuts a compact list into one range per object, and refuses other shapes', () => {
    const bytes = body([{ id: 'a' }, { id: 'b', name: 'x},{"y' }, { id: 'c' }]);
    const cut = cutList(bytes)!;
    expect([...cut.starts].map((start, i) => bytes.toString('utf8', start, cut.ends[i]))).toEqual(['{"id":"a"}', '{"id":"b","name":"x},{\\"y"}', '{"id":"c"}']);
    expect(cutList(body([]))!.starts).toHaveLength(0);
    expect(cutList(Buffer.from(' [ ] '))!.starts).toHaveLength(0);
    expect(cutList(body({ buckets: [] }))).toBeUndefined();
    expect(cutList(Buffer.from('<html>'))).toBeUndefined();
  });

  it('reuses the very objects of unchanged buckets and parses the changed one', () => {
    const before = fullList(body([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'ONLINE' }, { id: 'c', status: 'ONLINE' }]));
    const after = parseChanged(body([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'OFFLINE' }, { id: 'c', status: 'ONLINE' }]), before)!;
    expect(after.buckets.map((bucket) => bucket.status)).toEqual(['ONLINE', 'OFFLINE', 'ONLINE']);
    expect(after.buckets[0]).toBe(before.buckets[0]);
    expect(after.buckets[1]).not.toBe(before.buckets[1]);
    expect(after.buckets[2]).toBe(before.buckets[2]);
  });

  it('follows an insertion and a removal without parsing everything after them', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ id: `b${i}`, status: 'ONLINE' }));
    const before = fullList(body(items));
    const edited = [...items.slice(0, 50), { id: 'new', status: 'ONLINE' }, ...items.slice(50, 120), ...items.slice(121)];
    const after = parseChanged(body(edited), before)!;
    expect(after.buckets.map((bucket) => bucket.id)).toEqual(edited.map((item) => item.id));
    expect(after.buckets.filter((bucket, i) => bucket !== before.buckets.find((old) => old.id === edited[i]!.id))).toHaveLength(1);
  });

  it('gives up (the caller parses the whole body) when a piece is not a bucket: a nested list of objects, a bad item', () => {
    const before = fullList(body([{ id: 'a' }, { id: 'b' }]));
    expect(parseChanged(body([{ id: 'a' }, { id: 'b', tags: [{ k: 1 }, { k: 2 }] }]), before)).toBeUndefined();
    expect(parseChanged(body([{ id: 'a' }, { name: 'no id' }]), before)).toBeUndefined();
    // Not compact (a space after the comma): one piece that is not one object.
    expect(parseChanged(Buffer.from('[{"id":"a"}, {"id":"b"}]'), before)).toBeUndefined();
  });

  it('always equals parsing the whole body, for random lists and random edits', () => {
    const bucket = fc.record(
      {
        id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', ' g ', 'h'),
        status: fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', '},{"x', 7),
        name: fc.string({ maxLength: 6 }),
        extra: fc.oneof(fc.constant(undefined), fc.array(fc.record({ k: fc.nat(3) }), { maxLength: 3 })),
      },
      { requiredKeys: ['id'] },
    );
    fc.assert(
      fc.property(fc.array(bucket, { maxLength: 12 }), fc.array(bucket, { maxLength: 12 }), (first, second) => {
        const before = listFrom(body(first), (parseAvailableBuckets(JSON.parse(JSON.stringify(first))) as unknown as { buckets: never[] }).buckets);
        if (!before) return; // this body cannot be cut: the next poll parses it whole
        const bytes = body(second);
        const incremental = parseChanged(bytes, before);
        if (!incremental) return; // gave up: parsed whole instead
        const whole = parseAvailableBuckets(JSON.parse(bytes.toString()));
        expect(whole.ok).toBe(true);
        expect(incremental.buckets).toEqual(whole.ok ? whole.buckets : []);
      }),
      { numRuns: 2000 },
    );
  });
});
