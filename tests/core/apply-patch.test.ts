import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketKey } from '../../src/shared/accounts';
import { DEFAULT_SETTINGS, type AppState, type BucketView, type StatePatch, type StateSnapshot } from '../../src/shared/contract';
import { applyPatch } from '../../src/shared/state-patch';

const state = (buckets: BucketView[]): AppState => ({
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
  buckets,
  workspaces: [],
  sync: { phase: 'idle', stale: false, inFlight: false },
  settings: DEFAULT_SETTINGS,
  notices: [],
  update: { kind: 'idle' },
  accounts: [],
  currentAccount: 'primary',
  draft: null,
});

/** The plain meaning of a patch: drop the removed keys, replace or append the upserts by key. */
function plainly(buckets: readonly BucketView[], patch: StatePatch): string[] {
  const upserts = new Map(patch.buckets!.upsert.map((bucket) => [bucketKey(bucket), bucket]));
  const out = buckets.filter((bucket) => !patch.buckets!.remove.includes(bucketKey(bucket))).map((bucket) => upserts.get(bucketKey(bucket)) ?? bucket);
  for (const [key, bucket] of upserts) if (!buckets.some((b) => bucketKey(b) === key)) out.push(bucket);
  return out.map((bucket) => `${bucketKey(bucket)}:${bucket.status}`);
}

describe('applying patches in the page', () => {
  it('a chain of patches (changes only, or with buckets gone and new) always gives what the patch means', () => {
    const keys = fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `b${i}`), 'acc-x/b1');
    const patchArb = fc.record({
      upsert: fc.uniqueArray(fc.record({ key: keys, status: fc.constantFrom('ONLINE', 'OFFLINE') }), { selector: (u) => u.key, maxLength: 6 }),
      remove: fc.uniqueArray(keys, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(patchArb, { maxLength: 12 }), (patches) => {
        const toBucket = ({ key, status }: { key: string; status: string }): BucketView => (key.includes('/') ? { id: key.split('/')[1]!, account: key.split('/')[0]!, status } : { id: key, status });
        let snapshot: StateSnapshot = { version: 1, state: state(Array.from({ length: 20 }, (_, i) => ({ id: `b${i}`, status: 'ONLINE' }))) };
        for (const [i, p] of patches.entries()) {
          const patch: StatePatch = { base: snapshot.version, version: snapshot.version + 1, buckets: { upsert: p.upsert.map(toBucket), remove: i % 3 === 0 ? p.remove.filter((key) => !p.upsert.some((u) => u.key === key)) : [] } };
          const expected = plainly(snapshot.state.buckets, patch);
          snapshot = applyPatch(snapshot, patch);
          expect(snapshot.state.buckets.map((bucket) => `${bucketKey(bucket)}:${bucket.status}`)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
