import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { DEFAULT_SETTINGS, type Bucket } from '../../src/shared/contract';
import { ManualClock } from './manual-clock';
import { fromRuns, type Result } from './report';

/** Flips the status of `count` buckets, so every poll has changes to detect. */
function mutate(buckets: Bucket[], count: number, round: number): Bucket[] {
  const next = buckets.map((bucket) => ({ ...bucket }));
  for (let i = 0; i < count; i++) {
    const bucket = next[(round * 7 + i * 13) % next.length]!;
    bucket.status = bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE';
  }
  return next;
}

/** A fetch that answers from memory, so 10,000 polls measure the core, not the network. */
function memoryFetch(bodies: () => string): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/user/login') || url.endsWith('/user/refresh')) {
      return Response.json({ success: true, accessToken: 'eyJhbGciOiJub25lIn0.e30.bench', refreshToken: 'rt', expiresAt: Math.floor(Date.now() / 1000) + 10 ** 7, user: { email: 'b@e.c' } });
    }
    if (url.endsWith('/mfa/status')) return Response.json({ success: true, data: { isRequired: false, isEnforced: false, enabledMethods: [], sessionVerified: true } });
    if (url.endsWith('/workspace')) return Response.json({ success: true, workspaces: [] });
    return new Response(bodies(), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

/** Signs a controller in on a manual clock and returns a function that runs one scheduled poll. */
async function scheduledPolls(controller: AppController, clock: ManualClock): Promise<() => Promise<void>> {
  await controller.start();
  const firstDone = new Promise<void>((resolve) => {
    const off = controller.subscribe((state) => {
      if (state.buckets.length === 0) return;
      off();
      resolve();
    });
  });
  await controller.dispatch('addAccount', [controller.state.settings.apiBaseUrl, DEMO_USER.email, DEMO_USER.password ?? '']);
  await firstDone;
  await new Promise((resolve) => setImmediate(resolve));
  /** Runs the timers due before the next poll (history writes, token refreshes: real wake-ups), then the poll. */
  return async () => {
    while (clock.nextDelay() !== undefined && clock.nextDelay() !== 60_000) {
      clock.fireNext();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const done = clock.nextSchedule(60_000);
    clock.fireNext();
    await done;
  };
}

export async function benchHeapGrowth(): Promise<Result[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const row = { id: 'heap-growth-10k-polls', metric: 'core heap growth over 10,000 polls of 1,000 buckets with changes', unit: 'MB', target: { max: 2 } } as const;
  if (!gc) return [fromRuns({ ...row, how: 'skipped: run with node --expose-gc (npm run bench does)' }, [])];
  const base = makeBuckets(1000);
  const variants = Array.from({ length: 16 }, (_, i) => JSON.stringify(mutate(base, 10, i)));
  let round = 0;
  const clock = new ManualClock();
  const controller = new AppController({
    settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: 'http://127.0.0.1:9' }),
    keychain: new MemoryKeychain(),
    log: new MemoryLogger(),
    clock,
    notifier: { show: () => undefined },
    fetch: memoryFetch(() => variants[round++ % variants.length]!),
  });
  const feed = controller.createFeed(() => undefined, { visible: true });
  const poll = await scheduledPolls(controller, clock);
  // Real polls are a minute apart, so the event loop turns between them (undici releases each
  // request's abort-signal bookkeeping from a finalizer then); let it turn here too.
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const settledHeap = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await turn();
    }
    return process.memoryUsage().heapUsed;
  };
  const samples: number[] = [];
  let before = 0;
  for (let i = 1; i <= 10_000; i++) {
    await poll();
    await turn();
    if (i === 1000) before = await settledHeap();
    // Five readings, at 6,000 … 10,000 polls: each the growth since poll 1,000.
    if (i >= 6000 && i % 1000 === 0) samples.push(((await settledHeap()) - before) / 1024 / 1024);
  }
  const state = controller.state;
  if (state.sync.error || !state.sync.lastSuccessAt) throw new Error(`the heap benchmark's polls failed: ${state.sync.error?.message}`);
  feed.dispose();
  controller.dispose();
  return [
    fromRuns(
      { ...row, how: 'Node --expose-gc, whole controller (session, poller, schema, diff, notifications, state store, a visible view feed) on a manual clock, fetch from memory; heapUsed after GC, growth since poll 1,000 read at 6,000, 7,000 … 10,000 polls' },
      samples,
    ),
  ];
}

/**
 * Timer wake-ups of the main process while the popover is hidden, besides the polls:
 * every core timer goes through the Clock port (a test in tests/tooling enforces it), so
 * a manual clock counts them all over an hour; the Electron adapters set none while the
 * machine is online (tests/electron/system-adapters.test.ts).
 */
export async function benchIdleWakeups(): Promise<Result[]> {
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    const api = new MockFlashbackApi({ buckets: makeBuckets(200, { seed: run + 1 }) });
    const url = await api.start();
    const clock = new ManualClock();
    const controller = new AppController({ settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: url }), keychain: new MemoryKeychain(), log: new MemoryLogger(), clock });
    const feed = controller.createFeed(() => undefined); // hidden
    const poll = await scheduledPolls(controller, clock);
    const start = clock.now();
    const firedBefore = clock.fired;
    const requestsBefore = api.stats.bucketRequests;
    while (clock.now() - start < 3600_000) await poll();
    const minutes = (clock.now() - start) / 60_000;
    samples.push((clock.fired - firedBefore - (api.stats.bucketRequests - requestsBefore)) / minutes);
    feed.dispose();
    controller.dispose();
    await api.stop();
  }
  return [
    fromRuns(
      { id: 'idle-wakeups-per-min-hidden', metric: 'timer wake-ups per minute while hidden, polls not counted', unit: 'per min', target: { max: 2 }, how: 'controller on a manual clock against the mock API over loopback, popover hidden, one simulated hour at the default 60 s interval (token refreshes included), 5 runs' },
      samples,
    ),
  ];
}

export async function benchRequestsPerHour(): Promise<Result[]> {
  const api = new MockFlashbackApi({ buckets: makeBuckets(200) });
  const url = await api.start();
  const clock = new ManualClock();
  const controller = new AppController({ settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: url }), keychain: new MemoryKeychain(), log: new MemoryLogger(), clock });
  const poll = await scheduledPolls(controller, clock);
  const start = clock.now();
  api.resetStats();
  // An hour at the default interval, with the user clicking Refresh twice during every request.
  while (clock.now() - start < 3600_000) {
    const done = clock.nextSchedule(60_000);
    clock.fireWithDelay(60_000);
    void controller.dispatch('refresh', []);
    void controller.dispatch('refresh', []);
    await done;
  }
  const requests = api.stats.bucketRequests;
  const overlapping = Math.max(0, api.stats.maxInFlight - 1);
  controller.dispose();
  await api.stop();
  return [
    fromRuns({ id: 'requests-per-hour', metric: 'requests in an hour at the default interval, Refresh clicked twice during every request', unit: 'requests', target: { max: 61 }, how: 'mock API counter over loopback, manual clock through one hour: one scheduled poll a minute, the clicks join the request in flight' }, [requests]),
    fromRuns({ id: 'overlapping-requests', metric: 'requests in flight at once, beyond one', unit: 'requests', target: { exact: 0 }, how: 'mock API concurrency counter over the same hour' }, [overlapping]),
  ];
}
