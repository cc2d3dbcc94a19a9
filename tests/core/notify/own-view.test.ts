import { describe, expect, it } from 'vitest';
import { parseInSlices } from '../../../src/main/core/api/hashed-list';
import { shareStrings } from '../../../src/main/core/api/bucket-schema';
import { BucketTracker } from '../../../src/main/core/notify/bucket-changes';
import { runToEnd } from '../../../src/main/core/platform/slices';
import { makeBuckets } from '../../../src/mock-api/buckets';
import type { Bucket } from '../../../src/shared/contract';

const T1 = '2026-12-02T10:00:00.000Z';
const T2 = '2026-12-02T10:01:00.000Z';
const T3 = '2026-12-02T10:02:00.000Z';
const copy = (list: readonly Bucket[]) => list.map((bucket) => ({ ...bucket }));
const flipped = (list: readonly Bucket[]) => list.map((bucket) => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE' }));
const sync = { yieldTurn: async () => undefined, sliceMs: 1e9 };

describe('a freshly parsed bucket becomes its own view: one object per changed bucket', () => {
  const base = makeBuckets(2000, { seed: 21 });

  it('an all-change list parsed by pieces: every view is the parsed object, and the update equals the one made by copying', async () => {
    const hinted = new BucketTracker('acc-aaaaaaaa');
    const plain = new BucketTracker('acc-aaaaaaaa');
    const first = await parseInSlices(Buffer.from(JSON.stringify(base)), undefined, sync);
    hinted.commit(runToEnd(hinted.prepare(first!.list.buckets, T1, first!.from)));
    plain.update(copy(base), T1);
    let previous = first!.list;
    for (const [list, at] of [[flipped(base), T2], [base, T3]] as const) {
      const parsed = await parseInSlices(Buffer.from(JSON.stringify(list)), previous, sync);
      previous = parsed!.list;
      const objects = [...parsed!.list.buckets];
      expect([...parsed!.from!].every((place) => place === -1)).toBe(true);
      const own = hinted.commit(runToEnd(hinted.prepare(parsed!.list.buckets, at, parsed!.from)));
      const copied = plain.update(copy(list), at);
      expect(own).toEqual(copied);
      expect(own.changes).toHaveLength(2000);
      expect(own.views.every((view, i) => view === objects[i])).toBe(true);
      // What the api layer keeps for the next poll is those views.
      expect(parsed!.list.buckets.every((bucket, i) => bucket === own.views[i])).toBe(true);
    }
  });

  it('a bucket with fields beyond the documented ones is copied without them; one not parsed for this list (no hint, or found by its bytes) is copied', () => {
    const tracker = new BucketTracker('acc-aaaaaaaa');
    tracker.update([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'ONLINE' }, { id: 'c', status: 'ONLINE' }], T1);
    const extra = { id: 'a', status: 'OFFLINE', region: 'eu-west-1', statusSince: '1999-01-01T00:00:00.000Z' };
    const clean = { id: 'b', status: 'OFFLINE' };
    const held = { id: 'c', status: 'OFFLINE' };
    const { views } = tracker.commit(runToEnd(tracker.prepare([extra, clean, held], T2, Int32Array.from([-1, -1, 2]))));
    expect(views[0]).not.toBe(extra);
    expect(views[0]).toEqual({ id: 'a', account: 'acc-aaaaaaaa', status: 'OFFLINE', statusSince: T2, previousStatus: 'ONLINE' });
    expect(views[1]).toBe(clean);
    expect(clean).toEqual({ id: 'b', account: 'acc-aaaaaaaa', status: 'OFFLINE', statusSince: T2, previousStatus: 'ONLINE' });
    expect(views[2]).not.toBe(held);
    // A documented field present but undefined, or a view's own field, counts as an extra.
    const odd = [{ id: 'a', status: 'ONLINE', name: undefined }, { id: 'b', status: 'ONLINE', account: 'x' } as Bucket];
    const next = tracker.commit(runToEnd(tracker.prepare([...odd], T3, Int32Array.from([-1, -1])))).views;
    expect(next[0]).not.toBe(odd[0]);
    expect(next[1]).not.toBe(odd[1]);
    expect(Object.keys(next[0]!)).not.toContain('name');
    expect(next[1]!.account).toBe('acc-aaaaaaaa');
    const input = { id: 'b', status: 'ONLINE' };
    expect(tracker.update([input], T1).views[0]).not.toBe(input);
  });

  it('shareStrings: the last list’s values where equal, the new ones where not, and no field added', () => {
    const like = { id: 'a', name: 'Old name', status: 'ONLINE', key: 'K', createdAt: '2026-01-01' };
    const bucket: Bucket = { id: 'a', name: 'New name', status: 'OFFLINE', key: 'K', workspaceId: 'w' };
    shareStrings(bucket, like);
    expect(bucket).toEqual({ id: 'a', name: 'New name', status: 'OFFLINE', key: 'K', workspaceId: 'w' });
    expect(Object.keys(bucket)).toEqual(['id', 'name', 'status', 'key', 'workspaceId']);
  });

  it('an all-change list and a mixed one parse to exactly the server’s buckets, poll after poll', async () => {
    const lists = [base, flipped(base), base.map((bucket, i) => (i % 3 ? bucket : { ...bucket, name: `${bucket.name ?? ''}!`, status: 'GONE' })), flipped(base)];
    let previous: Awaited<ReturnType<typeof parseInSlices>>;
    for (const list of lists) {
      const parsed = await parseInSlices(Buffer.from(JSON.stringify(list)), previous?.list, sync);
      expect(parsed!.list.buckets).toEqual(list);
      previous = parsed;
    }
  });
});
