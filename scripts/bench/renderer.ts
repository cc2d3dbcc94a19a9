import { chromium, type Browser, type Page } from '@playwright/test';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEFAULT_SETTINGS, type AppState, type BucketView } from '../../src/shared/contract';
import { eventToWire } from '../../src/shared/wire';
import { openRenderer } from '../../tests/e2e/renderer-stub';
import { floorPage } from './floor-page';
import { fromRuns, type Result } from './report';

const BENCH_ACCOUNT = 'acc-bench00001';

/** A signed-in account with no buckets yet: the page the bench's lists arrive in. */
export const emptyState: AppState = {
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
  buckets: [],
  sync: { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date().toISOString() },
  settings: DEFAULT_SETTINGS,
  notices: [],
  workspaces: [],
  update: { kind: 'idle' },
  accounts: [{ id: BENCH_ACCOUNT, label: 'bench@example.com', apiBaseUrl: DEFAULT_SETTINGS.apiBaseUrl, email: 'bench@example.com', auth: 'signed-in', phase: 'idle', stale: false }],
  currentAccount: BENCH_ACCOUNT,
  draft: null,
};

export const withSince = (count: number, seed = 1): BucketView[] => makeBuckets(count, { seed }).map((bucket) => ({ ...bucket, account: BENCH_ACCOUNT, statusSince: new Date(Date.now() - 600_000).toISOString() }));

/**
 * In the page: runs `action`, lets Preact render (it renders in a microtask), forces style
 * and layout, and returns the milliseconds from the action to the moment the next frame
 * could be painted. Playwright's own round trips are outside the measured span.
 */
const MEASURE = `window.__measure = async (action) => {
  const start = performance.now();
  action();
  await new Promise((resolve) => { const channel = new MessageChannel(); channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
  document.body.getBoundingClientRect();
  document.querySelector('.list')?.getBoundingClientRect();
  return performance.now() - start;
};`;

export async function freshPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 380, height: 520 } });
  await openRenderer(page, emptyState);
  await page.getByText('No buckets are available').waitFor();
  await page.addScriptTag({ content: MEASURE }).catch(async () => page.evaluate(MEASURE));
  return page;
}

/**
 * The snapshot arrives the way the preload delivers it: the text main's `eventToWire` makes
 * (shared/wire.ts: for a large list, a head line with the first screen and the counts, then
 * the whole snapshot), put into the page beforehand in its own task (encoding is main's work,
 * and Playwright's argument parsing is nobody's). The measured spans start at the snapshot
 * event.
 */
async function firstRender(page: Page, buckets: BucketView[]): Promise<number> {
  return (await firstAndComplete(page, buckets)).first;
}

/**
 * `first`: to the frame that shows the list (for a large list on a new view, its first screen:
 * the first rows exactly as the full list orders them, every bucket counted). `complete`: on
 * to the frame after the full index is in (the list no longer `aria-busy`).
 */
export async function firstAndComplete(page: Page, buckets: BucketView[]): Promise<{ first: number; complete: number }> {
  await page.evaluate((text) => {
    (window as unknown as { __incoming: string }).__incoming = text;
  }, eventToWire('snapshot', { version: 2, state: { ...emptyState, buckets } }));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return page.evaluate(async () => {
    const w = window as unknown as { __measure(action: () => void): Promise<number>; __sendSnapshotText(text: string): void; __incoming: string };
    const text = w.__incoming;
    const start = performance.now();
    let first = await w.__measure(() => w.__sendSnapshotText(text));
    // A snapshot over 5,000 buckets is decoded a line per task (shared/wire.ts): on to the first frame with the list.
    for (let frames = 0; !document.querySelector('ul.list') && frames < 600; frames++) await new Promise((resolve) => requestAnimationFrame(resolve));
    if (!document.querySelector('ul.list')) throw new Error('the list did not render');
    first = Math.max(first, performance.now() - start);
    while (document.querySelector('ul.list[aria-busy]')) await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    document.querySelector('.list')?.getBoundingClientRect();
    return { first, complete: performance.now() - start };
  });
}

/**
 * render-first-10k's floor, timed the same way: the bare Preact page (floor-page.ts) handed the
 * snapshot's JSON parses it, sorts it by name and draws 48 rows; to the moment the next frame
 * could be painted.
 */
async function floorFirst(browser: Browser, buckets: BucketView[]): Promise<number> {
  const page = await floorPage(browser);
  try {
    await page.evaluate(MEASURE);
    await page.evaluate((text) => void ((window as unknown as { __incoming: string }).__incoming = text), JSON.stringify({ version: 2, state: { ...emptyState, buckets } }));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    return await page.evaluate(() => {
      const w = window as unknown as { __measure(action: () => void): Promise<number>; __floorFirst(text: string): void; __incoming: string };
      return w.__measure(() => w.__floorFirst(w.__incoming));
    });
  } finally {
    await page.close();
  }
}

/** One changed bucket per patch, 15 patches, each measured to the next frame. */
async function patchRuns(page: Page, buckets: BucketView[]): Promise<number[]> {
  return page.evaluate(async (list) => {
    const w = window as unknown as { __measure(action: () => void): Promise<number>; __patch(patch: unknown): void };
    const times: number[] = [];
    let version = 2;
    for (let i = 0; i < 15; i++) {
      const bucket = list[(i * 613) % list.length]!;
      const changed = { ...bucket, status: i % 2 ? 'ONLINE' : 'OFFLINE', previousStatus: bucket.status, statusSince: new Date().toISOString() };
      times.push(await w.__measure(() => w.__patch({ base: version, version: ++version, buckets: { upsert: [changed], remove: [] } })));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    return times;
  }, buckets.filter((_, i) => i % 97 === 0));
}

/** Broad queries (match most rows): each keystroke re-filters nearly the whole list. */
const QUERIES = ['w', 'wo', 'wor', 'work', 'works', 'worksp', 'workspa', 'workspac', 'workspace', 'workspace-', 'workspace', 'works', 'w', '', '-', ''];

async function keystrokes(page: Page): Promise<number[]> {
  return page.evaluate(async (queries) => {
    const w = window as unknown as { __measure(action: () => void): Promise<number> };
    const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
    const times: number[] = [];
    for (const query of queries) {
      times.push(
        await w.__measure(() => {
          input.value = query;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      );
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    return times;
  }, QUERIES);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function benchRenderer(): Promise<Result[]> {
  const browser = await launchChromium();
  const how = `Chromium ${browser.version()} headless, 380×520 popover, the built renderer`;
  const results: Result[] = [];
  try {
    const tenK = withSince(10_000);
    const first: number[] = [];
    const complete: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < 7; run++) {
      const page = await freshPage(browser);
      const times = await firstAndComplete(page, tenK);
      first.push(times.first);
      complete.push(times.complete);
      await page.close();
      floor.push(await floorFirst(browser, tenK));
    }
    results.push(fromRuns({ id: 'floor-render-10k', metric: 'floor: parse, sort by name, 48 rows, 10,000 buckets', unit: 'ms', how: `${how}, the bare Preact page (scripts/bench/floor-page.ts): JSON.parse of the snapshot, one sort by lower-case name, 48 rows, timed as render-first-10k; a fresh page right after each of its runs` }, floor));
    results.push(fromRuns({ id: 'render-first-10k', metric: 'first render of 10,000 buckets', unit: 'ms', target: { max: 100 }, floor: { id: 'floor-render-10k' }, how: `${how}: snapshot event with main's wire text (as the preload passes it) → decoded in one task (a list under 20,000 buckets), indexed in one go, rendered and laid out, 7 fresh pages` }, first));
    results.push(fromRuns({ id: 'render-complete-10k', metric: 'first render of 10,000 buckets, full index included', unit: 'ms', how: `${how}: as render-first-10k, on to the end of the first frame after it (a list under 20,000 is shown whole at once), 7 fresh pages` }, complete));

    const page = await freshPage(browser);
    await firstRender(page, tenK);
    const updates = await patchRuns(page, tenK);
    results.push(fromRuns({ id: 'render-update-10k', metric: 'a patch of one changed bucket, 10,000 shown', unit: 'ms', target: { max: 16 }, how: `${how}: patch event (JSON text) → decoded, list re-sorted, rendered and laid out, 15 patches` }, updates));
    results.push(fromRuns({ id: 'keystroke-10k', metric: 'search keystroke, 10,000 buckets, broad queries', unit: 'ms', target: { max: 16 }, how: `${how}: input event → filtered, rendered and laid out; ${QUERIES.length} keystrokes matching most rows` }, await keystrokes(page)));
    await page.close();

    const big = await freshPage(browser);
    const hundredK = withSince(100_000, 2);
    await firstRender(big, hundredK);
    results.push(fromRuns({ id: 'render-update-100k', metric: 'a patch of one changed bucket, 100,000 shown', unit: 'ms', how: `${how}: as render-update-10k, 100,000 buckets` }, await patchRuns(big, hundredK)));
    results.push(fromRuns({ id: 'keystroke-100k', metric: 'search keystroke, 100,000 buckets, broad queries', unit: 'ms', target: { max: 50 }, how: `${how}: as keystroke-10k, 100,000 buckets` }, await keystrokes(big)));
    await big.close();
  } finally {
    await browser.close();
  }
  return results;
}
