import { expect, test } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 24, point 8's last silent step: Settings › Accounts › Remove asks first, in place,
 * at the popover's 380 px, light and dark (the preview: real core and renderer, the mock API).
 */
let preview: RunningPreview;
test.beforeEach(async () => {
  preview = await startPreview([]);
});
test.afterEach(async () => preview.stop());

for (const scheme of ['light', 'dark'] as const) {
  test(`Remove asks first: focus on the question, what goes and what stays; Escape keeps the account and Settings (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(preview.url);
    const popover = page.getByRole('region', { name: 'Popover' });
    await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
    await popover.getByRole('button', { name: 'Settings' }).click();
    const accounts = popover.getByRole('group', { name: 'Accounts' });
    const remove = accounts.getByRole('button', { name: 'Remove demo@flashback.test' });
    await remove.click();
    const question = accounts.getByRole('alertdialog');
    await expect(question).toContainText('Remove demo@flashback.test?');
    await expect(question).toContainText('saved sign-in is deleted from this computer’s keychain');
    await expect(question).toContainText('stay on Flashback');
    await expect(question.getByRole('button', { name: 'Remove' })).toBeFocused();
    // The question is whole inside the popover's width.
    const box = (await question.boundingBox())!;
    const frame = (await popover.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);

    await page.keyboard.press('Escape');
    await expect(question).toHaveCount(0);
    await expect(remove).toBeFocused();
    await expect(accounts.getByRole('listitem')).toHaveCount(1);

    await remove.click();
    await accounts.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await expect(accounts.getByRole('listitem')).toHaveCount(0);
  });
}
