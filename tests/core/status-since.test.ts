import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { BucketTracker } from '../../src/main/core/notify/bucket-changes';
import { systemClock, type Clock } from '../../src/main/core/platform/clock';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { memoryHistoryFile } from '../../src/main/core/notify/status-history';
import { DEFAULT_SETTINGS, type AppState, type BucketView } from '../../src/shared/contract';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { currentId, waitForState } from '../helpers';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MIN = 60_000;

/** The app's time stands still where the test puts it; timers run on the real one (the poller's waits). */
function pinnedClock(): Clock & { time: number } {
  const clock = { time: T0, now: () => clock.time, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
  return clock;
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const bucket = (state: AppState, id: string): BucketView => {
  const found = state.buckets.find((view) => view.id === id);
  if (!found) throw new Error(`no bucket ${id}`);
  return found;
};

describe('"same for N" is when the status began, not when the app last looked', () => {
  it('a sign-in, a workspace change and a restart keep each bucket\'s time; after a restart it is the history\'s', async () => {
    const buckets = makeBuckets(3, { seed: 9 }).map((b) => ({ ...b, status: 'ONLINE' }));
    const [changing, steady] = [buckets[0]!.id, buckets[1]!.id];
    const api = new MockFlashbackApi({ buckets });
    const url = await api.start();
    stops.push(() => api.stop());
    const clock = pinnedClock();
    const keychain = new MemoryKeychain();
    const historyFile = memoryHistoryFile();
    const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: url });
    const start = async () => {
      const controller = new AppController({ settingsStore: store, keychain, log: new MemoryLogger(), clock, historyFile, random: () => 0.5, minRefreshGapMs: 0, requestTimeoutMs: 2000 });
      stops.push(() => controller.dispose());
      await controller.start();
      return controller;
    };
    const listed = (controller: AppController) => waitForState(controller, (state) => state.sync.lastSuccessAt === new Date(clock.time).toISOString() && state.buckets.length === 3);

    const controller = await start();
    expect(await controller.dispatch('addAccount', [url, DEMO_USER.email, DEMO_USER.password])).toMatchObject({ ok: true });
    let state = await listed(controller);
    expect(bucket(state, steady).statusSince).toBe(at(0));

    clock.time = T0 + MIN;
    api.setStatus(changing, 'OFFLINE');
    await controller.dispatch('refresh', []);
    state = controller.state;
    expect(bucket(state, changing)).toMatchObject({ status: 'OFFLINE', statusSince: at(MIN), previousStatus: 'ONLINE' });

    // Signing out and in again, 6 minutes later: nothing changed status.
    clock.time = T0 + 7 * MIN;
    const id = currentId(controller);
    await controller.dispatch('signOut', [id]);
    expect(await controller.dispatch('signIn', [id, DEMO_USER.email, DEMO_USER.password])).toMatchObject({ ok: true });
    state = await listed(controller);
    expect(bucket(state, changing)).toMatchObject({ statusSince: at(MIN), previousStatus: 'ONLINE' });
    expect(bucket(state, steady).statusSince).toBe(at(0));

    // Another workspace filter lists afresh: still the same times.
    clock.time = T0 + 8 * MIN;
    await controller.dispatch('updateSettings', [{ workspaceId: buckets[0]!.workspaceId ?? null }]);
    await controller.dispatch('updateSettings', [{ workspaceId: null }]);
    state = await listed(controller);
    expect(bucket(state, changing).statusSince).toBe(at(MIN));
    expect(bucket(state, steady).statusSince).toBe(at(0));

    // Quit and start again 10 minutes later: the history knows when OFFLINE began; of the steady bucket it knows nothing.
    await controller.flushHistory();
    controller.dispose();
    clock.time = T0 + 10 * MIN;
    const again = await start();
    state = await listed(again);
    expect(bucket(state, changing)).toMatchObject({ status: 'OFFLINE', statusSince: at(MIN), previousStatus: 'ONLINE' });
    expect(bucket(state, steady).statusSince).toBe(at(10 * MIN));
    expect(await again.dispatch('getHistory', [`${currentId(again)}/${changing}`])).toMatchObject({ ok: true, value: [{ at: at(MIN), to: 'OFFLINE' }] });
  });

  it('a status the history did not see last (it changed while the app was away) starts at the new list', () => {
    const tracker = new BucketTracker('acc-1', () => ({ at: at(0), kind: 'status', from: 'ONLINE', to: 'OFFLINE' }));
    const [view] = tracker.update([{ id: 'b', status: 'DISCONNECTED' }], at(5 * MIN)).views;
    expect(view).toMatchObject({ statusSince: at(5 * MIN) });
    expect(view!.previousStatus).toBeUndefined();
    const matching = new BucketTracker('acc-1', () => ({ at: at(0), kind: 'removed', to: 'ONLINE' }));
    expect(matching.update([{ id: 'b', status: 'ONLINE' }], at(5 * MIN)).views[0]!.statusSince).toBe(at(5 * MIN));
  });
});
