import { expect, test } from '@playwright/test';
import { startPreview } from './preview-process';

/**
 * Loading the preview: the whole state crosses once. The event stream opens with a snapshot
 * (the page's feed is made when it connects), and that snapshot answers the page's first
 * `getState`; asking again over HTTP would send (and parse, and index) the whole list twice.
 */
test('a page load takes the whole state once: the stream’s opening snapshot, no getState over HTTP', async ({ page }) => {
  const preview = await startPreview([]);
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __snapshots: number };
      w.__snapshots = 0;
      const seen = new WeakSet<Event>();
      const add = EventSource.prototype.addEventListener;
      EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
        if (type !== 'snapshot' || typeof listener !== 'function') return add.call(this, type, listener, options);
        return add.call(this, type, (event: Event) => {
          if (!seen.has(event)) w.__snapshots++;
          seen.add(event);
          listener.call(this, event);
        }, options);
      } as typeof EventSource.prototype.addEventListener;
    });
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/command/getState') asked.push(request.url());
    });
    await page.goto(preview.url);
    await expect(page.getByRole('region', { name: 'Popover' }).getByRole('list', { name: /Available buckets/ })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __snapshots: number }).__snapshots)).toBe(1);
    expect(asked).toEqual([]);
  } finally {
    await preview.stop();
  }
});
