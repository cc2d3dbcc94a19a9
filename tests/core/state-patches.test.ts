import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketTracker } from '../../src/main/core/notify/bucket-changes';
import { StateStore } from '../../src/main/core/view/state-store';
import { ViewFeed } from '../../src/main/core/view/view-feed';
import { DEFAULT_SETTINGS, type AppState, type Bucket, type Events, type StateSnapshot } from '../../src/shared/contract';
import { applyPatch, patchFits } from '../../src/shared/state-patch';
import { FIRST_SCREEN_FROM } from '../../src/shared/bucket-order';

const initial = (): AppState => ({
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
  buckets: [],
  workspaces: [],
  update: { kind: 'idle' },
  accounts: [],
  currentAccount: 'primary',
  draft: null,
  sync: { phase: 'idle', stale: false, inFlight: false },
  settings: DEFAULT_SETTINGS,
  notices: [],
});

/** A view as the renderer is one: it holds what it was sent and applies what fits. */
class View {
  held: StateSnapshot;
  received = 0;
  resyncs = 0;
  constructor(private readonly store: StateStore, first: StateSnapshot) {
    this.held = first;
  }
  readonly send = <K extends 'snapshot' | 'patch'>(event: K, payload: Events[K]) => {
    this.received += JSON.stringify(payload).length;
    if (event === 'snapshot') this.held = payload as StateSnapshot;
    else {
      const patch = payload as Events['patch'];
      const fit = patchFits(this.held.version, patch);
      if (fit === 'apply') this.held = applyPatch(this.held, patch);
      else if (fit === 'resync') {
        this.resyncs++;
        this.held = this.store.snapshot();
      }
    }
  };
}

/** A feed to a view that also notes which events it was sent. */
function recordingFeed(store: StateStore, visible = false) {
  const events: string[] = [];
  const view = new View(store, store.snapshot());
  const feed = new ViewFeed(
    store,
    (event, payload) => {
      events.push(event);
      view.send(event, payload);
    },
    { visible },
  );
  return { events, view, feed };
}

const byId = (buckets: readonly Bucket[]) => Object.fromEntries(buckets.map((bucket) => [bucket.id, bucket]));

/** One poll: the list the server sends, as ids with a status each. */
const pollArb = fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), status: fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED'), name: fc.constantFrom('x', 'y') }), {
  selector: (bucket) => bucket.id,
  maxLength: 8,
});
/** Buckets that never change: they keep the list longer than the hidden changes, so patches stay patches. */
const steady = Array.from({ length: 40 }, (_, i) => ({ id: `steady-${i}`, status: 'ONLINE' }));
const stepArb = fc.oneof(
  pollArb.map((buckets) => ({ kind: 'poll' as const, buckets: [...steady, ...buckets] })),
  fc.constantFrom({ kind: 'show' as const }, { kind: 'hide' as const }, { kind: 'notice' as const }, { kind: 'sync' as const }, { kind: 'reset' as const }),
);

describe('the state patch protocol', () => {
  it('patches applied to the first snapshot give the core’s state, for any changes, shown or hidden', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.boolean(), (steps, startVisible) => {
        const store = new StateStore(initial());
        const tracker = new BucketTracker();
        const view = new View(store, store.snapshot());
        const feed = new ViewFeed(store, view.send, { visible: startVisible });
        let notices = 0;
        for (const step of steps) {
          if (step.kind === 'show') feed.show();
          else if (step.kind === 'hide') feed.hide();
          else if (step.kind === 'notice') store.update({ notices: [...store.state.notices, { id: `n${++notices}`, level: 'info', message: 'hi' }] });
          else if (step.kind === 'sync') store.update({ sync: { ...store.state.sync, lastSuccessAt: new Date(notices * 1000).toISOString() } }, { quiet: true });
          else if (step.kind === 'reset') {
            tracker.reset();
            store.update({ buckets: [] });
          } else store.update({ buckets: tracker.update(step.buckets, '2026-11-25T10:00:00Z').views });
        }
        feed.show();
        const core = store.snapshot();
        expect(view.held.version).toBe(core.version);
        expect(byId(view.held.state.buckets)).toEqual(byId(core.state.buckets));
        expect({ ...view.held.state, buckets: [] }).toEqual({ ...core.state, buckets: [] });
        expect(view.resyncs).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('an unchanged poll sends nothing; a hidden view is sent nothing until it opens', () => {
    const store = new StateStore(initial());
    const tracker = new BucketTracker();
    const view = new View(store, store.snapshot());
    const feed = new ViewFeed(store, view.send, { visible: true });
    const list = [{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'OFFLINE' }];
    const poll = (buckets: Bucket[]) => {
      store.update({ buckets: tracker.update(buckets, '2026-11-25T10:00:00Z').views });
    };
    poll(list);
    const afterFirst = view.received;
    expect(afterFirst).toBeGreaterThan(0);
    poll(list.map((bucket) => ({ ...bucket })));
    store.update({ sync: { ...store.state.sync, lastSuccessAt: '2026-11-25T10:01:00Z' } }, { quiet: true });
    expect(view.received).toBe(afterFirst);

    feed.hide();
    poll([{ id: 'a', status: 'OFFLINE' }, { id: 'b', status: 'OFFLINE' }]);
    poll([{ id: 'a', status: 'ONLINE' }, { id: 'b', status: 'OFFLINE' }, { id: 'c', status: 'ONLINE' }]);
    expect(view.received).toBe(afterFirst);
    feed.show();
    expect(view.received).toBeGreaterThan(afterFirst);
    expect(byId(view.held.state.buckets)).toEqual(byId(store.state.buckets));
    expect(view.held.state.sync.lastSuccessAt).toBe('2026-11-25T10:01:00Z'); // the held-back time goes out on opening
  });

  it('hidden: a few statuses moved wait as a patch; once every bucket changed, opening sends a snapshot; an empty list’s other changes stay a patch', () => {
    const three = (status: string) => ['a', 'b', 'c'].map((id) => ({ id, status }));
    /** What opening sends after `steps`, taken while hidden, on a view that saw `first` while it showed. */
    const opened = (first: Bucket[], steps: (poll: (buckets: Bucket[]) => void, store: StateStore) => void) => {
      const store = new StateStore(initial());
      const tracker = new BucketTracker();
      const { events, view, feed } = recordingFeed(store, true);
      const poll = (buckets: Bucket[]) => store.update({ buckets: tracker.update(buckets, 'x').views });
      poll(first);
      feed.hide();
      steps(poll, store);
      const before = events.length;
      feed.show();
      expect(byId(view.held.state.buckets)).toEqual(byId(store.state.buckets));
      return events.slice(before);
    };
    expect(opened(three('ONLINE'), (poll) => poll([...three('ONLINE').slice(0, 2), { id: 'c', status: 'OFFLINE' }]))).toEqual(['patch']);
    expect(opened(three('ONLINE'), (poll) => (poll(three('OFFLINE')), poll(three('ONLINE'))))).toEqual(['snapshot']);
    expect(opened([], (_poll, store) => store.update({ notices: [{ id: 'n1', level: 'info', message: 'hi' }] }))).toEqual(['patch']);
  });

  it('after more hidden changes than the list holds, opening sends one snapshot instead of the patches', () => {
    const store = new StateStore(initial());
    const tracker = new BucketTracker();
    const { events, view, feed } = recordingFeed(store);
    for (let round = 0; round < 5; round++) {
      store.update({ buckets: tracker.update(Array.from({ length: 10 }, (_, i) => ({ id: `r${round}-${i}` })), 'x').views });
    }
    feed.show();
    expect(events).toEqual(['snapshot']);
    expect(byId(view.held.state.buckets)).toEqual(byId(store.state.buckets));
  });

  it('a patch that carries a large list whole goes as a snapshot (the page shows its first screen while it sorts it), shown or hidden; statuses that all flipped go to a showing view as moves; small lists and a few changes stay patches', () => {
    const list = (count: number, status = 'ONLINE') => Array.from({ length: count }, (_, i) => ({ id: `b${i}`, name: `Bucket ${i}`, status }));
    for (const visible of [true, false]) {
      const store = new StateStore(initial());
      const tracker = new BucketTracker();
      const { events, view, feed } = recordingFeed(store, visible);
      const poll = (buckets: Bucket[]) => {
        store.update({ buckets: tracker.update(buckets, 'x').views });
        if (!visible) {
          feed.show();
          feed.hide();
        }
      };
      poll(list(FIRST_SCREEN_FROM));
      poll(list(FIRST_SCREEN_FROM).map((bucket, i) => (i < 5 ? { ...bucket, status: 'OFFLINE' } : bucket)));
      poll(list(FIRST_SCREEN_FROM, 'DISCONNECTED'));
      // Shown: the flipped statuses are ids grouped by status, not buckets. Hidden: the whole list changed, so opening sends a snapshot.
      expect(events).toEqual(['snapshot', 'patch', visible ? 'patch' : 'snapshot']);
      expect(byId(view.held.state.buckets)).toEqual(byId(store.state.buckets));
      poll(list(FIRST_SCREEN_FROM, 'DISCONNECTED').map((bucket) => ({ ...bucket, name: `Renamed ${bucket.id}` })));
      expect(events.at(-1)).toBe('snapshot');
      expect(byId(view.held.state.buckets)).toEqual(byId(store.state.buckets));
    }
    const small = new StateStore(initial());
    const sent: string[] = [];
    new ViewFeed(small, (event) => sent.push(event), { visible: true });
    small.update({ buckets: new BucketTracker().update(list(FIRST_SCREEN_FROM - 1), 'x').views });
    expect(sent).toEqual(['patch']);
  });
});
