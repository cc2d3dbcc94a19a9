import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketIndex, bucketsOf } from '../../src/renderer/list-model/bucket-index';
import { indexBuckets } from '../../src/renderer/list-model/bucket-query';
import { bucketKey, hasKey } from '../../src/shared/accounts';
import { DEFAULT_SETTINGS, type AppState, type BucketView, type ListOrder, type StatePatch, type StateSnapshot } from '../../src/shared/contract';
import { comparatorFor } from '../../src/shared/list-order';
import { countBuckets, statusLabel, storageTypeLabel } from '../../src/shared/format';
import { listStats, statsCounts, statsOptions } from '../../src/shared/list-stats';
import { applyPatch, listChange, notePlaces } from '../../src/shared/state-patch';
import { StatusMoves } from '../../src/shared/status-moves';
import { decodeSnapshot, eventToWire, WIRE_SLICE } from '../../src/shared/wire';

const state = (buckets: BucketView[]): AppState => ({
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
  buckets,
  workspaces: [],
  sync: { phase: 'idle', stale: false, inFlight: false },
  settings: DEFAULT_SETTINGS,
  notices: [],
  update: { kind: 'idle' },
  accounts: [],
  currentAccount: 'acc-a',
  draft: null,
});

const STATUSES = ['ONLINE', 'OFFLINE', 'DISCONNECTED', 'weird', undefined] as const;
const TYPES = ['S3', 'GCS', 'BLOB', undefined] as const;
const bucket = (i: number, variant = 0, account?: string): BucketView => ({
  id: `b${i}`,
  statusSince: `2026-01-0${1 + ((i + variant) % 3)}T00:00:00.000Z`,
  ...(account ? { account } : {}),
  name: `Bucket ${(i * 7 + variant) % 23}`,
  status: STATUSES[(i + variant) % STATUSES.length],
  storageType: TYPES[(i * 3 + variant) % TYPES.length],
  ...((i + variant) % 3 ? { workspaceId: `ws-${(i + variant) % 4}` } : {}),
});

/** The menus' values made the plain way, from every bucket. */
function plainOptions(buckets: readonly BucketView[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare);
  return {
    statuses: sorted(buckets.map((b) => statusLabel(b.status))),
    storageTypes: sorted(buckets.map((b) => storageTypeLabel(b.storageType))),
    workspaces: sorted(buckets.map((b) => b.workspaceId ?? '')),
  };
}

const patchArb = fc.record({
  changed: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 8 }),
  variant: fc.integer({ min: 1, max: 9 }),
  removed: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 3 }),
  /** Buckets whose status alone changes: sent as moved ids (shared/status-moves.ts). */
  flipped: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 12 }),
});

/** A chain of patches on 40 buckets (changes, statuses moved, new ones from 40 on, some removed), as main sends them. */
function chain(patches: Array<{ changed: number[]; variant: number; removed: number[]; flipped?: number[] }>, each: (snapshot: StateSnapshot, patch: StatePatch) => void) {
  let snapshot: StateSnapshot = { version: 1, state: state(Array.from({ length: 40 }, (_, i) => bucket(i, 0, i % 5 ? 'acc-a' : 'acc-b'))) };
  each(snapshot, { base: 0, version: 1 });
  for (const [n, p] of patches.entries()) {
    const upsert = p.changed.map((i) => bucket(i, p.variant, i % 5 ? 'acc-a' : 'acc-b'));
    const remove = n % 2 ? p.removed.filter((i) => !p.changed.includes(i)).map((i) => bucketKey({ id: `b${i}`, account: i % 5 ? 'acc-a' : 'acc-b' })) : [];
    const held = new Map(snapshot.state.buckets.map((b) => [bucketKey(b), b]));
    const moves = new StatusMoves();
    for (const i of p.flipped ?? []) {
      const account = i % 5 ? 'acc-a' : 'acc-b';
      const was = held.get(bucketKey({ id: `b${i}`, account }));
      if (!was || p.changed.includes(i) || remove.includes(bucketKey(was))) continue;
      moves.add(was.id, { account, status: STATUSES[(i + p.variant + n) % STATUSES.length], previousStatus: was.status, statusSince: `2026-02-0${p.variant}T00:00:00.000Z` });
    }
    const moved = moves.toArray();
    const patch: StatePatch = { base: snapshot.version, version: snapshot.version + 1, buckets: moved ? { upsert, remove, moved } : { upsert, remove } };
    snapshot = applyPatch(snapshot, patch);
    each(snapshot, patch);
  }
}

describe('a poll’s patch costs the page what the patch holds, not the list', () => {
  it('the counts and the menus’ values follow every patch and equal a fresh count of the whole list', () => {
    fc.assert(
      fc.property(fc.array(patchArb, { maxLength: 10 }), (patches) => {
        chain(patches, (snapshot) => {
          const buckets = snapshot.state.buckets;
          const stats = listStats(buckets);
          expect(statsCounts(stats)).toEqual(countBuckets(buckets));
          expect(statsOptions(stats)).toEqual(plainOptions(buckets));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a patched list’s counts read only the changed buckets', () => {
    let reads = 0;
    const watched = Array.from({ length: 1000 }, (_, i) => {
      const plain = bucket(i);
      return Object.defineProperty({ ...plain }, 'status', { get: () => (reads++, plain.status), enumerable: true });
    });
    const first: StateSnapshot = { version: 1, state: state(watched) };
    listStats(watched);
    reads = 0;
    const next = applyPatch(first, { base: 1, version: 2, buckets: { upsert: [bucket(3, 1), bucket(500, 2)], remove: [] } });
    expect(listStats(next.state.buckets).available).toBe(1000);
    expect(reads).toBe(2); // the two replaced buckets, taken out of the counts
    expect(statsCounts(listStats(next.state.buckets))).toEqual(countBuckets(next.state.buckets.map((b) => ({ ...b }))));
  });

  it('the sorted index and its buckets follow a chain of patches and equal a fresh sort, in every order', () => {
    fc.assert(
      fc.property(fc.array(patchArb, { maxLength: 10 }), fc.constantFrom<ListOrder>('problems', 'name', 'changed', 'workspace'), (patches, order) => {
        const index = new BucketIndex();
        const names = new Map<string, string>();
        const compare = comparatorFor(order);
        chain(patches, (snapshot) => {
          const buckets = snapshot.state.buckets;
          const entries = index.update(buckets, names, compare);
          const fresh = indexBuckets(buckets, names, compare).map((entry) => bucketKey(entry.bucket));
          expect(entries.map((entry) => bucketKey(entry.bucket))).toEqual(fresh);
          expect(bucketsOf(entries)).toEqual(entries.map((entry) => entry.bucket));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('indexing a patched list touches neither the unchanged buckets nor the list before it', () => {
    const plain = Array.from({ length: 5000 }, (_, i) => bucket(i));
    let reads = 0;
    // The first list, watched: any walk over it (an identity check, a map of keys) reads its places.
    const watched = new Proxy(plain, { get: (target, key, receiver) => ((typeof key === 'string' && /^\d+$/.test(key) && reads++), Reflect.get(target, key, receiver)) });
    const index = new BucketIndex();
    const names = new Map<string, string>();
    index.update(watched, names);
    const entries = index.update(watched, names);
    bucketsOf(entries);
    const next = applyPatch({ version: 1, state: state(watched) }, { base: 1, version: 2, buckets: { upsert: [bucket(10, 3), bucket(4000, 5)], remove: [] } });
    reads = 0;
    expect(index.wouldRebuild(next.state.buckets, names)).toBe(false);
    const patched = index.update(next.state.buckets, names);
    expect(reads).toBe(0);
    expect(patched.map((entry) => bucketKey(entry.bucket))).toEqual(indexBuckets(next.state.buckets, names).map((entry) => bucketKey(entry.bucket)));
  });

  it('a patch says what it changed, for the newest list only (no chain of old lists is kept)', () => {
    const first: StateSnapshot = { version: 1, state: state([bucket(1), bucket(2), bucket(3)]) };
    const second = applyPatch(first, { base: 1, version: 2, buckets: { upsert: [bucket(2, 1)], remove: [] } });
    expect(listChange(second.state.buckets)).toEqual({ from: first.state.buckets, dropped: [bucket(2)], added: [bucket(2, 1)] });
    const third = applyPatch(second, { base: 2, version: 3, buckets: { upsert: [bucket(4)], remove: ['b1'] } });
    expect(listChange(third.state.buckets)).toEqual({ from: second.state.buckets, dropped: [bucket(1)], added: [bucket(4)] });
    expect(listChange(second.state.buckets)).toBeUndefined();
  });

  it('places noted in idle time, a piece at a time, are the ones a patch uses', () => {
    const buckets = Array.from({ length: 2000 }, (_, i) => bucket(i));
    let turns = 0;
    expect(notePlaces(buckets, () => ++turns % 2 === 1)).toBe(false);
    while (!notePlaces(buckets, () => false)) turns++;
    const next = applyPatch({ version: 1, state: state(buckets) }, { base: 1, version: 2, buckets: { upsert: [bucket(1500, 2)], remove: [] } });
    expect(next.state.buckets[1500]).toEqual(bucket(1500, 2));
    expect(next.state.buckets.filter((b, i) => b !== buckets[i])).toHaveLength(1);
  });

  it('a large snapshot’s counts are made as it is decoded', async () => {
    const buckets = Array.from({ length: WIRE_SLICE * 2 + 10 }, (_, i) => bucket(i));
    const decoded = await decodeSnapshot(eventToWire('snapshot', { version: 1, state: state(buckets) }) as string, async () => undefined);
    expect(statsCounts(listStats(decoded.state.buckets))).toEqual(countBuckets(buckets));
    expect(statsOptions(listStats(decoded.state.buckets))).toEqual(plainOptions(buckets));
  });

  it('finds a row by its key without making keys', () => {
    expect(hasKey({ id: 'b1', account: 'acc-a' }, 'acc-a/b1')).toBe(true);
    expect(hasKey({ id: 'b1', account: 'acc-a' }, 'acc-b/b1')).toBe(false);
    expect(hasKey({ id: 'b1', account: 'acc-a' }, 'acc-ab1')).toBe(false);
    expect(hasKey({ id: 'b1' }, 'b1')).toBe(true);
    expect(hasKey({ id: 'x/b1', account: 'acc' }, 'acc/x/b1')).toBe(true);
  });
});
