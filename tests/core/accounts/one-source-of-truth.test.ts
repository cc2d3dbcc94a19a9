import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bucketKey } from '../../../src/shared/accounts';
import type { AppState, Events, StateSnapshot } from '../../../src/shared/contract';
import { applyPatch, patchFits } from '../../../src/shared/state-patch';
import { makeBuckets } from '../../../src/mock-api/buckets';
import { DEMO_USER, MFA_USER, MockFlashbackApi, OPS_USER } from '../../../src/mock-api/server';
import { startHarness, type Harness } from '../../helpers';
import { changedKeys } from '../view/changed-keys';

/**
 * "One source of truth": whatever the user does with accounts, a view that only ever applied
 * the patches it was sent holds what a fresh snapshot of the core says.
 */

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const PASSWORDS = new Map([DEMO_USER, OPS_USER].map((user) => [user.email, user.password!]));

type Step =
  | { kind: 'add'; server: 0 | 1; user: 'demo' | 'ops' }
  | { kind: 'abandon'; server: 0 | 1 }
  | { kind: 'remove' | 'use' | 'signIn' | 'signOut'; pick: number }
  | { kind: 'refresh' | 'show' | 'hide' }
  /** A bucket's status changes on the first server, then a refresh. */
  | { kind: 'change'; status: string };

const server = fc.constantFrom<0 | 1>(0, 1);
const pick = fc.nat({ max: 3 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), server, user: fc.constantFrom<'demo' | 'ops'>('demo', 'ops') }),
  fc.record({ kind: fc.constant('abandon' as const), server }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'use' as const, 'signIn' as const, 'signOut' as const), pick }),
  fc.record({ kind: fc.constantFrom('refresh' as const, 'show' as const, 'hide' as const) }),
  fc.record({ kind: fc.constant('change' as const), status: fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED') }),
);

/** A view as the renderer is one: it holds what it was sent and applies the patches. */
class View {
  held: StateSnapshot;
  resyncs = 0;
  constructor(first: StateSnapshot) {
    this.held = first;
  }
  readonly send = <K extends 'snapshot' | 'patch'>(event: K, payload: Events[K]) => {
    if (event === 'snapshot') {
      this.held = payload as StateSnapshot;
      return;
    }
    const patch = payload as Events['patch'];
    const fit = patchFits(this.held.version, patch);
    if (fit === 'apply') this.held = applyPatch(this.held, patch);
    else if (fit === 'resync') this.resyncs++;
  };
}

const TOP_LEVEL = ['auth', 'sync', 'settings', 'workspaces', 'notices', 'update', 'accounts', 'currentAccount', 'draft', 'desktop'] as const;

/** Checks every patch the core sends against the two states it lies between: it is their difference, nothing else. */
function patchesAreDiffs(h: Harness, first: AppState): { checked: number } {
  let before = first;
  const seen = { checked: 0 };
  h.controller.subscribe((after, patch) => {
    for (const field of TOP_LEVEL) expect(patch[field]).toBe(after[field] === before[field] ? undefined : after[field]);
    const was = new Map(before.buckets.map((bucket) => [bucketKey(bucket), bucket]));
    const now = new Set(after.buckets.map(bucketKey));
    const upsert = after.buckets.filter((bucket) => was.get(bucketKey(bucket)) !== bucket).map(bucketKey).sort();
    const remove = [...was.keys()].filter((key) => !now.has(key)).sort();
    expect({ upsert: changedKeys(patch.buckets).sort(), remove: [...(patch.buckets?.remove ?? [])].sort() }).toEqual({ upsert, remove });
    before = after;
    seen.checked++;
  });
  return seen;
}

const keyed = (state: AppState) => ({ ...state, buckets: Object.fromEntries(state.buckets.map((bucket) => [bucketKey(bucket), bucket])) });

async function run(h: Harness, urls: readonly [string, string], step: Step): Promise<void> {
  const c = h.controller;
  const account = 'pick' in step ? c.state.accounts[step.pick % Math.max(1, c.state.accounts.length)] : undefined;
  if (step.kind === 'add') {
    const user = step.user === 'demo' ? DEMO_USER : OPS_USER;
    await c.dispatch('addAccount', [urls[step.server], user.email, user.password]);
  } else if (step.kind === 'abandon') {
    const added = await c.dispatch('addAccount', [urls[step.server], MFA_USER.email, MFA_USER.password]);
    expect(added.ok).toBe(true);
    expect(c.state.draft).toMatchObject({ auth: { kind: 'mfa-required' } });
    if (added.ok) expect((await c.dispatch('cancelSignIn', [added.value])).ok).toBe(true);
    expect(c.state.draft).toBeNull();
  } else if (step.kind === 'refresh') await c.dispatch('refresh', []);
  else if (step.kind === 'change') {
    h.api.setStatus(h.api.buckets[0]!.id, step.status);
    await c.dispatch('refresh', []);
  }
  else if (step.kind === 'show') feed(h).show();
  else if (step.kind === 'hide') feed(h).hide();
  else if (account) {
    if (step.kind === 'signIn') {
      const saved = c.state.settings.accounts.find((entry) => entry.id === account.id);
      await c.dispatch('signIn', [account.id, saved!.email, PASSWORDS.get(saved!.email)!]);
    } else if (step.kind === 'remove') await c.dispatch('removeAccount', [account.id]);
    else if (step.kind === 'use') await c.dispatch('useAccount', [account.id]);
    else await c.dispatch('signOut', [account.id]);
  }
}

const feeds = new WeakMap<Harness, ReturnType<Harness['controller']['createFeed']>>();
const feed = (h: Harness) => feeds.get(h)!;

describe('one source of truth', () => {
  it('for any sequence of account commands, a view that applied every patch equals a fresh snapshot of the core, and every patch is the difference of the two states it lies between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.boolean(), async (steps, visible) => {
        const h = await startHarness();
        const second = new MockFlashbackApi({ buckets: makeBuckets(3, { seed: 5 }) });
        const secondUrl = await second.start();
        try {
          const first = await snapshotOf(h);
          const diffs = patchesAreDiffs(h, first.state);
          const view = new View(first);
          feeds.set(h, h.controller.createFeed(view.send, { visible }));
          for (const step of steps) {
            await run(h, [h.api.url, secondUrl], step);
            // While it shows, the view is never behind or beside the core.
            if (feed(h).isVisible) expect(keyed(view.held.state)).toEqual(keyed((await snapshotOf(h)).state));
          }
          // Let what the commands started (polls of new accounts, sign-ins) finish, then open the view.
          await new Promise((resolve) => setTimeout(resolve, 150));
          feed(h).show();
          const core = await snapshotOf(h);
          expect(view.held.version).toBe(core.version);
          expect(keyed(view.held.state)).toEqual(keyed(core.state));
          expect(view.resyncs).toBe(0);
          expect(diffs.checked).toBe(core.version - first.version);
        } finally {
          await h.stop();
          await second.stop();
        }
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});

/** A fresh snapshot, asked for as a view asks (the getState command). */
async function snapshotOf(h: Harness): Promise<StateSnapshot> {
  const result = await h.controller.dispatch('getState', []);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
