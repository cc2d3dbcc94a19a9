import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlashbackApi, type ListMemory } from '../../../src/main/core/api/api-client';
import { parseAvailableBuckets } from '../../../src/main/core/api/bucket-schema';
import { parseChanged } from '../../../src/main/core/api/incremental-list';
import { BucketTracker } from '../../../src/main/core/notify/bucket-changes';
import { runToEnd } from '../../../src/main/core/platform/slices';
import { makeBuckets } from '../../../src/mock-api/buckets';
import type { Bucket } from '../../../src/shared/contract';
import { body, fullList } from './parsed-list-fixtures';

const T1 = '2026-12-02T10:00:00.000Z';
const T2 = '2026-12-02T10:01:00.000Z';
const copy = (list: readonly Bucket[]) => list.map((bucket) => ({ ...bucket }));
const flipped = (list: readonly Bucket[]) => list.map((bucket) => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE' }));

/** A seeded shuffle. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('a list kept as bytes (up to 4 MB): buckets found anywhere, and their places told to the tracker', () => {
  const base = makeBuckets(2000, { seed: 8 });

  it('the same buckets in another order parse no more than the first few pieces: every bucket is its old object, `from` says where it was', () => {
    const before = fullList(body(base));
    const order = shuffled(base, 3);
    const parse = vi.spyOn(JSON, 'parse');
    const after = parseChanged(body(order), before)!;
    expect(parse.mock.calls.length).toBeLessThanOrEqual(64);
    expect(after.buckets.map((bucket) => bucket.id)).toEqual(order.map((bucket) => bucket.id));
    for (let i = 0; i < order.length; i++) {
      expect(after.from[i]).toBeGreaterThanOrEqual(0);
      expect(after.buckets[i]).toBe(before.buckets[after.from[i]!]);
    }
  });

  it('an all-change list is given up on (parsed whole by the caller) after parsing only the first few pieces', () => {
    const before = fullList(body(base));
    const parse = vi.spyOn(JSON, 'parse');
    expect(parseChanged(body(flipped(base)), before)).toBeUndefined();
    expect(parse.mock.calls.length).toBeLessThanOrEqual(64);
  });

  it('always equals parsing the whole body, with `from` pointing at the reused object or -1 for a fresh one: shuffles, edits, repeats', () => {
    const items = makeBuckets(300, { seed: 4 });
    const edit = fc.record({
      seed: fc.nat(),
      shuffle: fc.boolean(),
      changed: fc.array(fc.nat(299), { maxLength: 40 }),
      removed: fc.array(fc.nat(299), { maxLength: 10 }),
      repeated: fc.array(fc.nat(299), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(edit, ({ seed, shuffle, changed, removed, repeated }) => {
        const before = fullList(body(items));
        let next: Bucket[] = items.map((bucket, i) => (changed.includes(i) ? { ...bucket, status: `S${i}` } : bucket));
        next = next.filter((_, i) => !removed.includes(i));
        next = [...next, ...repeated.map((i) => items[i]!)];
        if (shuffle) next = shuffled(next, seed);
        const bytes = body(next);
        const after = parseChanged(bytes, before);
        if (!after) return; // gave up: parsed whole instead
        const whole = parseAvailableBuckets(JSON.parse(bytes.toString()));
        expect(after.buckets).toEqual(whole.ok ? whole.buckets : []);
        const old = new Set(before.buckets);
        after.buckets.forEach((bucket, i) => {
          if (after.from[i]! >= 0) expect(bucket).toBe(before.buckets[after.from[i]!]);
          else expect(old.has(bucket)).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('through the api: a reordered poll hints every place, a whole parse marks every bucket fresh, and the tracker makes the same update as without hints', async () => {
    let list: unknown = base;
    const api = new FlashbackApi({
      baseUrl: 'http://127.0.0.1:9',
      fetch: async () => new Response(body(list), { headers: { 'content-type': 'application/json' } }),
    });
    const hinted = new BucketTracker('acc-aaaaaaaa');
    const plain = new BucketTracker('acc-aaaaaaaa');
    const first = await api.pollAvailableBuckets('token', {});
    if (first.unchanged) throw new Error('a first list is a change');
    expect([...first.from!].every((place) => place === -1)).toBe(true);
    hinted.commit(runToEnd(hinted.prepare(first.buckets, T1, first.from)));
    plain.update(copy(base), T1);
    let memory: ListMemory = first.memory;
    for (const [next, at] of [[shuffled(base, 9), T2], [flipped(base), T2]] as const) {
      list = next;
      const result = await api.pollAvailableBuckets('token', { previous: memory });
      if (result.unchanged) throw new Error('another list is a change');
      memory = result.memory;
      const objects = [...result.buckets];
      const own = hinted.commit(runToEnd(hinted.prepare(result.buckets, at, result.from)));
      expect(own).toEqual(plain.update(copy(next), at));
      if (next[0]!.status !== base[0]!.status) {
        // All changed, parsed whole: each view is the parsed object itself.
        expect([...result.from!].every((place) => place === -1)).toBe(true);
        expect(own.views.every((view, i) => view === objects[i])).toBe(true);
      } else expect([...result.from!].every((place) => place >= 0)).toBe(true);
    }
  });
});
