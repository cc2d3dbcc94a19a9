import { expect, test } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 24, "a count beside the tray icon": the preview draws a Linux tray, where the count
 * is the AppIndicator label. On by default; the Settings switch takes it away and back.
 */
let preview: RunningPreview;
test.beforeEach(async () => {
  preview = await startPreview([]);
});
test.afterEach(async () => preview.stop());

for (const scheme of ['light', 'dark'] as const) {
  test(`the count of buckets needing attention shows beside the tray icon, and the Settings switch hides it (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(preview.url);
    const popover = page.getByRole('region', { name: 'Popover' });
    const header = popover.locator('.header-status');
    await expect(header).toContainText(/\d+ needs? attention/);
    const title = page.getByRole('region', { name: 'Tray' }).locator('.tray-title');
    // The same number as the header's (the demo changes a status now and then: read both together).
    await expect
      .poll(async () => {
        const said = /(\d+) needs? attention/.exec((await header.textContent()) ?? '')?.[1];
        return said !== undefined && (await title.allTextContents()).join() === said;
      })
      .toBe(true);

    await popover.getByRole('button', { name: 'Settings' }).click();
    const box = popover.getByRole('checkbox', { name: 'Show the count beside the icon' });
    await expect(box).toBeChecked();
    await expect(box).toHaveAccessibleDescription(/AppIndicator/);
    await box.uncheck();
    await expect(title).toHaveCount(0);
    await box.check();
    await expect(title).toHaveText(/^\d+$/);
  });
}
