import { describe, expect, it } from 'vitest';
import { parseInSlices, type HashedList } from '../../src/main/core/api/hashed-list';
import type { SliceOptions } from '../../src/main/core/platform/slices';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, name: `bucket ${i}`, status: i % 3 ? 'ONLINE' : 'OFFLINE' }));

/** Slicing on a clock that moves 1 ms at each look, counting turns. */
function counted(): { options: SliceOptions; turns: () => number } {
  let clock = 0;
  let turns = 0;
  return { options: { now: () => (clock += 1), sliceMs: 4, yieldTurn: async () => void turns++ }, turns: () => turns };
}

describe('a list in another order: the previous list is indexed by hash in slices too', () => {
  it('indexing 20,000 hashes takes turns of its own, and the result is the very one made without turns', async () => {
    const previous = (await parseInSlices(body(items(20_000)), undefined, { yieldTurn: async () => undefined }))!.list;
    const reversed = body(items(20_000).reverse());
    // The same body without a previous list: the same looks at the clock, but no index.
    const fresh = counted();
    await parseInSlices(reversed, undefined, fresh.options);
    const sliced = counted();
    const after = (await parseInSlices(reversed, previous, sliced.options))!;
    const whole = (await parseInSlices(reversed, previous, { yieldTurn: async () => undefined, sliceMs: Number.POSITIVE_INFINITY }))!;
    expect(after.indexed).toBe(true);
    // 20,000 hashes, a look every 256: about 78 looks, a turn every 4.
    expect(sliced.turns() - fresh.turns()).toBeGreaterThanOrEqual(15);
    expect(after.list.buckets).toEqual(whole.list.buckets);
    after.list.buckets.forEach((bucket, i) => expect(bucket).toBe(whole.list.buckets[i]));
    expect(Array.from(after.list.hashes)).toEqual(Array.from(whole.list.hashes));
  });

  it('a poll cancelled while the index is built stops there with its reason', async () => {
    const previous: HashedList = (await parseInSlices(body(items(20_000)), undefined, { yieldTurn: async () => undefined }))!.list;
    const cancel = new AbortController();
    const reason = new Error('stale');
    let clock = 0;
    let turns = 0;
    // The reversed list misses its 64th piece near the start: the index is built from the first slice on.
    const stopped = parseInSlices(body(items(20_000).reverse()), previous, {
      now: () => (clock += 1),
      sliceMs: 4,
      signal: cancel.signal,
      yieldTurn: async () => void (++turns === 2 && cancel.abort(reason)),
    });
    await expect(stopped).rejects.toBe(reason);
  });
});
