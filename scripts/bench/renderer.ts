import { chromium } from '@playwright/test';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEFAULT_SETTINGS, type AppState } from '../../src/shared/contract';
import { openRenderer } from '../../tests/e2e/renderer-stub';
import { median, type Result } from './report';

const emptyState: AppState = {
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
  buckets: [],
  sync: { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date().toISOString() },
  settings: DEFAULT_SETTINGS,
  notices: [],
  workspaces: [],
};

/** Pushes `count` buckets into the page and times until the list is in the DOM (MutationObserver). */
async function timeFirstRender(page: import('@playwright/test').Page, count: number): Promise<number> {
  const buckets = makeBuckets(count).map((bucket) => ({ ...bucket, statusSince: new Date().toISOString() }));
  return page.evaluate(
    ({ state, expected }) =>
      new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          const list = document.querySelector('ul.list');
          if (list?.getAttribute('aria-label') === expected) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        const start = performance.now();
        (window as unknown as { __emit(event: string, payload: unknown): void }).__emit('state', state);
      }),
    { state: { ...emptyState, buckets }, expected: `Available buckets, ${count}` },
  );
}

export async function benchRenderer(): Promise<Result[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const version = browser.version();
  const results: Result[] = [];
  try {
    for (const [count, target] of [
      [1000, undefined],
      [10_000, 100],
    ] as const) {
      const times: number[] = [];
      for (let run = 0; run < 7; run++) {
        const page = await browser.newPage({ viewport: { width: 380, height: 520 } });
        await openRenderer(page, emptyState);
        await page.getByText('No buckets are available').waitFor();
        times.push(await timeFirstRender(page, count));
        await page.close();
      }
      results.push({
        metric: `popover first render, ${count.toLocaleString('en')} buckets`,
        value: median(times),
        unit: 'ms',
        target: target === undefined ? undefined : { max: target },
        how: `Chromium ${version} headless, 380×520, state pushed through the bridge → list in the DOM, median of 7 fresh pages`,
        detail: `worst ${Math.max(...times).toFixed(1)} ms`,
      });
    }

    const page = await browser.newPage({ viewport: { width: 380, height: 520 } });
    await openRenderer(page, emptyState);
    await page.getByText('No buckets are available').waitFor();
    await timeFirstRender(page, 10_000);
    const keystrokes = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
      const queries = ['p', 'ph', 'pho', 'phot', 'photo', 'photos', 'photos 1', 'photos 12', 'photos 1', 'photos', 'a', 'ar', 'arc', 'arch', 'archive', 'archive 9', 'archive', '', 'l', 'lo', 'log', 'logs', 'logs 5', 'logs 55', 'logs 5', ''];
      const times: number[] = [];
      for (const query of queries) {
        const list = document.querySelector('.list-scroller') ?? document.body;
        const elapsed = await new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            clearTimeout(fallback);
            resolve(performance.now() - start);
          });
          observer.observe(document.querySelector('.app')!, { subtree: true, childList: true, attributes: true, characterData: true });
          const fallback = setTimeout(() => {
            observer.disconnect();
            resolve(Number.NaN);
          }, 1000);
          const start = performance.now();
          input.value = query;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        if (!Number.isNaN(elapsed)) times.push(elapsed);
        void list;
        await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      }
      return times;
    });
    results.push({
      metric: 'search keystroke → list updated, 10,000 buckets',
      value: median(keystrokes),
      unit: 'ms',
      target: { max: 16 },
      how: `Chromium ${version}, input event → DOM updated (MutationObserver), median of ${keystrokes.length} keystrokes`,
      detail: `worst ${Math.max(...keystrokes).toFixed(1)} ms`,
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    results.push({ metric: 'renderer JS heap with 10,000 buckets', value: heap.usedSize / 1024 / 1024, unit: 'MB', how: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, list shown' });
  } finally {
    await browser.close();
  }
  return results;
}
