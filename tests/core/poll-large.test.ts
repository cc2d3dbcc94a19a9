import { describe, expect, it } from 'vitest';
import { FlashbackApi, KEEP_BYTES_UP_TO, type ListMemory } from '../../src/main/core/api/api-client';
import { makeBuckets } from '../../src/mock-api/buckets';
import type { Bucket } from '../../src/shared/contract';

/** An API whose `GET /bucket/available` answers whatever list is current. */
function apiServing() {
  let list: unknown = [];
  const api = new FlashbackApi({
    baseUrl: 'http://127.0.0.1:9',
    fetch: async () => {
      const bytes = Buffer.from(typeof list === 'string' ? list : JSON.stringify(list));
      return new Response(bytes, { headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } });
    },
  });
  return { api, serve: (next: unknown) => void (list = next) };
}

describe('polls of a large list keep one hash per bucket, not the body', () => {
  it('a body over the size kept as bytes: nothing of it is kept, and every poll shows exactly the server’s list', async () => {
    const base = makeBuckets(1500, { seed: 3 });
    const { api, serve } = apiServing();
    const lists: unknown[] = [
      base,
      base.map((bucket, i) => (i % 97 === 0 ? { ...bucket, status: 'DISCONNECTED' } : bucket)),
      [...base].reverse(),
      base.slice(0, 1200),
      base,
      // Not compact: parsed whole, and the poll after it too.
      JSON.stringify(base, null, 1),
      base.map((bucket) => ({ ...bucket, name: `${bucket.name ?? ''} (renamed)` })),
    ];
    let memory: ListMemory | undefined;
    for (const list of lists) {
      serve(list);
      const result = await api.pollAvailableBuckets('token', { previous: memory, keepBytesUpTo: 1000 });
      const expected = (typeof list === 'string' ? JSON.parse(list) : list) as Bucket[];
      expect(result.unchanged).toBe(false);
      if (result.unchanged) return;
      expect(result.buckets).toEqual(expected);
      expect(result.memory.bytes).toBeUndefined();
      expect(result.memory.spare).toBeUndefined();
      memory = result.memory;
    }
    serve(lists.at(-1));
    expect(await api.pollAvailableBuckets('token', { previous: memory, keepBytesUpTo: 1000 })).toEqual({ unchanged: true });
  }, 30_000);

  it('the same buckets in another order parse nothing again (the very objects of the last list)', async () => {
    const base = makeBuckets(2000, { seed: 5 });
    const { api, serve } = apiServing();
    serve(base);
    const one = await api.pollAvailableBuckets('token', { keepBytesUpTo: 1000 });
    if (one.unchanged) throw new Error('a first list is a change');
    serve([...base].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')));
    const two = await api.pollAvailableBuckets('token', { previous: one.memory, keepBytesUpTo: 1000 });
    if (two.unchanged) throw new Error('another order is a change');
    const before = new Set(one.buckets);
    expect(two.buckets.every((bucket) => before.has(bucket))).toBe(true);
  }, 30_000);

  it('the size from which bodies are hashed is about 15,000 buckets: a 100,000-bucket body is never kept as bytes', () => {
    const perBucket = JSON.stringify(makeBuckets(1000, { seed: 1 })).length / 1000;
    expect(KEEP_BYTES_UP_TO / perBucket).toBeGreaterThan(10_000);
    expect(KEEP_BYTES_UP_TO / perBucket).toBeLessThan(20_000);
  });
});
