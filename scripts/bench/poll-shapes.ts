// The poll path outside its best case, at 100,000 buckets (and 10,000), beside its floor measured in the
// same run: a list that came back in another order with nothing changed, a list where every
// bucket changed; the longest main-process task meanwhile; and the core's live memory.
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { WireSender } from '../../src/main/core/view/wire-sender';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';
import { ManualClock } from './manual-clock';
import { benchServer } from './poll-path';
import { fromRuns, type Result } from './report';

const COUNT = 100_000;
const RUNS = 9;
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Resolves once the process has used under 2 ms of CPU in 50 ms (its follow-up work done), or after 5 s. */
async function quiet(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const used = process.cpuUsage(before);
    if (used.user + used.system < 2000) return;
  }
}

/** A signed-in controller on a manual clock with a visible view whose events are encoded for the wire as the Electron adapter does. */
async function signedIn(url: string, count = COUNT) {
  const clock = new ManualClock();
  const controller = new AppController({
    clock,
    settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: url }),
    keychain: new MemoryKeychain(),
    log: new MemoryLogger(),
    notifier: { show: () => undefined },
    minRefreshGapMs: 0,
    requestTimeoutMs: 60_000,
  });
  let lastPost = 0;
  const wire = new WireSender(() => void (lastPost = performance.now()));
  const feed = controller.createFeed((event, payload) => wire.send(event, payload), { visible: true });
  await controller.start();
  const firstList = new Promise<void>((resolve) => {
    const off = controller.subscribe((state) => {
      if (state.buckets.length !== count) return;
      off();
      resolve();
    });
  });
  await controller.dispatch('addAccount', [controller.state.settings.apiBaseUrl, 'bench@example.com', 'pw']);
  await firstList;
  await turn();
  await wire.idle();
  /** One scheduled poll, to the moment the view's text is ready (or the poll's end when nothing is sent), and the longest event-loop block on the way. */
  const poll = async () => {
    let worst = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 5);
      last = now;
    }, 5);
    const done = clock.nextSchedule(60_000);
    const start = performance.now();
    lastPost = 0;
    clock.fireWithDelay(60_000);
    await done;
    const ended = performance.now();
    // What the poll hands on after its schedule is set (the view's encoding, then history and
    // the notification) still counts for the probe, until the process is quiet again: the next
    // measurement (the floor, or the next poll) starts on a quiet process.
    await wire.idle();
    await quiet();
    clearInterval(probe);
    return { took: Math.max(ended, lastPost) - start, worst };
  };
  const close = () => {
    const problem = controller.state.sync.error;
    feed.dispose();
    controller.dispose();
    if (problem) throw new Error(`the benchmark's polls failed: ${problem.message}`);
  };
  return { poll, close, controller };
}

async function pollShape(mode: 'flip' | 'reorder', count = COUNT): Promise<{ times: number[]; worst: number[]; floor: number[] }> {
  const server = await benchServer(count, RUNS + 1, mode === 'flip' ? count : 0, mode);
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    const core = await signedIn(server.url, count);
    const times: number[] = [];
    const worst: number[] = [];
    const floor: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      await server.variant(run);
      // Polls are a minute apart in use: each starts, as its floor does, on a collected heap.
      gc?.();
      const { took, worst: block } = await core.poll();
      times.push(took);
      worst.push(block);
      // The floor, right after, on the same body from the same server: fetch + JSON.parse, nothing else.
      gc?.();
      const start = performance.now();
      const list: unknown = JSON.parse(await (await fetch(`${server.url}/bucket/available`)).text());
      floor.push(performance.now() - start);
      if (!Array.isArray(list) || list.length !== count) throw new Error('the floor fetched no list');
      await turn();
    }
    core.close();
    return { times, worst, floor };
  } finally {
    server.stop();
  }
}

/** Heap plus memory outside it (Buffers), after full collections. */
async function liveBytes(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await turn();
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** MB the core holds: a signed-in controller after its first list and one more poll. Its own scope, so nothing of it outlives the reading. */
async function coreLive(gc: () => void, server: Awaited<ReturnType<typeof benchServer>>, variant: number): Promise<number> {
  const before = await liveBytes(gc);
  const app = await signedIn(server.url);
  await server.variant(variant);
  await app.poll();
  const held = ((await liveBytes(gc)) - before) / 2 ** 20;
  app.close();
  return held;
}

/** MB the parsed body alone holds. */
async function floorLive(gc: () => void, server: Awaited<ReturnType<typeof benchServer>>): Promise<number> {
  const before = await liveBytes(gc);
  const list: unknown = JSON.parse(await (await fetch(`${server.url}/bucket/available`)).text());
  const held = ((await liveBytes(gc)) - before) / 2 ** 20;
  if (!Array.isArray(list)) throw new Error('the floor fetched no list');
  return held;
}

async function liveMemory(): Promise<{ core: number[]; floor: number[] }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return { core: [], floor: [] };
  const server = await benchServer(COUNT, 3);
  const core: number[] = [];
  const floor: number[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      core.push(await coreLive(gc, server, 1 + (run % 2)));
      await liveBytes(gc);
      floor.push(await floorLive(gc, server));
    }
  } finally {
    server.stop();
  }
  return { core, floor };
}

export async function benchPollShapes(): Promise<Result[]> {
  const how = `Node ${process.version}, the real poll path (fetch from a loopback server in another process, body read, comparison, parse, checks, change detection, notifications, state, the patch a visible view gets, encoded as JSON text for IPC), scheduled polls on a manual clock`;
  const reordered = await pollShape('reorder');
  const allChange = await pollShape('flip');
  const reordered10k = await pollShape('reorder', 10_000);
  const allChange10k = await pollShape('flip', 10_000);
  const memory = await liveMemory();
  const probe = 'a 5 ms interval probe in the process: how late it fires';
  return [
    fromRuns({ id: 'poll-reordered-100k', metric: 'poll of 100,000 buckets in another order, none changed', unit: 'ms', floor: { id: 'floor-poll-100k', maxRatio: 1.5 }, how: `${how}: each poll a new shuffle of the same buckets, from the timer to the view's text ready (or the poll's end when nothing is sent), ${RUNS} polls` }, reordered.times),
    fromRuns({ id: 'poll-all-change-100k', metric: 'poll of 100,000 buckets that all changed', unit: 'ms', floor: { id: 'floor-poll-100k', maxRatio: 1.5 }, how: `${how}: every status flipped each poll, to the view's text ready, ${RUNS} polls` }, allChange.times),
    fromRuns({ id: 'floor-poll-100k', metric: 'floor: fetch + JSON.parse of the 100,000-bucket body', unit: 'ms', how: `Node ${process.version}: \`JSON.parse(await (await fetch(url)).text())\` each right after a poll of the same body from the same server, both on a collected heap (a full collection before each, as a minute between polls leaves it in use), ${RUNS} times per shape (reordered and all-changed runs pooled)` }, [...reordered.floor, ...allChange.floor]),
    fromRuns({ id: 'longest-task-poll-100k', metric: 'longest main-process block during those polls', unit: 'ms', target: { max: 50 }, how: `${probe}, over the reordered and all-changed polls (median of the ${RUNS * 2} polls' worst)` }, [...reordered.worst, ...allChange.worst]),
    fromRuns({ id: 'poll-reordered-10k', metric: 'poll of 10,000 buckets in another order, none changed', unit: 'ms', floor: { id: 'floor-poll-shapes-10k' }, how: `${how}: as poll-reordered-100k with 10,000 buckets, ${RUNS} polls` }, reordered10k.times),
    fromRuns({ id: 'poll-all-change-10k', metric: 'poll of 10,000 buckets that all changed', unit: 'ms', floor: { id: 'floor-poll-shapes-10k' }, how: `${how}: as poll-all-change-100k with 10,000 buckets, ${RUNS} polls` }, allChange10k.times),
    fromRuns({ id: 'floor-poll-shapes-10k', metric: 'floor: fetch + JSON.parse of those 10,000-bucket bodies', unit: 'ms', how: `Node ${process.version}: as floor-poll-100k, on the 10,000-bucket servers, ${RUNS} times per shape (pooled)` }, [...reordered10k.floor, ...allChange10k.floor]),
    fromRuns({ id: 'longest-task-poll-10k', metric: 'longest main-process block during the 10,000-bucket polls', unit: 'ms', target: { max: 50 }, how: `${probe}, over the 10,000-bucket reordered and all-changed polls (median of the ${RUNS * 2} polls' worst)` }, [...reordered10k.worst, ...allChange10k.worst]),
    fromRuns({ id: 'core-live-mb-100k', metric: 'live memory of the core holding 100,000 buckets', unit: 'MB', floor: { id: 'floor-live-mb-100k', maxRatio: 1.5 }, how: `Node --expose-gc: heapUsed + external after full collections, a signed-in controller after its first list and one more poll, minus before it was made; 3 runs` }, memory.core),
    fromRuns({ id: 'floor-live-mb-100k', metric: 'floor: the parsed 100,000-bucket list alone', unit: 'MB', how: 'the same measure around `JSON.parse` of the same body, the list held; 3 runs' }, memory.floor),
  ];
}
