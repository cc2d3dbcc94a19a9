import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startPreview } from './preview-process';

/**
 * Issue 24, "Smaller": one time format (the user's locale, through Intl), and a pause that
 * ends after midnight says "tomorrow". The clock is pinned (the core's with `--clock`, the
 * page's with Playwright's), the time zone and the locale set: the test reads the same at any hour.
 */
const LATE_EVENING = '2026-12-01T23:07:00Z';

for (const { locale, lang, until } of [
  { locale: 'en-GB', lang: 'en_GB.UTF-8', until: 'tomorrow 00:07' },
  { locale: 'en-US', lang: 'en_US.UTF-8', until: 'tomorrow 12:07 AM' },
]) {
  test(`paused at 23:07 for an hour: the tray, the header and Settings say “until ${until}” (${locale})`, async ({ browser }) => {
    const preview = await startPreview(['--clock', LATE_EVENING], { env: { TZ: 'UTC', LANG: lang, LC_ALL: lang } });
    const context = await browser.newContext({ locale, timezoneId: 'UTC', viewport: { width: 1000, height: 640 } });
    try {
      const page = await context.newPage();
      await page.clock.install({ time: new Date(LATE_EVENING) });
      await page.goto(preview.url);
      const tray = page.getByRole('region', { name: 'Tray' });
      const popover = page.getByRole('region', { name: 'Popover' });
      await expect(popover.getByRole('list', { name: /Available buckets/ })).toBeVisible();
      await tray.getByText('Pause notifications').click();
      await tray.getByRole('menuitem', { name: 'For 1 hour' }).click();
      await expect(tray.getByRole('menuitem', { name: `Resume notifications (paused until ${until})` })).toBeVisible();
      await expect(popover.getByText(`notifications paused until ${until}`)).toBeVisible();
      await popover.getByRole('button', { name: 'Settings' }).click();
      await expect(popover.getByText(`Paused until ${until}.`)).toBeVisible();
    } finally {
      await context.close();
      await preview.stop();
    }
  });
}

test('the notification feed writes its times as the rest of the app does (the locale’s form, no seconds)', async ({ browser }) => {
  const preview = await startPreview(['--clock', LATE_EVENING], { env: { TZ: 'UTC', LANG: 'en_GB.UTF-8', LC_ALL: 'en_GB.UTF-8' } });
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
  try {
    const page = await context.newPage();
    await page.clock.install({ time: new Date(LATE_EVENING) });
    await page.goto(preview.url);
    const feed = page.getByRole('region', { name: 'Notifications' });
    // The demo scenario changes a bucket every few seconds: refresh until one is told.
    for (let i = 0; i < 12 && (await feed.locator('time').count()) === 0; i++) {
      await page.waitForTimeout(1500);
      await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Refresh now' }).click();
    }
    await expect(feed.locator('time').first()).toHaveText(/^23:0\d$/);
  } finally {
    await context.close();
    await preview.stop();
  }
});

test('Ctrl+C on a preview that made its own data folder removes the folder', async () => {
  const preview = await startPreview([], { ownDataDir: true });
  expect(existsSync(preview.dataDir)).toBe(true);
  await preview.signal('SIGINT');
  expect(existsSync(preview.dataDir)).toBe(false);
});
