import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAvailableBuckets } from '../../../src/main/core/api/bucket-schema';
import { HashIndex } from '../../../src/main/core/api/hash-index';
import { parseInSlices, type HashedList } from '../../../src/main/core/api/hashed-list';
import { finishHashes } from '../../../src/main/core/api/later-hashes';
import type { SliceOptions } from '../../../src/main/core/platform/slices';
import { parseInSlices as parseBefore, type HashedList as ListBefore } from './hashed-list-before';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const at = (): SliceOptions => ({ yieldTurn: async () => undefined });
const items = (n: number, status = 'ONLINE') => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, name: `bucket ${i}`, status: i % 3 ? status : 'OFFLINE' }));
const flipped = (n: number) => items(n).map((item) => ({ ...item, status: item.status === 'ONLINE' ? 'DISCONNECTED' : 'ONLINE' }));

/** The new parse and the one before it, each from its own previous list of the same body: the same buckets, the same verdicts. */
async function bothFrom(previous: Buffer | undefined, next: Buffer) {
  const now = previous && (await parseInSlices(previous, undefined, at()))?.list;
  const then = previous && (await parseBefore(previous, undefined, at()))?.list;
  const after = await parseInSlices(Buffer.from(next), now, at());
  const before = await parseBefore(Buffer.from(next), then, at());
  return { after, before, now, then };
}

function expectSame(after: Awaited<ReturnType<typeof parseInSlices>>, before: Awaited<ReturnType<typeof parseBefore>>, now?: HashedList, then?: ListBefore) {
  expect(after === undefined).toBe(before === undefined);
  if (!after || !before) return;
  expect(after.unchanged).toBe(before.unchanged);
  expect(after.list.buckets).toEqual(before.list.buckets);
  // A bucket reused here is one reused there, from the same place of the same previous list's bytes.
  if (!now || !then || after.unchanged) return;
  after.list.buckets.forEach((bucket, i) => {
    const place = after.from![i]!;
    if (place >= 0) {
      expect(bucket).toBe(now.buckets[place]);
      expect(JSON.stringify(then.buckets[place])).toBe(JSON.stringify(bucket));
    }
  });
}

describe('misses parsed in runs (one JSON.parse for many pieces)', () => {
  it('every bucket changed: parsed in runs, never indexed by hash, the same list as before', async () => {
    const { after, before, now, then } = await bothFrom(body(items(5000)), body(flipped(5000)));
    expect(after!.indexed).toBe(false);
    expect([...after!.from!].every((place) => place === -1)).toBe(true);
    expectSame(after, before, now, then);
  });

  it('another order, nothing changed: indexed, every bucket its old object, the same list as before', async () => {
    const list = items(5000);
    const shuffled = [...list.slice(2500).reverse(), ...list.slice(0, 2500)];
    const { after, before, now, then } = await bothFrom(body(list), body(shuffled));
    expect(after!.indexed).toBe(true);
    expect(after!.list.buckets.every((bucket, i) => bucket === now!.buckets[after!.from![i]!])).toBe(true);
    expectSame(after, before, now, then);
  });

  it('the same bytes, a few changes, many changes in another order, insertions and removals: the same list as before', async () => {
    const base = items(3000);
    const few = items(3000);
    few[10]!.status = 'X';
    few[2999]!.status = 'Y';
    const mixed = [...flipped(3000).slice(0, 1000), ...base.slice(1000).reverse(), { id: 'new', status: 'ONLINE' }];
    const removed = base.filter((_, i) => i % 7 !== 0);
    for (const next of [base, few, mixed, removed, [], items(1)]) {
      const { after, before, now, then } = await bothFrom(body(base), body(next));
      expectSame(after, before, now, then);
    }
  });

  it('bad rows give up as before: an item without id in a run, a nested list cut at `},{"`, a run that is not whole, not compact', async () => {
    const base = items(300);
    const noId: unknown[] = flipped(300);
    noId[150] = { name: 'no id' };
    const nested: unknown[] = flipped(300);
    nested[40] = { id: 'n', tags: [{ k: 1 }, { k: 2 }, { k: 3 }] };
    const nestedWithIds: unknown[] = flipped(300);
    nestedWithIds[40] = { id: 'n', replicas: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }] };
    for (const next of [noId, nested, nestedWithIds]) {
      const { after, before } = await bothFrom(body(base), body(next));
      expect(after).toBeUndefined();
      expect(before).toBeUndefined();
    }
    // Compensating faults (one boundary inside a nested list, one pair of buckets not compactly separated): not taken for buckets.
    const text = JSON.stringify(flipped(20)).replace('},{"id":"b5"', '}, {"id":"b5"');
    const tricky = Buffer.from(text.replace('{"id":"b12"', '{"id":"b12","x":[{"a":1},{"b":2}]'));
    expect(await parseInSlices(tricky, (await parseInSlices(body(items(20)), undefined, at()))!.list, at())).toBeUndefined();
  });

  it('a bracket or a boundary inside a string is a bucket like any other (parsed one by one there)', async () => {
    const base = items(200);
    const next = flipped(200);
    next[3]!.name = 'weird [name] },{"id":"fake"}';
    next[100]!.name = 'ünïcödé [';
    const { after, before, now, then } = await bothFrom(body(base), body(next));
    expect(after!.list.buckets[3]!.name).toBe('weird [name] },{"id":"fake"}');
    expectSame(after, before, now, then);
  });

  it('always equals the parse before it, for random lists, edits and orders', async () => {
    const bucket = fc.record(
      {
        id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', ' g ', 'h', 'i', 'j'),
        status: fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', '},{"x', '[', 7),
        name: fc.string({ maxLength: 6 }),
        extra: fc.oneof(fc.constant(undefined), fc.array(fc.record({ k: fc.nat(3) }), { maxLength: 3 })),
      },
      { requiredKeys: ['id'] },
    );
    const list = fc.array(bucket, { maxLength: 150 });
    await fc.assert(
      fc.asyncProperty(list, list, fc.boolean(), async (one, two, fromNothing) => {
        const { after, before, now, then } = await bothFrom(fromNothing ? undefined : body(one), body(two));
        expectSame(after, before, now, then);
        if (after) {
          const whole = parseAvailableBuckets(JSON.parse(JSON.stringify(two)));
          expect(whole.ok && after.list.buckets).toEqual(whole.ok && whole.buckets);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('a body whose first buckets differ is not digested before it shows; its SHA-1, made after, knows the same body again', async () => {
    const before = (await parseInSlices(body(items(300)), undefined, at()))!.list;
    // A first list: hashed and digested after it shows.
    expect(before.digest).toBeUndefined();
    await finishHashes(before, at());
    expect(before.digest).toEqual(createHash('sha1').update(body(items(300))).digest());
    // Every status flipped: the first piece already differs, so no SHA-1 before the list shows.
    const changed = (await parseInSlices(body(flipped(300)), before, at()))!;
    expect(changed.list.digest).toBeUndefined();
    expect(changed.list.later?.digest).toBe(true);
    // The same body again: the next poll finishes the last one's SHA-1 first, and knows it by it.
    const again = (await parseInSlices(body(flipped(300)), changed.list, at()))!;
    expect(changed.list.later).toBeUndefined();
    expect(again.unchanged).toBe(true);
    expect(again.list).toBe(changed.list);
    // The same first buckets, a change further on: digested at once (and found changed).
    const late = flipped(300);
    late[250]!.status = 'X';
    const further = (await parseInSlices(body(late), changed.list, at()))!;
    expect(further.unchanged).toBe(false);
    expect(further.list.digest).toEqual(createHash('sha1').update(body(late)).digest());
  });
});

describe('HashIndex', () => {
  it('finds the first place of every hash and nothing else, as a Map that keeps the first would', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(40), fc.constantFrom(0, 2 ** 53 - 1, 2 ** 32, 2 ** 32 + 16, 16)), { maxLength: 300 }), fc.array(fc.nat(60), { maxLength: 50 }), (hashes, probes) => {
        const index = new HashIndex(hashes.length);
        const map = new Map<number, number>();
        hashes.forEach((hash, place) => {
          index.add(hash, place);
          if (!map.has(hash)) map.set(hash, place);
        });
        for (const hash of [...hashes, ...probes, 2 ** 40]) expect(index.get(hash)).toBe(map.get(hash) ?? -1);
      }),
    );
  });
});
