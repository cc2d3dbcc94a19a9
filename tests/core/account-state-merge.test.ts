import { describe, expect, it } from 'vitest';
import { AccountStatePublisher, type AccountsSeen } from '../../src/main/core/accounts/account-state';
import type { AccountRuntime } from '../../src/main/core/accounts/account-runtime';
import { INITIAL_PART, type AccountPart } from '../../src/main/core/accounts/account-part';
import { StateStore } from '../../src/main/core/view/state-store';
import { DEFAULT_SETTINGS, type AppState, type BucketView, type StatePatch } from '../../src/shared/contract';

const initial = (): AppState => ({
  auth: { kind: 'signed-out' },
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

const views = (account: string, n: number): BucketView[] => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, name: `bucket ${i}`, account }) as BucketView);

/** Two accounts' parts as the publisher reads them (only `part` matters while the accounts start). */
function twoAccounts() {
  const runtimes = [{ part: { ...INITIAL_PART, buckets: views('a', 1_000) } }, { part: { ...INITIAL_PART, buckets: views('b', 1_000) } }] as { part: AccountPart }[];
  const seen: AccountsSeen = { runtimes: runtimes as unknown as AccountRuntime[], current: undefined, draft: undefined, pauseReasons: new Set(), secretKept: () => false };
  return { runtimes, seen };
}

describe('the accounts merged into one list', () => {
  it('a publish where no account’s list changed (an unchanged poll) merges nothing again: the very same list, no patch', () => {
    const store = new StateStore(initial());
    const patches: StatePatch[] = [];
    store.subscribe((patch) => patches.push(patch));
    const { runtimes, seen } = twoAccounts();
    const publisher = new AccountStatePublisher(store, seen);
    publisher.publish();
    const merged = store.state.buckets;
    expect(merged).toHaveLength(2_000);
    expect(patches).toHaveLength(1);
    for (let poll = 0; poll < 3; poll++) publisher.publish(true);
    publisher.publish();
    expect(store.state.buckets).toBe(merged);
    expect(patches).toHaveLength(1);
    // One account's list changes: a new merged list, and the patch carries that change only.
    const changed = { ...runtimes[1]!.part.buckets[5]!, name: 'renamed' };
    runtimes[1]!.part = { ...runtimes[1]!.part, buckets: runtimes[1]!.part.buckets.map((view, i) => (i === 5 ? changed : view)) };
    publisher.publish();
    expect(store.state.buckets).not.toBe(merged);
    expect(store.state.buckets[1_005]).toBe(changed);
    expect(patches[1]!.buckets).toEqual({ upsert: [changed], remove: [] });
  });
});
