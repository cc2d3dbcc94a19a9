import { expect, test } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * "Open in the web app" (issues 15 and 22) through the preview: from the first start each
 * row has a link (and the O key) and the tray a submenu, to the web app; pasting a bucket's
 * page once makes them land on each bucket's own page. The
 * preview's shell says which address the desktop app would open in the browser.
 */
let preview: RunningPreview;

test.beforeEach(async () => {
  preview = await startPreview([]);
});
test.afterEach(async () => preview.stop());

/** A row's key is its account's id, '/', the bucket's id (shared/accounts.ts): the web app knows the bucket's id. */
const bucketIdOf = (key: string) => key.slice(key.indexOf('/') + 1);

test('from the first start every row and the tray open the web app; pasting a bucket’s page then lands each on its own page', async ({ page }) => {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  const tray = page.getByRole('region', { name: 'Tray' });
  const list = popover.getByRole('list', { name: /Available buckets, \d+/ });
  await expect(list).toBeVisible();
  const firstRow = list.getByRole('listitem').first();
  const id = (await firstRow.getAttribute('data-bucket-id'))!;

  // No set-up: the row's link and the tray's submenu open the platform's web app.
  const home = 'https://platform.flashback.tech/';
  const firstLink = firstRow.getByRole('link', { name: /in the web app$/ });
  await expect(firstLink).toHaveAttribute('href', home);
  await firstLink.click();
  await expect(tray.getByRole('status')).toHaveText(`The desktop app would open ${home} in your default browser now.`);
  const name = (await firstRow.locator('.row-name').textContent())!;
  await tray.getByText('Open in web app').click();
  await tray.getByRole('menuitem').filter({ hasText: `${name} —`, visible: true }).click();
  await expect(tray.getByRole('status')).toHaveText(`The desktop app would open ${home} in your default browser now.`);

  // The refinement: Settings → the bucket page.
  await popover.getByRole('button', { name: 'Settings', exact: true }).click();
  const field = popover.getByRole('textbox', { name: 'Bucket page in the web app' });
  await expect(field).toBeVisible();
  await expect(popover.getByRole('textbox', { name: 'Web app address' })).toHaveValue('https://platform.flashback.tech');

  await field.fill('https://platform.example/buckets/not-one-of-mine');
  await popover.getByRole('button', { name: 'Save web app addresses' }).click();
  await expect(popover.getByRole('alert')).toContainText('{id}');

  await field.fill(`https://platform.example/buckets/${encodeURIComponent(bucketIdOf(id))}/overview`);
  await popover.getByRole('button', { name: 'Save web app addresses' }).click();
  await expect(field).toHaveValue('https://platform.example/buckets/{id}/overview');
  await expect(popover.getByRole('alert')).toHaveCount(0);

  await popover.getByRole('button', { name: 'Back to buckets' }).click();
  const expected = `https://platform.example/buckets/${encodeURIComponent(bucketIdOf(id))}/overview`;
  const link = list.locator(`[data-bucket-id="${id}"]`).getByRole('link', { name: /in the web app$/ });
  await expect(link).toHaveAttribute('href', expected);
  await link.click();
  await expect(tray.getByRole('status')).toHaveText(`The desktop app would open ${expected} in your default browser now.`);
  // A middle click opens the browser too (a new window would be refused).
  const lastRow = list.getByRole('listitem').nth(3);
  const lastId = (await lastRow.getAttribute('data-bucket-id'))!;
  await lastRow.getByRole('link', { name: /in the web app$/ }).click({ button: 'middle' });
  await expect(tray.getByRole('status')).toContainText(`/buckets/${encodeURIComponent(bucketIdOf(lastId))}/overview`);
  // The popover itself never navigated, and no page was opened beside it.
  expect(page.context().pages()).toHaveLength(1);
  await expect(page).toHaveURL(new URL(preview.url).href);

  // The keyboard: O on a focused row; the link itself is reachable by Tab from the row.
  const second = list.getByRole('listitem').nth(1);
  const secondId = (await second.getAttribute('data-bucket-id'))!;
  await firstRow.focus();
  await page.keyboard.press('ArrowDown');
  await expect(second).toBeFocused();
  await page.keyboard.press('o');
  await expect(tray.getByRole('status')).toContainText(`/buckets/${encodeURIComponent(bucketIdOf(secondId))}/overview`);
  await expect(popover.getByTestId('announcer')).toContainText('in the web app');
  // The link itself: in the Tab order of the active row only, and Enter follows it.
  const third = list.getByRole('listitem').nth(2);
  const thirdId = (await third.getAttribute('data-bucket-id'))!;
  const thirdLink = third.getByRole('link', { name: /in the web app$/ });
  await expect(thirdLink).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('ArrowDown');
  await expect(third).toBeFocused();
  await expect(thirdLink).toHaveAttribute('tabindex', '0');
  await thirdLink.focus();
  await page.keyboard.press('Enter');
  await expect(tray.getByRole('status')).toContainText(`/buckets/${encodeURIComponent(bucketIdOf(thirdId))}/overview`);

  // The tray: the same bucket list as "Copy bucket id", each entry opening its page.
  const firstName = (await firstRow.locator('.row-name').textContent())!;
  await tray.getByText('Open in web app').click();
  await tray.getByRole('menuitem').filter({ hasText: `${firstName} —`, visible: true }).click();
  await expect(tray.getByRole('status')).toHaveText(`The desktop app would open ${expected} in your default browser now.`);
});
