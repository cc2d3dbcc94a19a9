// `npm run screenshots`: saves what a person sees, for the README and for review: the preview
// page (tray strip, popover, notification feed), the popover alone in light and dark, and
// the popover with a second account added, and the popover at the smallest size (340×360) in light and dark.
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { OPS_USER } from '../src/mock-api/server';
import { startPreview } from '../tests/e2e/preview-process';

const out = 'docs';
await mkdir(out, { recursive: true });
const preview = await startPreview([]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 960, height: 600 }, colorScheme: scheme, deviceScaleFactor: 1 });
    await page.goto(preview.url);
    await page.getByRole('list', { name: /Available buckets/ }).waitFor();
    // The demo scenario changes a bucket every few seconds; refresh from the tray menu until a notification shows.
    const firstNotification = page.getByRole('region', { name: 'Notifications' }).getByRole('button').first();
    for (let i = 0; i < 10 && !(await firstNotification.isVisible()); i++) {
      await page.waitForTimeout(5000);
      await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Refresh now' }).click();
    }
    await firstNotification.waitFor({ timeout: 5000 });
    // Clean images: dismiss what can be dismissed (the keychain note on a machine without one), and refuse to save a banner.
    const popover = page.getByRole('region', { name: 'Popover' });
    for (let i = 0; i < 5 && (await popover.locator('.banner').count()) > 0; i++) {
      const dismiss = popover.locator('.banner').getByRole('button', { name: 'Dismiss' });
      if (await dismiss.count()) await dismiss.first().click();
      else await page.waitForTimeout(1000);
    }
    if ((await popover.locator('.banner').count()) > 0) throw new Error(`a banner would be in the screenshot: ${await popover.locator('.banner').innerText()}`);
    await page.locator('.preview-popover').screenshot({ path: `${out}/popover-${scheme}.png` });
    if (scheme === 'light') {
      await page.screenshot({ path: `${out}/preview.png` });
      // Several accounts: the ops demo account added, its buckets named, the header's menu open.
      await popover.getByRole('button', { name: /^Accounts: showing/ }).click();
      await popover.getByRole('menuitem', { name: 'Add account…' }).click();
      const form = popover.getByRole('form', { name: 'Add an account' });
      await form.getByRole('textbox', { name: 'Email' }).fill(OPS_USER.email);
      await form.getByLabel('Password').fill(OPS_USER.password!);
      await form.getByRole('button', { name: 'Add account' }).click();
      await popover.getByRole('button', { name: 'Accounts: showing All accounts' }).click();
      await page.locator('.preview-popover').screenshot({ path: `${out}/accounts.png` });
    }
    // The smallest window the popover allows (340×360): the preview sizes its popover with ?popover=.
    await page.goto(`${preview.url}?popover=340x360`);
    await page.getByRole('list', { name: /Available buckets/ }).waitFor();
    if ((await popover.locator('.banner').count()) > 0) throw new Error(`a banner would be in the screenshot: ${await popover.locator('.banner').innerText()}`);
    await page.locator('.preview-popover').screenshot({ path: `${out}/popover-small-${scheme}.png` });
    await page.close();
  }
  console.log(`Saved ${out}/preview.png, ${out}/popover-light.png, ${out}/popover-dark.png, ${out}/accounts.png and ${out}/popover-small-light.png, ${out}/popover-small-dark.png`);
} finally {
  await browser.close();
  await preview.stop();
}
