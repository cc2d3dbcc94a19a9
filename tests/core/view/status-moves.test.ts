import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffBuckets } from '../../../src/main/core/view/bucket-diff';
import { encodeInSlices } from '../../../src/main/core/view/wire-sender';
import { bucketKey } from '../../../src/shared/accounts';
import type { BucketView, StatePatch, StateSnapshot } from '../../../src/shared/contract';
import { applyPatch, PendingPatch } from '../../../src/shared/state-patch';
import { movedCount, placesInOrder, StatusMoves } from '../../../src/shared/status-moves';
import { eventToWire } from '../../../src/shared/wire';

const byKey = (list: readonly BucketView[]) => new Map(list.map((bucket) => [bucketKey(bucket), bucket]));
/** What a view holds, as JSON would carry it (a key set to undefined is no key). */
const asJson = (list: readonly BucketView[]) => JSON.parse(JSON.stringify([...byKey(list)].sort(([a], [b]) => (a < b ? -1 : 1)))) as unknown;
const snapshotOf = (buckets: BucketView[], version = 1): StateSnapshot => ({ version, state: { buckets } as StateSnapshot['state'] });

function list(count: number, account?: string): BucketView[] {
  return Array.from({ length: count }, (_, i) => ({ id: `b${i}`, ...(account ? { account } : {}), name: `Bucket ${i}`, status: i % 3 ? 'ONLINE' : 'OFFLINE', statusSince: '2026-12-01T00:00:00.000Z' }));
}

const flip = (bucket: BucketView, since: string): BucketView => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE', previousStatus: bucket.status, statusSince: since });

describe('statuses that moved travel as ids, not buckets', () => {
  it('a bucket in its place whose status alone changed is a moved id; one with another field changed is sent whole', () => {
    const before = list(6, 'acc-a');
    const after = before.map((bucket, i) => (i === 1 || i === 2 ? flip(bucket, 'T1') : i === 4 ? { ...bucket, name: 'Renamed' } : bucket));
    const patch = diffBuckets(before, after);
    expect(patch.upsert).toEqual([after[4]]);
    expect(patch.remove).toEqual([]);
    // b1 was ONLINE, b2 ONLINE too (i % 3): one group, in the list's order.
    expect(patch.moved).toEqual([{ account: 'acc-a', status: 'OFFLINE', previousStatus: 'ONLINE', statusSince: 'T1', ids: ['b1', 'b2'] }]);
    expect(asJson(applyPatch(snapshotOf(before), { base: 1, version: 2, buckets: patch }).state.buckets)).toEqual(asJson(after));
  });

  it('groups: an absent field, an empty one and any text are told apart, past the few groups looked through one by one', () => {
    const moves = new StatusMoves();
    const variants = [undefined, '', '-', '+0:', 'undefined', 'a', 'b', 'c', 'd', 'e', '+1:a'];
    for (const status of variants) for (const previousStatus of variants) moves.add(`${status}|${previousStatus}`, { status, previousStatus, statusSince: 'T' });
    moves.add('again', { status: 'a', previousStatus: 'b', statusSince: 'T' });
    const groups = moves.toArray()!;
    expect(groups).toHaveLength(variants.length ** 2);
    expect(movedCount(groups)).toBe(variants.length ** 2 + 1);
    for (const group of groups) {
      // Every id in a group has the group's fields (absent ones absent, not "undefined").
      for (const id of group.ids) if (id !== 'again') expect(id).toBe(`${group.status}|${group.previousStatus}`);
      expect('status' in group).toBe(group.status !== undefined);
    }
    expect(groups.find((group) => group.ids.includes('again'))!.ids).toEqual(['a|b', 'again']);
  });

  it('the page finds each moved bucket where it is, in the list’s order or any other', () => {
    const buckets = list(200, 'acc-a');
    const places = new Map(buckets.map((bucket, i) => [bucketKey(bucket), i]));
    const ids = ['b3', 'b4', 'b90', 'b91', 'b7', 'gone', 'b199', 'b0'];
    expect([...placesInOrder({ account: 'acc-a', ids }, buckets, places)]).toEqual([3, 4, 90, 91, 7, 199, 0]);
    // Another account's bucket of the same id is not this one.
    expect([...placesInOrder({ account: 'acc-b', ids: ['b3'] }, buckets, places)]).toEqual([]);
  });

  it('a large patch of moved ids is encoded a slice at a time, and means what the unsliced text means', async () => {
    const before = list(15_000, 'acc-a');
    const after = before.map((bucket) => flip(bucket, 'T2'));
    const patch: StatePatch = { base: 1, version: 2, buckets: diffBuckets(before, after) };
    expect(patch.buckets!.upsert).toHaveLength(0);
    expect(movedCount(patch.buckets!.moved)).toBe(before.length);
    const text = await encodeInSlices('patch', patch, async () => undefined);
    // A clock that moves 1 ms at each look: 15,000 ids, 2,000 a look, a turn every 2 looks.
    let t = 0;
    let turns = 0;
    const sliced = await encodeInSlices('patch', patch, { now: () => (t += 1), sliceMs: 2, yieldTurn: async () => void turns++ });
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(sliced)).toEqual(JSON.parse(eventToWire('patch', patch)));
    expect(sliced).toBe(text);
    // A sixth of the snapshot it replaces, or less.
    expect(text.length * 5).toBeLessThan(eventToWire('snapshot', snapshotOf(after)).length);
    const applied = applyPatch(snapshotOf(JSON.parse(JSON.stringify(before)) as BucketView[]), JSON.parse(text) as StatePatch);
    expect(asJson(applied.state.buckets)).toEqual(asJson(after));
    // Groups whose keys come in any order, one with no fields at all.
    const ids = before.map((bucket) => bucket.id);
    const handMade: StatePatch = { base: 1, version: 2, buckets: { upsert: [], remove: [], moved: [{ ids, status: 'A"\u2028' }, { ids: ['b0'] }] } };
    expect(JSON.parse(await encodeInSlices('patch', handMade, async () => undefined))).toEqual(handMade);
  });

  /** Lists as the core makes them: unchanged buckets keep their object; some move status, some change another field, some go, some come, the order may change. */
  const editArb = fc.array(fc.record({ op: fc.constantFrom('same', 'status', 'rename', 'drop'), status: fc.constantFrom('ONLINE', 'OFFLINE', undefined) }), { minLength: 8, maxLength: 8 });
  const stepArb = fc.record({ edits: editArb, add: fc.integer({ min: 0, max: 2 }), rotate: fc.integer({ min: 0, max: 3 }) });
  let made = 0;
  function edited(buckets: readonly BucketView[], step: typeof stepArb extends fc.Arbitrary<infer T> ? T : never, at: string): BucketView[] {
    const next: BucketView[] = [];
    buckets.forEach((bucket, i) => {
      const edit = step.edits[i % 8]!;
      if (edit.op === 'drop') return;
      if (edit.op === 'same') return void next.push(bucket);
      if (edit.op === 'rename') return void next.push({ ...bucket, name: `n${++made}` });
      const moved: BucketView = { ...bucket, status: edit.status, statusSince: at, previousStatus: bucket.status };
      if (edit.status === undefined) delete moved.status;
      if (bucket.status === undefined) delete moved.previousStatus;
      next.push(moved);
    });
    for (let i = 0; i < step.add; i++) next.push({ id: `new${++made}`, account: made % 2 ? 'acc-a' : 'acc-b', status: 'ONLINE' });
    if (step.rotate > 0 && next.length > 1) next.push(...next.splice(0, step.rotate % next.length));
    return next;
  }

  it('for any chain of lists, a view that applies each patch (through the wire) or their merge while hidden holds the last list', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        const first = [...list(5, 'acc-a'), ...list(5, 'acc-b')];
        let lists = first;
        let view = snapshotOf(JSON.parse(JSON.stringify(first)) as BucketView[]);
        let pending: PendingPatch | undefined;
        steps.forEach((step, n) => {
          const next = edited(lists, step, `T${n}`);
          const patch: StatePatch = { base: n + 1, version: n + 2, buckets: diffBuckets(lists, next) };
          view = applyPatch(view, JSON.parse(eventToWire('patch', patch)) as StatePatch);
          if (pending) pending.add(patch);
          else pending = new PendingPatch(patch);
          lists = next;
        });
        expect(asJson(view.state.buckets)).toEqual(asJson(lists));
        const merged = applyPatch(snapshotOf(JSON.parse(JSON.stringify(first)) as BucketView[]), JSON.parse(eventToWire('patch', pending!.toPatch())) as StatePatch);
        expect(asJson(merged.state.buckets)).toEqual(asJson(lists));
      }),
      { numRuns: 400 },
    );
  });
});
