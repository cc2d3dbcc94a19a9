import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffBuckets } from '../../../src/main/core/view/bucket-diff';
import { StateStore } from '../../../src/main/core/view/state-store';
import { bucketKey } from '../../../src/shared/accounts';
import { DEFAULT_SETTINGS, type AppState, type BucketsPatch, type BucketView, type StatePatch, type StateSnapshot } from '../../../src/shared/contract';
import { changedKeys } from './changed-keys';
import { applyPatch } from '../../../src/shared/state-patch';

const initial = (): AppState => ({
  auth: { kind: 'signing-in' },
  buckets: [],
  workspaces: [],
  update: { kind: 'idle' },
  accounts: [],
  currentAccount: null,
  draft: null,
  sync: { phase: 'idle', stale: false, inFlight: false },
  settings: DEFAULT_SETTINGS,
  notices: [],
});

/** The difference of two lists the slow, obvious way: by key, comparing objects. */
function naiveDiff(before: readonly BucketView[], after: readonly BucketView[]) {
  const was = new Map(before.map((bucket) => [bucketKey(bucket), bucket]));
  const now = new Map(after.map((bucket) => [bucketKey(bucket), bucket]));
  const upsert = after.filter((bucket) => was.get(bucketKey(bucket)) !== bucket).map(bucketKey).sort();
  const remove = [...was.keys()].filter((key) => !now.has(key)).sort();
  return { upsert, remove };
}

/** The keys a patch changes (whole, or a status moved) and removes. */
const keysOf = (patch: BucketsPatch) => ({ upsert: changedKeys(patch).sort(), remove: [...patch.remove].sort() });

/**
 * Lists as the core makes them: a bucket that did not change keeps its object (the tracker
 * reuses views), a changed one is a new object; buckets come and go, the order may change,
 * and two accounts may hold the same bucket id.
 */
const editArb = fc.record({
  keep: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  change: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  add: fc.uniqueArray(fc.record({ account: fc.constantFrom('acc-a', 'acc-b'), id: fc.constantFrom('1', '2', '3', '4', '5', '6') }), { selector: bucketKey, maxLength: 4 }),
  shuffle: fc.option(fc.integer({ min: 1, max: 11 }), { nil: undefined }),
});
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

let made = 0;
function edited(list: readonly BucketView[], edit: Edit): BucketView[] {
  const next: BucketView[] = [];
  list.forEach((bucket, i) => {
    if (!(edit.keep[i % 12] ?? true)) return;
    next.push(edit.change[i % 12] ? { ...bucket, status: `S${++made}` } : bucket);
  });
  const present = new Set(next.map(bucketKey));
  for (const bucket of edit.add) if (!present.has(bucketKey(bucket))) next.push({ ...bucket, status: 'ONLINE' });
  if (edit.shuffle !== undefined && next.length > 1) next.push(...next.splice(0, edit.shuffle % next.length));
  return next;
}

describe('the views get patches of the one state', () => {
  it('diffBuckets finds exactly what changed between two lists, in order or not', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
        let list: BucketView[] = [];
        for (const edit of edits) {
          const next = edited(list, edit);
          expect(keysOf(diffBuckets(list, next))).toEqual(naiveDiff(list, next));
          list = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every patch a view is sent is the difference between the state before it and after it, quiet changes included', () => {
    const stepArb = fc.oneof(
      editArb.map((edit) => ({ kind: 'list' as const, edit, quiet: false })),
      fc.boolean().map((quiet) => ({ kind: 'sync' as const, quiet })),
      fc.constant({ kind: 'notice' as const, quiet: false }),
      fc.constant({ kind: 'flush' as const, quiet: false }),
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const store = new StateStore(initial());
        let told: StateSnapshot = store.snapshot();
        let view: StateSnapshot = told;
        const patches: StatePatch[] = [];
        store.subscribe((patch, state) => {
          patches.push(patch);
          // The patch is the difference of the consecutive states the views are told about…
          expect(patch.base).toBe(told.version);
          expect(keysOf(patch.buckets ?? { upsert: [], remove: [] })).toEqual(naiveDiff(told.state.buckets, state.buckets));
          for (const field of ['sync', 'notices'] as const) expect(patch[field]).toBe(state[field] === told.state[field] ? undefined : state[field]);
          told = { version: patch.version, state };
          // …so a view that applies each one holds that state.
          view = applyPatch(view, patch);
        });
        let at = 0;
        for (const step of steps) {
          if (step.kind === 'list') store.update({ buckets: edited(store.state.buckets, step.edit) });
          else if (step.kind === 'sync') store.update({ sync: { ...store.state.sync, lastSuccessAt: new Date(++at * 1000).toISOString() } }, { quiet: step.quiet });
          else if (step.kind === 'notice') store.update({ notices: [...store.state.notices, { id: `n${++at}`, level: 'info', message: 'hi' }] });
          else store.flushDeferred();
        }
        const snapshot = store.snapshot();
        expect(snapshot.version).toBe(patches.at(-1)?.version ?? 0);
        expect(view.version).toBe(snapshot.version);
        const byKey = (list: readonly BucketView[]) => new Map(list.map((bucket) => [bucketKey(bucket), bucket]));
        expect(byKey(view.state.buckets)).toEqual(byKey(snapshot.state.buckets));
        expect({ ...view.state, buckets: [] }).toEqual({ ...snapshot.state, buckets: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('a quiet change sends nothing until the next change or a view asks', () => {
    const store = new StateStore(initial());
    const sent: StatePatch[] = [];
    store.subscribe((patch) => sent.push(patch));
    const sync = { phase: 'idle' as const, stale: false, inFlight: false, lastSuccessAt: '2026-12-02T03:00:00.000Z' };
    store.update({ sync }, { quiet: true });
    store.update({ sync: { ...sync, nextPollAt: '2026-12-02T03:01:00.000Z' } }, { quiet: true });
    store.update({ sync: { ...sync } }, { quiet: true });
    expect(sent).toEqual([]);
    expect(store.state.sync).toEqual(sync);
    store.update({ notices: [{ id: 'n1', level: 'info', message: 'hi' }] });
    expect(sent).toEqual([expect.objectContaining({ base: 0, version: 1, sync: store.state.sync, notices: [expect.objectContaining({ id: 'n1' })] })]);
  });
});
