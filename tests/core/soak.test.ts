import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { historyFileAt } from '../../src/main/core/notify/status-history';
import { HISTORY_MAX_BYTES } from '../../src/main/core/notify/history-bounds';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { FileLogger } from '../../src/main/core/platform/logger';
import { JsonFileSettingsStore } from '../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';
import { ManualClock } from '../../scripts/bench/manual-clock';
import { tempDir } from '../setup/temp-dirs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HOURS = 4;
/** Every 5 minutes (a setting the user can choose): four hours are 48 polls of 50,000 buckets, in about a minute. */
const INTERVAL_MS = 300_000;
const BUCKETS = 50_000;
/**
 * Budgets: the data folder (history 2 MB, two 1 MB logs, settings), and the heap of this
 * whole process (the app's core with 50,000 buckets and a history growing toward its
 * budget, plus this test's server) after a garbage collection.
 */
const DATA_FOLDER_MAX = 8 * 1024 * 1024;
const HEAP_MAX = 400 * 1024 * 1024;
/** After the first half hour (the list and its indexes made): the history's growth toward its budget, no more. */
const HEAP_GROWTH_MAX = 48 * 1024 * 1024;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A string a broken server might send: any code units, lone surrogates and controls included. */
function junk(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(random() < 0.2 ? 0xd800 + Math.floor(random() * 0x800) : Math.floor(random() * 0x3000));
  return text;
}

/** The server: 50,000 buckets with hostile ids (some repeated, some renamed at random), flapping statuses and presence, statuses of up to 1 MB. (Broken answers are faults.integration.test.ts's.) */
function hostileServer(seed: number) {
  const random = seeded(seed);
  const buckets = Array.from({ length: BUCKETS }, (_, i) => ({
    id: i % 1000 === 999 ? `b-${i - 1}` : i < 300 ? `${junk(random, 1 + (i % 12))}-${i}` : i === 300 ? '.' : i === 301 ? '..' : `b-${i}`,
    name: i % 5 === 0 ? junk(random, 20) : `Bucket ${i}`,
    status: 'ONLINE',
    storageType: 'S3',
  }));
  // Each bucket's JSON is kept and only the changed ones are made again: the server's cost stays out of the app's.
  const items = buckets.map((bucket) => JSON.stringify(bucket));
  const change = (i: number, apply: (bucket: (typeof buckets)[number]) => void) => {
    apply(buckets[i]!);
    items[i] = JSON.stringify(buckets[i]);
  };
  let poll = 0;
  const big: number[] = [];
  const answer = () => {
    poll++;
    for (let k = 0; k < 500; k++) {
      const roll = random();
      change(Math.floor(random() * BUCKETS), (bucket) => void (bucket.status = roll < 0.4 ? 'OFFLINE' : roll < 0.8 ? 'ONLINE' : roll < 0.9 ? 'DISCONNECTED' : junk(random, 8)));
    }
    // Four statuses of 0–1 MB each poll; last poll's big ones go back to short (the list stays under the 32 MB a response may have).
    for (const i of big.splice(0)) change(i, (bucket) => void (bucket.status = 'ONLINE'));
    for (let k = 0; k < 4; k++) {
      const i = Math.floor(random() * BUCKETS);
      big.push(i);
      change(i, (bucket) => void (bucket.status = 'X'.repeat(Math.floor(random() * 1024 * 1024)) + junk(random, 4)));
    }
    for (let k = 0; k < 20; k++) change(Math.floor(random() * 300), (bucket) => void (bucket.id = `${junk(random, 6)}-new`));
    const absent = new Set(Array.from({ length: 300 }, () => Math.floor(random() * BUCKETS)));
    return `[${items.filter((_, i) => !absent.has(i)).join(',')}]`;
  };
  return { answer, polls: () => poll };
}

function memoryFetch(body: () => string): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/user/login') || url.endsWith('/user/refresh')) {
      return Response.json({ success: true, accessToken: 'eyJhbGciOiJub25lIn0.e30.soak', refreshToken: 'rt', expiresAt: Math.floor(Date.now() / 1000) + 10 ** 7, user: { email: 'soak@example.com' } });
    }
    if (url.endsWith('/mfa/status')) return Response.json({ success: true, data: { isRequired: false, isEnforced: false, enabledMethods: [], sessionVerified: true } });
    if (url.endsWith('/workspace')) return Response.json({ success: true, workspaces: [] });
    const text = body();
    return new Response(text, { headers: { 'content-type': text.startsWith('<') ? 'text/html' : 'application/json' } });
  }) as typeof fetch;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(path) : (await stat(path)).size;
  }
  return total;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('soak', () => {
  it(`${HOURS} hours of polling ${BUCKETS.toLocaleString('en')} hostile buckets on a fake clock: heap and data folder stay within their budgets`, async () => {
    const dir = await tempDir('flashback-soak-');
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, apiBaseUrl: 'http://127.0.0.1:9', pollIntervalSeconds: INTERVAL_MS / 1000 }));
    const server = hostileServer(23);
    const clock = new ManualClock(Date.parse('2026-11-25T08:00:00Z'));
    const log = new FileLogger({ path: join(dir, 'logs', 'main.log'), now: () => new Date(clock.now()) });
    const notes: Array<{ title: string; body: string }> = [];
    const controller = new AppController({
      settingsStore: new JsonFileSettingsStore(join(dir, 'settings.json')),
      historyFile: historyFileAt(join(dir, 'history.json')),
      keychain: new MemoryKeychain(),
      log,
      clock,
      notifier: { show: (request) => void notes.push({ title: request.title, body: request.body }) },
      fetch: memoryFetch(server.answer),
    });
    const feed = controller.createFeed(() => undefined, { visible: true });
    await controller.start();
    await controller.dispatch('addAccount', [controller.state.settings.apiBaseUrl, 'soak@example.com', 'pw']);
    // The first list: a baseline.
    for (let i = 0; i < 100_000 && controller.state.buckets.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    const start = clock.now();
    const end = start + HOURS * 3600_000;
    let heapAfterHalfHour = 0;
    const started = performance.now();
    while (clock.now() < end) {
      // The timers due before the next poll (history saves, token refreshes), then the poll, until it has set the one after it.
      while (clock.nextDelay() !== undefined && clock.nextDelay() !== INTERVAL_MS) {
        clock.fireNext();
        await turn();
      }
      const done = clock.nextSchedule(INTERVAL_MS);
      if (!clock.fireNext()) throw new Error('nothing is scheduled: polling stopped');
      await done;
      await turn();
      if (!heapAfterHalfHour && clock.now() - start >= 1800_000) {
        gc();
        heapAfterHalfHour = process.memoryUsage().heapUsed;
      }
    }
    const polls = server.polls();
    await controller.flushHistory();
    await log.flush();
    gc();
    await turn();
    const heapEnd = process.memoryUsage().heapUsed;
    const dataBytes = await folderBytes(dir);
    const historyBytes = (await stat(join(dir, 'history.json'))).size;
    const figures = {
      simulatedHours: +((clock.now() - start) / 3600_000).toFixed(2),
      polls,
      seconds: Math.round((performance.now() - started) / 1000),
      heapAfterHalfHourMB: +(heapAfterHalfHour / 2 ** 20).toFixed(1),
      heapEndMB: +(heapEnd / 2 ** 20).toFixed(1),
      heapGrowthMB: +((heapEnd - heapAfterHalfHour) / 2 ** 20).toFixed(1),
      dataFolderMB: +(dataBytes / 2 ** 20).toFixed(2),
      historyMB: +(historyBytes / 2 ** 20).toFixed(2),
      notifications: notes.length,
      longestNotification: Math.max(0, ...notes.map((note) => note.title.length + note.body.length)),
      buckets: controller.state.buckets.length,
    };
    console.log(`soak figures: ${JSON.stringify(figures)}`, JSON.stringify(controller.state.sync).slice(0, 400));
    feed.dispose();
    controller.dispose();
    expect(polls).toBeGreaterThanOrEqual((HOURS * 3600_000) / INTERVAL_MS);
    expect(controller.state.buckets.length).toBeGreaterThan(BUCKETS * 0.9);
    expect(historyBytes).toBeLessThanOrEqual(HISTORY_MAX_BYTES);
    expect(dataBytes).toBeLessThanOrEqual(DATA_FOLDER_MAX);
    expect(heapEnd).toBeLessThanOrEqual(HEAP_MAX);
    // Each bucket's previous status used to be kept whole: 1 MB statuses piled up (88 → 222 MB in four hours).
    expect(heapEnd - heapAfterHalfHour).toBeLessThanOrEqual(HEAP_GROWTH_MAX);
    expect(figures.longestNotification).toBeLessThan(1000);
  }, 300_000);
});
