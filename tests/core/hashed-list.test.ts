import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAvailableBuckets } from '../../src/main/core/api/bucket-schema';
import { parseInSlices, type HashedList } from '../../src/main/core/api/hashed-list';
import { finishHashes } from '../../src/main/core/api/later-hashes';
import { pieceHash } from '../../src/main/core/api/piece-hash';
import type { SliceOptions } from '../../src/main/core/platform/slices';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const at = (): SliceOptions => ({ yieldTurn: async () => undefined });

async function first(value: unknown): Promise<HashedList> {
  const parsed = await parseInSlices(body(value), undefined, at());
  if (!parsed) throw new Error('not cut');
  // Parsed a run at a time, its hashes and SHA-1 made after it shows (see later-hashes.ts).
  await finishHashes(parsed.list, at());
  return parsed.list;
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, name: `bucket ${i}`, status: i % 3 ? 'ONLINE' : 'OFFLINE' }));

describe('a large list kept as one hash per bucket, parsed in slices', () => {
  it('a list in another order, nothing changed: every bucket is the very object parsed before, none parsed again', async () => {
    const before = await first(items(500));
    const shuffled = items(500).reverse();
    shuffled.push(...shuffled.splice(100, 50));
    const after = (await parseInSlices(body(shuffled), before, at()))!;
    expect(after.unchanged).toBe(false);
    expect(after.list.buckets.map((bucket) => bucket.id)).toEqual(shuffled.map((item) => item.id));
    const old = new Set(before.buckets);
    expect(after.list.buckets.every((bucket) => old.has(bucket))).toBe(true);
  });

  it('the same bytes again are unchanged; one changed bucket is parsed, the rest reused', async () => {
    const before = await first(items(300));
    expect((await parseInSlices(body(items(300)), before, at()))!.unchanged).toBe(true);
    const edited = items(300);
    edited[7]!.status = 'DISCONNECTED';
    const after = (await parseInSlices(body(edited), before, at()))!;
    expect(after.unchanged).toBe(false);
    expect(after.list.buckets[7]!.status).toBe('DISCONNECTED');
    expect(after.list.buckets.filter((bucket, i) => bucket !== before.buckets[i])).toEqual([after.list.buckets[7]]);
    // A shorter list with the rest in place is a change too.
    expect((await parseInSlices(body(items(299)), before, at()))!.unchanged).toBe(false);
  });

  it('a few changed buckets are parsed where they are: the previous list is not indexed by hash for them', async () => {
    const before = await first(items(5_000));
    const edited = items(5_000);
    const places = Array.from({ length: 20 }, (_, k) => 17 + k * 241);
    for (const place of places) edited[place]!.status = 'DISCONNECTED';
    const after = (await parseInSlices(body(edited), before, at()))!;
    expect(after.indexed).toBe(false);
    expect(after.list.buckets.flatMap((bucket, i) => (bucket === before.buckets[i] ? [] : [i]))).toEqual(places);
    // A list in another order misses at nearly every place: then it is indexed, and nothing is parsed again.
    const reversed = (await parseInSlices(body(items(5_000).reverse()), before, at()))!;
    expect(reversed.indexed).toBe(true);
    expect(reversed.list.buckets).toEqual([...before.buckets].reverse());
    expect(reversed.list.buckets.every((bucket, i) => bucket === before.buckets[4_999 - i])).toBe(true);
  });

  it('the very same body again is known by its whole-body digest alone: no piece is cut, hashed or looked up', async () => {
    const bytes = body(items(300));
    const before = await first(items(300));
    // A previous list whose pieces were never hashed (NaN matches nothing): only the digest can say "unchanged".
    const digestOnly: HashedList = { hashes: new Float64Array(300).fill(Number.NaN), buckets: [], digest: before.digest, marks: new Int32Array(1).fill(-1) };
    const again = (await parseInSlices(bytes, digestOnly, at()))!;
    expect(again.unchanged).toBe(true);
    expect(again.list).toBe(digestOnly);
  });

  it('hashes a large body a megabyte per turn, and stops there for a poll cancelled meanwhile', async () => {
    const big = Buffer.from(JSON.stringify(items(60_000)));
    expect(big.length).toBeGreaterThan(3 * 2 ** 20);
    const before = await first(items(60_000));
    let turns = 0;
    const again = (await parseInSlices(big, before, { yieldTurn: async () => void turns++ }))!;
    expect(again.unchanged).toBe(true);
    expect(turns).toBe(Math.ceil(big.length / 2 ** 20) - 1);
    const cancel = new AbortController();
    const reason = new Error('stale');
    const stopped = parseInSlices(big, before, { signal: cancel.signal, yieldTurn: async () => cancel.abort(reason) });
    await expect(stopped).rejects.toBe(reason);
  });

  it('gives up (the caller parses the whole body) when a piece is not a bucket: a nested list of objects, an item without id, not compact, not a list', async () => {
    const before = await first([{ id: 'a' }, { id: 'b' }]);
    expect(await parseInSlices(body([{ id: 'a' }, { id: 'b', tags: [{ k: 1 }, { k: 2 }] }]), before, at())).toBeUndefined();
    expect(await parseInSlices(body([{ id: 'a' }, { name: 'no id' }]), before, at())).toBeUndefined();
    expect(await parseInSlices(Buffer.from('[{"id":"a"}, {"id":"b"}]'), before, at())).toBeUndefined();
    expect(await parseInSlices(body({ buckets: [] }), before, at())).toBeUndefined();
    expect((await parseInSlices(Buffer.from(' [ ] '), before, at()))!.list.buckets).toEqual([]);
  });

  it('gives the event loop a turn once a slice has taken its time, and stops with the reason of a poll cancelled meanwhile', async () => {
    let clock = 0;
    let turns = 0;
    const options: SliceOptions = { now: () => (clock += 1), sliceMs: 4, yieldTurn: async () => void turns++ };
    const list = (await parseInSlices(body(items(5000)), undefined, options))!;
    expect(list.list.buckets).toHaveLength(5000);
    // The clock is read every 256 pieces (19 looks for 5,000), each 1 ms later here: a turn every 4 looks.
    expect(turns).toBe(4);
    const cancel = new AbortController();
    const reason = new Error('stale');
    const stopped = parseInSlices(body(items(5000)), undefined, { now: () => (clock += 10), sliceMs: 4, signal: cancel.signal, yieldTurn: async () => cancel.abort(reason) });
    await expect(stopped).rejects.toBe(reason);
  });

  it('hashes by bytes and length: the same bytes anywhere give the same hash, another byte another', () => {
    const bytes = Buffer.from('xx{"id":"a"}yy{"id":"a"}{"id":"b"}');
    expect(pieceHash(bytes, 2, 12)).toBe(pieceHash(bytes, 14, 24));
    expect(pieceHash(bytes, 2, 12)).not.toBe(pieceHash(bytes, 24, 34));
    expect(pieceHash(bytes, 2, 12)).not.toBe(pieceHash(bytes, 2, 11));
    expect(Number.isSafeInteger(pieceHash(bytes, 2, 12))).toBe(true);
  });

  it('always equals parsing the whole body, for random lists, edits and orders', async () => {
    const bucket = fc.record(
      {
        id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', ' g ', 'h'),
        status: fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED', '},{"x', 7),
        name: fc.string({ maxLength: 6 }),
        extra: fc.oneof(fc.constant(undefined), fc.array(fc.record({ k: fc.nat(3) }), { maxLength: 3 })),
      },
      { requiredKeys: ['id'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(bucket, { maxLength: 12 }), fc.array(bucket, { maxLength: 12 }), async (one, two) => {
        const before = await parseInSlices(body(one), undefined, at());
        for (const previous of [before?.list, undefined]) {
          const incremental = await parseInSlices(body(two), previous, at());
          const whole = parseAvailableBuckets(JSON.parse(JSON.stringify(two)));
          if (!incremental) continue; // gave up: the caller parses it whole
          expect(whole.ok).toBe(true);
          expect(incremental.list.buckets).toEqual(whole.ok ? whole.buckets : []);
          if (incremental.unchanged) expect(JSON.stringify(two)).toBe(JSON.stringify(one));
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
