import { BucketTracker } from '../../src/main/core/bucket-changes';
import { parseAvailableBuckets } from '../../src/main/core/bucket-schema';
import { AppController } from '../../src/main/core/controller';
import { MemoryKeychain } from '../../src/main/core/keychain';
import { MemoryLogger } from '../../src/main/core/logger';
import { MemorySettingsStore } from '../../src/main/core/settings-store';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { DEFAULT_SETTINGS, type Bucket } from '../../src/shared/contract';
import { ManualClock } from './manual-clock';
import { median, type Result } from './report';

/** Flips the status of `count` buckets, so every poll has changes to detect. */
function mutate(buckets: Bucket[], count: number, round: number): Bucket[] {
  const next = buckets.map((bucket) => ({ ...bucket }));
  for (let i = 0; i < count; i++) {
    const bucket = next[(round * 7 + i * 13) % next.length]!;
    bucket.status = bucket.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE';
  }
  return next;
}

export function benchParseAndDiff(): Result[] {
  const results: Result[] = [];
  for (const [count, runs, target] of [
    [1000, 200, undefined],
    [10_000, 60, 15],
  ] as const) {
    const base = makeBuckets(count);
    const texts = Array.from({ length: 8 }, (_, i) => JSON.stringify(mutate(base, 20, i)));
    const tracker = new BucketTracker();
    const times: number[] = [];
    for (let run = 0; run < runs + 10; run++) {
      const text = texts[run % texts.length]!;
      const start = performance.now();
      const parsed = parseAvailableBuckets(JSON.parse(text));
      if (!parsed.ok) throw new Error(parsed.problem);
      tracker.update(parsed.buckets, new Date().toISOString());
      if (run >= 10) times.push(performance.now() - start);
    }
    results.push({
      metric: `parse + validate + diff of one poll, ${count.toLocaleString('en')} buckets`,
      value: median(times),
      unit: 'ms',
      target: target === undefined ? undefined : { max: target },
      how: `Node ${process.version}, median of ${runs} runs after 10 warm-up, JSON text → JSON.parse → schema → change detection`,
    });
  }
  return results;
}

/** A fetch that answers from memory, so 10,000 polls measure the core, not the network. */
function memoryFetch(bodies: () => string): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/user/login') || url.endsWith('/user/refresh')) {
      return Response.json({ success: true, accessToken: 'eyJhbGciOiJub25lIn0.e30.bench', refreshToken: 'rt', expiresAt: Math.floor(Date.now() / 1000) + 10 ** 7, user: { email: 'b@e.c' } });
    }
    return new Response(bodies(), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

export async function benchHeapGrowth(): Promise<Result[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return [{ metric: 'core heap growth over 10,000 polls', value: NaN, unit: 'MB', how: 'skipped: run with node --expose-gc (npm run bench does)' }];
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
  await controller.start();
  /** Resolves when a poll newer than `seen` has succeeded. */
  const successAfter = (seen: string | undefined) =>
    new Promise<void>((resolve) => {
      const done = () => controller.state.sync.lastSuccessAt !== seen && !controller.state.sync.inFlight;
      if (done()) return resolve();
      const off = controller.subscribe(() => {
        if (!done()) return;
        off();
        resolve();
      });
    });
  /** Fires the poller's timer (only it: the session's refresh timer is far in the future) and waits for the poll. */
  const poll = async () => {
    const finished = successAfter(controller.state.sync.lastSuccessAt);
    clock.fireNext(Date.parse(controller.state.sync.nextPollAt!));
    await finished;
  };
  await controller.dispatch('signIn', ['bench@example.com', 'pw']);
  await successAfter(undefined);
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
  let before = 0;
  for (let i = 0; i < 10_000; i++) {
    await poll();
    await turn();
    if (i === 999) before = await settledHeap();
  }
  const after = await settledHeap();
  const state = controller.state;
  if (state.sync.error || !state.sync.lastSuccessAt) throw new Error(`the heap benchmark's polls failed: ${state.sync.error?.message}`);
  controller.dispose();
  return [
    {
      metric: 'core heap growth over 10,000 polls of 1,000 buckets with changes',
      value: (after - before) / 1024 / 1024,
      unit: 'MB',
      target: { max: 2 },
      how: 'Node --expose-gc, whole controller (session, poller, schema, diff, notification policy) on a manual clock, fetch from memory, heapUsed after GC at poll 1,000 vs 10,000',
    },
  ];
}

export async function benchRequestsPerHour(): Promise<Result[]> {
  const api = new MockFlashbackApi({ buckets: makeBuckets(200) });
  const url = await api.start();
  const clock = new ManualClock();
  const controller = new AppController({
    settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: url }),
    keychain: new MemoryKeychain(),
    log: new MemoryLogger(),
    clock,
  });
  await controller.start();
  const start = clock.now();
  await controller.dispatch('signIn', [DEMO_USER.email, DEMO_USER.password]);
  const waitIdle = () =>
    new Promise<void>((resolve) => {
      if (!controller.state.sync.inFlight) return resolve();
      const off = controller.subscribe((state) => {
        if (!state.sync.inFlight) {
          off();
          resolve();
        }
      });
    });
  await waitIdle();
  const end = start + 3600_000;
  // An hour at the default interval, with the user mashing "Refresh" while requests are in flight.
  let mashes = 0;
  while (clock.fireNext(end - 1)) {
    api.injectFault({ type: 'latency', ms: 5 });
    if (mashes < 20) {
      mashes++;
      void controller.dispatch('refresh', []);
      void controller.dispatch('refresh', []);
    }
    await waitIdle();
  }
  const scheduled = api.stats.bucketRequests;
  const overlapping = api.stats.maxInFlight > 1 ? api.stats.maxInFlight - 1 : 0;
  controller.dispose();
  await api.stop();
  return [
    { metric: 'requests per hour at the default interval (60 s)', value: scheduled, unit: 'requests', target: { max: 60 }, how: 'mock API counter over HTTP on loopback, manual clock through one hour, 40 extra refresh clicks during requests' },
    { metric: 'overlapping requests', value: overlapping, unit: 'requests', target: { max: 0 }, how: 'mock API concurrency counter over the same hour' },
  ];
}
