import { describe, expect, it } from 'vitest';
import { FlashbackApi } from '../../src/main/core/api/api-client';
import { BucketTracker } from '../../src/main/core/notify/bucket-changes';
import { StaleWork } from '../../src/main/core/platform/lifetime';
import { runInSlices } from '../../src/main/core/platform/slices';
import { BucketSync } from '../../src/main/core/sync/bucket-sync';
import type { SyncNews } from '../../src/main/core/sync/sync-outcome';
import { makeBuckets } from '../../src/mock-api/buckets';
import type { Bucket } from '../../src/shared/contract';
import { testSync } from './sync/test-sync';

const T1 = '2026-11-24T10:00:00.000Z';
const T2 = '2026-11-24T10:01:00.000Z';

/** A clock that moves `step` ms each time it is read: every checkpoint looks slow. */
function slowClock(step = 1) {
  let t = 0;
  return () => (t += step);
}

const flipped = (list: readonly Bucket[]) => list.map((bucket) => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE' }));
/** Fresh objects each time: the tracker replaces the items it is given by their views. */
const copy = (list: readonly Bucket[]) => list.map((bucket) => ({ ...bucket }));

describe('the tracker compares a large list a slice at a time', () => {
  const base = makeBuckets(5000, { seed: 7 });

  it('gives the event loop turns on the way and ends with exactly what update gives in one go', async () => {
    const sliced = new BucketTracker('acc');
    const whole = new BucketTracker('acc');
    sliced.update(copy(base), T1);
    whole.update(copy(base), T1);
    // All changed, a few gone, a few new, in another order.
    const next = [...flipped(base.slice(10)), ...makeBuckets(30, { seed: 8 })].reverse();
    let turns = 0;
    const prepared = await runInSlices(sliced.prepare(copy(next), T2), { now: slowClock(), sliceMs: 8, yieldTurn: async () => void turns++ });
    const result = sliced.commit(prepared);
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(result).toEqual(whole.update(copy(next), T2));
    expect(result.changes.length).toBe(4990 + 30 + 10);
    // And they stay alike afterwards.
    expect(sliced.update(copy(next), T2)).toEqual(whole.update(copy(next), T2));
  });

  it('a comparison cancelled between slices leaves the tracker as it was: the next list is compared with the last one made current', async () => {
    const tracker = new BucketTracker('acc');
    const reference = new BucketTracker('acc');
    tracker.update(copy(base), T1);
    reference.update(copy(base), T1);
    const cancel = new AbortController();
    let turns = 0;
    const yieldTurn = async () => {
      if (++turns === 2) cancel.abort(new StaleWork('poll stopped'));
    };
    await expect(runInSlices(tracker.prepare(copy(flipped(base)), T2), { now: slowClock(), sliceMs: 8, yieldTurn, signal: cancel.signal })).rejects.toThrow('poll stopped');
    // Nothing of the cancelled list counts: the same list again is every change, with the first list's statuses as "was".
    const again = tracker.update(copy(flipped(base)), T2);
    expect(again).toEqual(reference.update(copy(flipped(base)), T2));
    expect(again.changes).toHaveLength(5000);
    expect(again.views[0]!.previousStatus).toBe(base[0]!.status);
  });

  it('a comparison made before another update or a reset is refused, not made current', () => {
    const tracker = new BucketTracker('acc');
    tracker.update(copy(base), T1);
    const stale = tracker.prepare(copy(flipped(base)), T2);
    let step = stale.next();
    while (!step.done) step = stale.next();
    tracker.reset();
    expect(tracker.isCurrent(step.value)).toBe(false);
    expect(() => tracker.commit(step.value)).toThrow(StaleWork);
  });
});

describe('a poll whose comparison is cancelled between slices', () => {
  it('makes nothing current: the same body on the next poll is still a change from the list before', async () => {
    const first = makeBuckets(3000, { seed: 11 });
    const second = flipped(first);
    const bodies = [first, second, second];
    const api = new FlashbackApi({
      baseUrl: 'https://api.test/v1',
      fetch: async () => new Response(JSON.stringify(bodies.length > 1 ? bodies.shift() : bodies[0]), { headers: { 'content-type': 'application/json' } }),
      timeoutMs: 5000,
    });
    const news: SyncNews[] = [];
    let turns = 0;
    let stopAt = Number.POSITIVE_INFINITY;
    const sync: BucketSync = testSync(api, new AbortController().signal, {
      report: (item) => news.push(item),
      slices: { now: slowClock(4), sliceMs: 8, yieldTurn: async () => void (++turns === stopAt && sync.stop()) },
    });
    sync.start({ firstPollInMs: 3_600_000 });
    expect(await sync.refreshNow()).toMatchObject({ kind: 'changed', baseline: true });
    const turnsForBaseline = turns;
    expect(turnsForBaseline).toBeGreaterThanOrEqual(3);

    // The second list is stopped at its second turn.
    stopAt = turns + 2;
    expect(await sync.refreshNow()).toEqual({ kind: 'stopped' });
    expect(news.filter((item) => item.kind === 'changed')).toHaveLength(1);

    // Started again, the same body is compared with the first list, not taken for "unchanged".
    sync.start({ firstPollInMs: 3_600_000 });
    const outcome = await sync.refreshNow();
    expect(outcome.kind).toBe('changed');
    if (outcome.kind !== 'changed') return;
    expect(outcome.baseline).toBe(false);
    expect(outcome.changes).toHaveLength(3000);
    expect(outcome.buckets[0]).toMatchObject({ status: second[0]!.status, previousStatus: first[0]!.status });
    sync.stop();
  });
});
