import { spawn } from 'node:child_process';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';
import { ManualClock } from './manual-clock';
import { fromRuns, type Result } from './report';
import { WireSender } from '../../src/main/core/view/wire-sender';

/** Starts bench-server.ts in a child process; resolves with its address and a way to pick the body. */
export async function benchServer(count: number, variants: number, changes = 20, mode: 'flip' | 'reorder' = 'flip') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/bench-server.ts', String(count), String(variants), String(changes), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { port, bytes } = await new Promise<{ port: number; bytes: number }>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { port: number; bytes: number }));
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return { url, bytes, variant: async (i: number) => void (await fetch(`${url}/__variant?i=${i}`, { method: 'POST' })).arrayBuffer(), stop: () => child.kill() };
}

/** The floor of a poll: the same bytes from the same server by a bare `fetch`, read whole (and parsed, for a changed list). */
async function bareFetch(url: string, parse: boolean): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${url}/bucket/available`, { headers: { authorization: 'Bearer bench' } });
  if (parse) JSON.parse(await response.text());
  else await response.arrayBuffer();
  return performance.now() - start;
}

/**
 * The real poll path: bytes from a loopback HTTP server through fetch, the deadline-bounded
 * body read, the byte comparison, JSON.parse, validation, change detection, notification
 * policy, the new state and the patch a visible view receives. Timed from the refresh
 * call to the patch (or to the end of the poll when nothing changed).
 */
export async function benchPollPath(): Promise<Result[]> {
  const results: Result[] = [];
  for (const [count, runs, id, target] of [
    [10_000, 30, 'poll-path-10k', 15],
    [100_000, 9, 'poll-path-100k', 150],
  ] as const) {
    const server = await benchServer(count, runs + 3);
    const { url } = server;
    try {
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
      let pushed = 0;
      const feed = controller.createFeed((_event, payload) => (pushed += JSON.stringify(payload).length), { visible: true });
      /** One scheduled poll (not a refresh click, which shows a spinner): fire the poller's timer, wait for the next one to be set. */
      const poll = async () => {
        const done = clock.nextSchedule(60_000);
        const start = performance.now();
        clock.fireWithDelay(60_000);
        await done;
        return performance.now() - start;
      };
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
      await new Promise((resolve) => setImmediate(resolve)); // the poller sets its next timer right after
      const changed: number[] = [];
      /** Each poll's floor right after it, on the same body: the machine's state at that moment weighs on both alike. */
      const parsed: number[] = [];
      for (let run = 1; run < runs + 3; run++) {
        await server.variant(run);
        const took = await poll();
        if (run > 2) changed.push(took);
        if (run > 2 && count === 10_000) parsed.push(await bareFetch(url, true));
      }
      const floorPoll = count === 10_000 ? { id: 'floor-poll-10k' } : undefined;
      results.push(
        fromRuns({ id, metric: `poll with 20 changes, ${count.toLocaleString('en')} buckets: bytes → state → patch`, unit: 'ms', target: { max: target }, floor: floorPoll, how: `Node ${process.version}, loopback HTTP from a server in another process, body ${(server.bytes / 1e6).toFixed(1)} MB, median of ${runs} scheduled polls after 2 warm-up` }, changed),
      );
      if (count === 10_000) {
        results.push(fromRuns({ id: 'floor-poll-10k', metric: 'floor: bare fetch of the same body, read and JSON.parse', unit: 'ms', how: `the same server and body as poll-path-10k, Node's fetch, the text parsed, nothing else; one right after each of its ${runs} polls` }, parsed));
        const unchanged: number[] = [];
        const fetched: number[] = [];
        const before = pushed;
        for (let run = 0; run < 30; run++) {
          unchanged.push(await poll());
          fetched.push(await bareFetch(url, false));
        }
        results.push(fromRuns({ id: 'poll-unchanged-10k', metric: 'poll that changed nothing, 10,000 buckets', unit: 'ms', target: { max: 5 }, floor: { id: 'floor-fetch-10k' }, how: 'same path, the server sends the same bytes again (compared, not parsed), median of 30' }, unchanged));
        results.push(fromRuns({ id: 'floor-fetch-10k', metric: 'floor: bare fetch of the same body, read whole', unit: 'ms', how: "the same server and 2.3 MB body, Node's fetch and arrayBuffer, nothing else; one right after each of the 30 unchanged polls" }, fetched));
        results.push(fromRuns({ id: 'push-bytes-unchanged', metric: 'bytes pushed to a visible view by 30 unchanged polls', unit: 'bytes', target: { exact: 0 }, how: 'JSON size of every snapshot/patch the view feed sent during those polls' }, [pushed - before]));
      }
      const problem = controller.state.sync.error;
      feed.dispose();
      controller.dispose();
      if (problem) throw new Error(`the poll-path benchmark's polls failed: ${problem.message}`);
    } finally {
      server.stop();
    }
  }
  return results;
}

/**
 * 100,000 buckets that all change on one poll: the longest the event loop is blocked
 * (a 10 ms interval probe: how late it fires), so the app keeps answering (tray, IPC).
 */
export async function benchAllChange(): Promise<Result[]> {
  const server = await benchServer(100_000, 2, 100_000);
  const blocks: number[] = [];
  try {
    const controller = new AppController({
      settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: server.url }),
      keychain: new MemoryKeychain(),
      log: new MemoryLogger(),
      notifier: { show: () => undefined },
      minRefreshGapMs: 0,
      requestTimeoutMs: 60_000,
    });
    // The feed encodes what it sends as the Electron adapter does (core/wire-sender.ts): that is main-process work too.
    const wire = new WireSender(() => undefined);
    const feed = controller.createFeed((event, payload) => wire.send(event, payload), { visible: true });
    await controller.start();
    await controller.dispatch('addAccount', [controller.state.settings.apiBaseUrl, 'bench@example.com', 'pw']);
    await controller.refresh();
    for (let run = 1; run <= 5; run++) {
      await server.variant(run);
      let worst = 0;
      let last = performance.now();
      const probe = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last - 10);
        last = now;
      }, 10);
      await controller.refresh();
      await wire.idle();
      // Let a probe that was held up by the poll's last synchronous stretch fire before stopping it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      clearInterval(probe);
      blocks.push(worst);
    }
    const problem = controller.state.sync.error;
    feed.dispose();
    controller.dispose();
    if (problem) throw new Error(`the all-change benchmark's polls failed: ${problem.message}`);
  } finally {
    server.stop();
  }
  return [fromRuns({ id: 'event-loop-block-100k-all-change', metric: 'longest event-loop block during a poll where all 100,000 buckets change', unit: 'ms', target: { max: 500 }, how: 'a 10 ms interval probe in the main process during the poll (server in another process, a visible view fed what the change sends (the 100,000 moved ids; a snapshot before they were ids), encoded as JSON text for IPC), 5 polls' }, blocks)];
}
