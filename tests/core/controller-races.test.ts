import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { Poller } from '../../src/main/core/sync/poller';
import type { Clock, TimerHandle } from '../../src/main/core/platform/clock';
import { MemorySettingsStore, type SettingsLoad } from '../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/contract';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { startHarness, waitForState, type Harness } from '../helpers';
import { changedKeys } from './view/changed-keys';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** A settings store whose saves (or load) wait until the test lets them go. */
class SlowStore extends MemorySettingsStore {
  saved: Settings[] = [];
  private gates: Array<() => void> = [];
  loadGate: Promise<void> | undefined;
  override async load(): Promise<SettingsLoad> {
    await this.loadGate;
    return super.load();
  }
  override async save(settings: Settings): Promise<void> {
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.saved.push(structuredClone(settings));
    await super.save(settings);
  }
  releaseAll(): void {
    for (const resolve of this.gates.splice(0)) resolve();
  }
}

describe('settings changes that overlap', () => {
  it('two at once: neither is lost, in the state or on disk', async () => {
    const store = new SlowStore();
    const app = new AppController({ settingsStore: store, keychain: new MemoryKeychain(), log: new MemoryLogger() });
    stops.push(() => app.dispose());
    await app.start();
    const first = app.dispatch('updateSettings', [{ theme: 'dark' }]);
    const second = app.dispatch('updateSettings', [{ pollIntervalSeconds: 120 }]);
    const interval = setInterval(() => store.releaseAll(), 1);
    stops.push(() => clearInterval(interval));
    await Promise.all([first, second]);
    expect(app.state.settings).toMatchObject({ theme: 'dark', pollIntervalSeconds: 120 });
    expect(store.saved.at(-1)).toMatchObject({ theme: 'dark', pollIntervalSeconds: 120 });
    expect((await store.load()).settings).toMatchObject({ theme: 'dark', pollIntervalSeconds: 120 });
  });
});

describe('dispose during start', () => {
  it('polling never starts, and nothing is published', async () => {
    const api = new MockFlashbackApi();
    await api.start();
    stops.push(() => api.stop());
    const keychain = new MemoryKeychain();
    // A saved session, so start would begin polling.
    const firstStore = new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: api.url });
    const first = new AppController({ settingsStore: firstStore, keychain, log: new MemoryLogger() });
    await first.start();
    await first.dispatch('addAccount', [api.url, DEMO_USER.email, DEMO_USER.password]);
    first.dispose();
    const requestsBefore = api.stats.bucketRequests;

    const store = new SlowStore((await firstStore.load()).settings);
    let releaseLoad!: () => void;
    store.loadGate = new Promise<void>((resolve) => (releaseLoad = resolve));
    const app = new AppController({ settingsStore: store, keychain, log: new MemoryLogger() });
    const published = vi.fn();
    app.subscribe(published);
    const starting = app.start();
    app.dispose();
    releaseLoad();
    await starting;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.stats.bucketRequests).toBe(requestsBefore);
    expect(published).not.toHaveBeenCalled();
  });
});

describe('a large list’s follow-up (history, notifications) a turn later', () => {
  let h: Harness;
  afterEach(async () => h.stop());

  it('does nothing when the session ended in between: signed out while the list was being shown', async () => {
    const buckets = makeBuckets(3000);
    h = await startHarness({ mock: { buckets } });
    const id = buckets[0]!.id;
    h.api.setBuckets(buckets.map((bucket) => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE' })));
    const shownBefore = h.notifier.shown.length;
    let signedOut: Promise<void> | undefined;
    const off = h.controller.subscribe((_state, patch) => {
      if (changedKeys(patch.buckets).length >= 3000 && !signedOut) signedOut = h.controller.dispatch('signOut', [h.controller.state.currentAccount]).then(() => undefined);
    });
    await h.controller.refresh().catch(() => undefined);
    off();
    await signedOut;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signedOut).toBeDefined();
    expect(h.notifier.shown.length).toBe(shownBefore);
    expect(await h.controller.dispatch('getHistory', [`${h.controller.state.currentAccount}/${id}`])).toEqual({ ok: true, value: [] });
  });

  it('a notifier that throws once does not silence the lists after it', async () => {
    const buckets = makeBuckets(20);
    h = await startHarness({ mock: { buckets } });
    const show = h.notifier.show.bind(h.notifier);
    let throwNext = true;
    h.notifier.show = (request, onClick) => {
      if (throwNext) {
        throwNext = false;
        throw new Error('notification service gone');
      }
      show(request, onClick);
    };
    const flipAll = (status: string) => h.api.setBuckets(buckets.map((bucket) => ({ ...bucket, status })));
    const shownBefore = h.notifier.shown.length;
    flipAll('DISCONNECTED');
    await h.controller.refresh();
    flipAll('ONLINE');
    await h.controller.refresh();
    expect(h.notifier.shown.length).toBe(shownBefore + 1);
    expect(h.log.lines.some((line) => line.includes('recording or announcing changes failed'))).toBe(true);
  });

  it('and is recorded and notified when it did not', async () => {
    const buckets = makeBuckets(3000);
    h = await startHarness({ mock: { buckets } });
    h.api.setBuckets(buckets.map((bucket) => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE' })));
    const shownBefore = h.notifier.shown.length;
    await h.controller.refresh();
    expect(h.notifier.shown.length).toBe(shownBefore + 1);
    const history = await h.controller.dispatch('getHistory', [`${h.controller.state.currentAccount}/${buckets[0]!.id}`]);
    expect(history.ok && history.value).toHaveLength(1);
  });
});

describe('a very large list’s history, a slice of changes per turn', () => {
  let h: Harness;
  afterEach(async () => h.stop());

  it('records every change, first slice to last, then notifies once', async () => {
    const buckets = makeBuckets(30_000);
    h = await startHarness({ mock: { buckets } });
    h.api.setBuckets(buckets.map((bucket) => ({ ...bucket, status: bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE' })));
    const shownBefore = h.notifier.shown.length;
    await h.controller.refresh();
    const historyOf = async (bucket: (typeof buckets)[number]) => {
      const history = await h.controller.dispatch('getHistory', [`${h.controller.state.currentAccount}/${bucket.id}`]);
      return history.ok ? history.value : undefined;
    };
    // 30,000 changes (two slices) are more than the history's 2 MB: the oldest go first (the
    // first slice's start), and every slice after them is recorded, the first slice's end included.
    expect(await historyOf(buckets[0]!)).toEqual([]);
    for (const bucket of [buckets[19_999]!, buckets[20_000]!, buckets[29_999]!]) expect(await historyOf(bucket)).toHaveLength(1);
    expect(h.notifier.shown.length).toBe(shownBefore + 1);
  }, 30_000);
});

describe('pause reasons hold across restarts', () => {
  let h: Harness;
  afterEach(async () => h.stop());

  it('offline, then a workspace change: no request until back online', async () => {
    h = await startHarness();
    const before = h.api.stats.bucketRequests;
    h.controller.pause('offline');
    await h.controller.dispatch('updateSettings', [{ workspaceId: 'workspace-engineering' }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.api.stats.bucketRequests).toBe(before);
    expect(h.controller.state.sync.phase).toBe('offline');
    h.controller.resume('offline');
    await waitForState(h.controller, (state) => state.sync.phase === 'idle' && !state.sync.inFlight && h.api.stats.bucketRequests > before);
    expect(h.api.stats.bucketRequests).toBe(before + 1);
  });

  it('asleep, then a new sign-in: polling waits for the wake-up', async () => {
    h = await startHarness();
    h.controller.pause('sleep');
    const before = h.api.stats.bucketRequests;
    await h.controller.dispatch('signIn', [h.controller.state.currentAccount, DEMO_USER.email, DEMO_USER.password]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.api.stats.bucketRequests).toBe(before);
    expect(h.controller.state.sync.phase).toBe('paused');
  });
});

/** A clock the test moves by hand. */
class HandClock implements Clock {
  time = 0;
  private timers: Array<{ at: number; run: () => void; id: number }> = [];
  private ids = 0;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = ++this.ids;
    this.timers.push({ at: this.time + ms, run, id });
    return id as unknown as TimerHandle;
  };
  clearTimeout = (handle: TimerHandle) => {
    this.timers = this.timers.filter((timer) => timer.id !== (handle as unknown as number));
  };
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== timer);
      timer.run();
    }
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }
}

/** A poller on a hand-moved clock whose polls only count themselves. */
function clickablePoller() {
  const clock = new HandClock();
  const calls = { count: 0 };
  const poller = new Poller<string>({
    poll: async () => `poll ${++calls.count}`,
    clock,
    intervalMs: 60_000,
    hooks: { onRequestStart: () => undefined, onSuccess: () => undefined, onFailure: () => undefined, onScheduleChange: () => undefined },
  });
  poller.start({ firstPollInMs: 60_000 });
  return { clock, poller, calls };
}

describe('refresh clicks', () => {
  it('at most one request per 3 s, however fast the user clicks; the clicks inside the gap become one request when it ends', async () => {
    const { clock, poller, calls } = clickablePoller();
    await poller.refreshNow();
    expect(calls.count).toBe(1);
    const clicks = Array.from({ length: 20 }, () => poller.refreshNow());
    await clock.advance(1000);
    expect(calls.count).toBe(1);
    await clock.advance(2000);
    await Promise.all(clicks);
    expect(calls.count).toBe(2);
    poller.stop();
  });

  it('a click queued before sign-out does not run after it', async () => {
    const { clock, poller, calls } = clickablePoller();
    await poller.refreshNow();
    const queued = poller.refreshNow();
    poller.stop();
    poller.start({ firstPollInMs: 60_000 });
    await clock.advance(3000);
    expect(await queued).toBe('stopped');
    expect(calls.count).toBe(1);
    poller.stop();
  });

  it('after a restart, a click inside the gap queues anew (not lost to the click queued before the restart)', async () => {
    const { clock, poller, calls } = clickablePoller();
    await poller.refreshNow();
    const before = poller.refreshNow();
    poller.stop();
    poller.start({ firstPollInMs: 60_000 });
    expect(await before).toBe('stopped');
    await poller.refreshNow();
    expect(calls.count).toBe(2);
    const after = poller.refreshNow();
    await clock.advance(3000);
    expect(await after).toBe('done');
    expect(calls.count).toBe(3);
    poller.stop();
  });
});

