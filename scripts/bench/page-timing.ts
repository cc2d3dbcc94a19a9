// In-page timing shared by the app's page and the floor page, so both are measured alike:
// from the event (a key press's own timestamp, or the moment the text is handed over) to
// the end of the first frame that shows the result, and the long tasks on the way.
import type { Page } from '@playwright/test';

/** What `installTiming` puts on `window`. */
export interface Timing {
  /** Resolves after the next frame has been produced (a frame callback, then a task). */
  __frame(): Promise<void>;
  /** Frames until the list shows `query`'s result (not busy, its first rows match), then the ms since `start`. */
  __untilShown(start: number, query?: string): Promise<number>;
  /** The longest task over 50 ms (the Long Tasks API) that started at or after `start`; 0 when none. */
  __longestSince(start: number): Promise<number>;
  /** The query the next key press makes; its timing lands in `__pending`. */
  __expect: string | undefined;
  __pending: Promise<number> | undefined;
  __incoming: string;
}

/** Plain JavaScript (not a function passed to `evaluate`: tsx's transform would add helpers the page lacks). */
const TIMING = `(() => {
  const w = window;
  w.__frame = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  }));
  w.__longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) w.__longTasks.push([entry.startTime, entry.duration]); }).observe({ type: 'longtask' });
  const shows = (query) => {
    const list = document.querySelector('ul.list');
    if (!list || list.getAttribute('aria-busy') === 'true') return false;
    const rows = Array.from(list.querySelectorAll('li[data-bucket-id]')).slice(0, 8);
    if (!rows.length) return false;
    // A one-letter query also matches text a row does not show (ids, workspace ids).
    return query === undefined || query.length < 2 || rows.every((row) => (row.textContent || '').toLowerCase().includes(query));
  };
  w.__untilShown = async (start, query) => {
    const giveUp = performance.now() + 20000;
    do await w.__frame(); while (!shows(query) && performance.now() < giveUp);
    if (!shows(query)) throw new Error('the page never showed ' + (query === undefined ? 'the list' : query));
    return performance.now() - start;
  };
  w.__longestSince = async (start) => {
    // Long-task entries are delivered a little after their task: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return Math.max(0, ...w.__longTasks.filter(([at]) => at >= start).map(([, duration]) => duration));
  };
  document.addEventListener('keydown', (event) => { w.__pending = w.__untilShown(event.timeStamp, w.__expect); }, true);
})()`;

export async function installTiming(page: Page): Promise<void> {
  await page.evaluate(TIMING);
}

/**
 * Real key presses (Playwright's keyboard: the browser's input pipeline, as a person's keys)
 * typing each query from an empty box, one character at a time, 120 ms apart (a fast
 * typist); each timed from the key's own event timestamp to the frame that shows its result.
 */
export async function typeQueries(page: Page, queries: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const query of queries) {
    await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.focus();
      const w = window as unknown as Timing;
      await w.__untilShown(performance.now());
    });
    await page.waitForTimeout(300);
    for (let i = 1; i <= query.length; i++) {
      await page.evaluate((expect) => void ((window as unknown as Timing).__expect = expect), query.slice(0, i));
      await page.keyboard.type(query[i - 1]!);
      times.push(await page.evaluate(() => (window as unknown as Timing).__pending!));
      await page.waitForTimeout(120);
    }
  }
  return times;
}
