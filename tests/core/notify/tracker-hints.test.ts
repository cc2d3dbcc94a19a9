import { describe, expect, it } from 'vitest';
import { ChangeFollowUp } from '../../../src/main/core/accounts/change-follow-up';
import { parseInSlices } from '../../../src/main/core/api/hashed-list';
import { BucketTracker, type BucketChange } from '../../../src/main/core/notify/bucket-changes';
import { runToEnd, type SlicedWork } from '../../../src/main/core/platform/slices';
import { makeBuckets, seededRandom } from '../../../src/mock-api/buckets';
import { DEFAULT_SETTINGS, type Bucket } from '../../../src/shared/contract';

const T1 = '2026-12-02T10:00:00.000Z';
const T2 = '2026-12-02T10:01:00.000Z';
const copy = (list: readonly Bucket[]) => list.map((bucket) => ({ ...bucket }));

/** Two trackers given the same lists: one with `from` hints, one without. */
function pair(first: readonly Bucket[]) {
  const hinted = new BucketTracker('acc-aaaaaaaa');
  const plain = new BucketTracker('acc-aaaaaaaa');
  hinted.update(copy(first), T1);
  plain.update(copy(first), T1);
  return { hinted, plain };
}

describe('where each bucket was in the previous list, as a hint to the tracker', () => {
  const base = makeBuckets(3000, { seed: 11 });

  it('another order with every hint right: the same update as without hints, and the views kept are the very views', () => {
    const { hinted, plain } = pair(base);
    const order = base.map((_, i) => i).sort((a, b) => ((a * 7919) % 3001) - ((b * 7919) % 3001));
    const next = order.map((i) => ({ ...base[i]! }));
    const from = Int32Array.from(order);
    const withHints = hinted.commit(runToEnd(hinted.prepare(copy(next), T2, from)));
    const without = plain.update(copy(next), T2);
    expect(withHints).toEqual(without);
    expect(withHints.changes).toEqual([]);
  });

  it('wrong, missing and out-of-range hints change nothing: every hint is checked by id', () => {
    const random = seededRandom(5);
    const next = copy(base).reverse();
    next[17]!.status = 'GONE';
    next.splice(40, 3);
    next.push({ id: 'new-one', status: 'ONLINE' }, { ...base[5]! });
    const from = Int32Array.from(next, () => Math.floor(random() * 4000) - 500);
    const { hinted, plain } = pair(base);
    expect(hinted.commit(runToEnd(hinted.prepare(copy(next), T2, from)))).toEqual(plain.update(copy(next), T2));
  });

  it('the api layer’s `from` is each reused bucket’s previous place, which the tracker can use as it is', async () => {
    const body = (list: readonly Bucket[]) => Buffer.from(JSON.stringify(list));
    const at = { yieldTurn: async () => undefined };
    const first = (await parseInSlices(body(base), undefined, at))!;
    const { hinted, plain } = pair(base);
    const shuffled = [...base.slice(1500), ...base.slice(0, 1500)];
    const second = (await parseInSlices(body(shuffled), first.list, at))!;
    expect([...second.from!]).toEqual(shuffled.map((_, i) => (i + 1500) % 3000));
    expect(hinted.commit(runToEnd(hinted.prepare(second.list.buckets, T2, second.from)))).toEqual(plain.update(copy(shuffled), T2));
  });
});

describe('a long list’s history through the follow-up', () => {
  it('goes to `recordMany` when there is one (a few hundred at a time through `record` otherwise)', async () => {
    const changes: BucketChange[] = Array.from({ length: 3000 }, (_, i) => ({ type: 'status-changed', bucket: { id: `b${i}`, status: 'OFFLINE' }, previousStatus: 'ONLINE', status: 'OFFLINE' }));
    const many: BucketChange[][] = [];
    const few: BucketChange[][] = [];
    const follow = new ChangeFollowUp({
      settings: () => DEFAULT_SETTINGS,
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      notify: () => undefined,
      record: (list) => void few.push([...list]),
      recordMany: function* (list): SlicedWork<void> {
        yield;
        many.push([...list]);
      },
      slices: { yieldTurn: async () => undefined },
    });
    follow.after({ kind: 'changed', buckets: [], changes, baseline: false, at: Date.parse(T2), nextPollAt: undefined }, new AbortController().signal);
    await follow.idle();
    expect(many).toEqual([changes]);
    expect(few).toEqual([]);
  });
});
