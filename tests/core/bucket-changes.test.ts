import { describe, expect, it } from 'vitest';
import { BucketTracker } from '../../src/main/core/notify/bucket-changes';

const T1 = '2026-11-24T10:00:00.000Z';
const T2 = '2026-11-24T10:01:00.000Z';
const T3 = '2026-11-24T10:02:00.000Z';

describe('BucketTracker', () => {
  it('sets a baseline on the first list and reports no changes', () => {
    const tracker = new BucketTracker();
    const update = tracker.update([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'OFFLINE' }], T1);
    expect(update.baseline).toBe(true);
    expect(update.changes).toEqual([]);
    expect(update.views.map((view) => view.statusSince)).toEqual([T1, T1]);
  });

  it('reports added, removed and status changes by id', () => {
    const tracker = new BucketTracker();
    tracker.update([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'ONLINE' }], T1);
    const update = tracker.update([{ id: 'a', status: 'OFFLINE' }, { id: 'c', status: 'ONLINE' }], T2);
    expect(update.baseline).toBe(false);
    expect(update.changes).toEqual([
      { type: 'status-changed', bucket: expect.objectContaining({ id: 'a' }), previousStatus: 'ONLINE', status: 'OFFLINE' },
      { type: 'added', bucket: expect.objectContaining({ id: 'c' }) },
      { type: 'removed', bucket: expect.objectContaining({ id: 'b' }) },
    ]);
  });

  it('keeps statusSince and previousStatus until the status changes again', () => {
    const tracker = new BucketTracker();
    tracker.update([{ id: 'a', status: 'ONLINE' }], T1);
    tracker.update([{ id: 'a', status: 'OFFLINE' }], T2);
    const update = tracker.update([{ id: 'a', status: 'OFFLINE', name: 'renamed' }], T3);
    expect(update.changes).toEqual([]);
    expect(update.views[0]).toEqual({ id: 'a', name: 'renamed', status: 'OFFLINE', statusSince: T2, previousStatus: 'ONLINE' });
  });

  it('treats a bucket whose name changed as the same bucket (identity is the id)', () => {
    const tracker = new BucketTracker();
    tracker.update([{ id: 'a', name: 'old' }], T1);
    expect(tracker.update([{ id: 'a', name: 'new' }], T2).changes).toEqual([]);
  });

  it('starts a new baseline after reset (sign-in, new workspace filter)', () => {
    const tracker = new BucketTracker();
    tracker.update([{ id: 'a' }], T1);
    tracker.reset();
    const update = tracker.update([{ id: 'b' }], T2);
    expect(update).toMatchObject({ baseline: true, changes: [] });
  });

  it('sends only the documented fields to the views', () => {
    const tracker = new BucketTracker();
    const update = tracker.update([{ id: 'a', region: 'eu', repos: [1, 2] } as never], T1);
    expect(update.views[0]).toEqual({ id: 'a', statusSince: T1 });
  });

  it('keeps tracking across polls where only statuses change, then notices a removal', () => {
    const tracker = new BucketTracker();
    tracker.update([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'ONLINE' }], T1);
    const first = tracker.update([{ id: 'a', status: 'OFFLINE' }, { id: 'b', status: 'ONLINE' }], T2);
    expect(first.changes.map((c) => c.type)).toEqual(['status-changed']);
    const second = tracker.update([{ id: 'a', status: 'OFFLINE' }], T3);
    expect(second.changes).toEqual([{ type: 'removed', bucket: expect.objectContaining({ id: 'b' }) }]);
    expect(second.views[0]).toEqual({ id: 'a', status: 'OFFLINE', statusSince: T2, previousStatus: 'ONLINE' });
  });

  it('reuses the view object of an unchanged bucket', () => {
    const tracker = new BucketTracker();
    const first = tracker.update([{ id: 'a', status: 'ONLINE', name: 'x' }], T1);
    const second = tracker.update([{ id: 'a', status: 'ONLINE', name: 'x' }], T2);
    expect(second.views[0]).toBe(first.views[0]);
  });

  it('a list of the same buckets, none changed, in another order, comes back as the very list of views before it (nothing for the views to compare)', () => {
    const tracker = new BucketTracker('acc-1');
    const one = tracker.update([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'ONLINE' }, { id: 'c' }], T1);
    const two = tracker.update([{ id: 'c' }, { id: 'a', status: 'ONLINE' }, { id: 'b', status: 'ONLINE' }], T2);
    expect(two.views).toBe(one.views);
    expect(two.changes).toEqual([]);
    // One change, or one bucket fewer, is a new list again.
    const three = tracker.update([{ id: 'c' }, { id: 'a', status: 'OFFLINE' }, { id: 'b', status: 'ONLINE' }], T2);
    expect(three.views).not.toBe(one.views);
    expect(three.views.map((view) => view.id)).toEqual(['c', 'a', 'b']);
    const four = tracker.update([{ id: 'c' }, { id: 'a', status: 'OFFLINE' }], T2);
    expect(four.views).not.toBe(three.views);
    expect(four.views.map((view) => view.id)).toEqual(['c', 'a']);
  });

  it('replaces each bucket it was given by its view, so the parsed objects are not kept beside the views; a view given back is unchanged', () => {
    const tracker = new BucketTracker();
    const first = [{ id: 'a', status: 'ONLINE', extra: 'x' }, { id: 'b', status: 'ONLINE' }, { id: 'a', status: 'OFFLINE' }];
    const one = tracker.update(first, T1);
    expect(first[0]).toBe(one.views[0]);
    expect(first[1]).toBe(one.views[1]);
    expect(first[0]).not.toHaveProperty('extra');
    // The repeated id is left as it came (the first one counts).
    expect(first[2]).toEqual({ id: 'a', status: 'OFFLINE' });
    const second = [one.views[1]!, { id: 'a', status: 'ONLINE' }];
    const two = tracker.update(second, T2);
    expect(two.changes).toEqual([]);
    // Nothing for the views: the same buckets in another order are the very list they have.
    expect(two.views).toBe(one.views);
    expect(second[1]).toBe(one.views[0]);
  });
});
