import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * The whole app without Electron: the real core in Node (the preview), the real renderer in
 * Chromium, and the mock Flashback API over real HTTP.
 */
let api: MockFlashbackApi;
let preview: RunningPreview;

test.beforeEach(async ({ context }) => {
  api = new MockFlashbackApi({ tokenMarker: 'PREVIEWCANARY' });
  await api.start();
  preview = await startPreview(['--api', api.url]);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: preview.url.replace(/\/$/, '') });
});

test.afterEach(async () => {
  await preview.stop();
  await api.stop();
});

async function signIn(page: Page) {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('heading', { name: 'Sign in to Flashback' })).toBeVisible();
  await popover.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_USER.email);
  await popover.getByLabel('Password', { exact: true }).fill(DEMO_USER.password!);
  await popover.getByRole('button', { name: 'Sign in' }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  return popover;
}

test('sign in with a password, see the list, the tray and its menu', async ({ page }) => {
  const popover = await signIn(page);
  await expect(popover.getByRole('listitem').first()).toHaveAttribute('aria-label', 'Customer exports, DISCONNECTED');
  const tray = page.getByRole('region', { name: 'Tray' });
  await expect(tray.getByLabel('Tooltip')).toContainText('12 buckets · 2 need attention');
  await expect(tray.locator('img:visible')).toHaveAttribute('data-icon-state', 'problem');
  await expect(tray.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
});

test('a status change on the server becomes a notification and a new tray state; clicking it focuses the bucket', async ({ page }) => {
  const popover = await signIn(page);
  const target = api.buckets.find((bucket) => bucket.name === 'Audit trail')!;
  api.setStatus(target.id, 'OFFLINE');
  await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Refresh now' }).click();
  const feed = page.getByRole('region', { name: 'Notifications' });
  const notification = feed.getByRole('button', { name: /Audit trail is OFFLINE/ });
  await expect(notification).toBeVisible();
  await expect(notification).toContainText('It was ONLINE.');
  await expect(page.getByRole('region', { name: 'Tray' }).getByLabel('Tooltip')).toContainText('3 need attention');
  // Scroll away, then let the notification bring the bucket back into view and focus.
  await popover.getByRole('searchbox', { name: 'Search buckets' }).fill('Tax');
  await notification.click();
  await expect(popover.getByRole('searchbox', { name: 'Search buckets' })).toHaveValue('');
  await expect(popover.locator(`[data-bucket-id$="/${target.id}"]`)).toBeFocused();

  // The change is in the bucket's history (H on the focused row), kept in the data folder.
  await page.keyboard.press('h');
  await expect(popover.getByRole('heading', { name: 'Details of Audit trail' })).toBeVisible();
  await expect(popover.getByRole('list', { name: /newest first/ }).getByRole('listitem').first()).toContainText(/ONLINE → OFFLINE · \d{1,2}:\d\d( [AP]M)? · for (\d+ s so far|just)/);
  await page.keyboard.press('Escape');
  await expect(popover.locator(`[data-bucket-id$="/${target.id}"]`)).toBeVisible();
});

test('copy an id and read it back from the clipboard', async ({ page }) => {
  const popover = await signIn(page);
  const row = popover.getByRole('listitem', { name: 'Log cold storage, OFFLINE' });
  await row.getByRole('button', { name: 'Copy bucket id of Log cold storage' }).click();
  // The row's key is its account's id, '/', the bucket's id: the bucket's id is what is copied.
  const key = (await row.getAttribute('data-bucket-id'))!;
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key.slice(key.indexOf('/') + 1));
});

test('server faults show the right banner and keep the list', async ({ page }) => {
  const popover = await signIn(page);
  for (const [fault, text] of [
    [{ type: 'status', status: 503 }, "Flashback's server had a problem (HTTP 503)."],
    [{ type: 'html' }, 'Flashback sent an HTML page instead of JSON.'],
    [{ type: 'status', status: 429, retryAfter: '120' }, 'Flashback is receiving too many requests from this account.'],
  ] as const) {
    api.injectFault(fault);
    await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Refresh now' }).click();
    const alert = popover.getByRole('alert');
    await expect(alert).toContainText(text);
    await expect(alert).toContainText(/Retrying in \d+ (s|min)\./);
    await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Tray' }).locator('img:visible')).toHaveAttribute('data-icon-state', 'error');
    if (fault.type === 'status' && fault.status === 429) break;
    await popover.getByRole('button', { name: 'Retry' }).click();
    await expect(alert).toHaveCount(0);
  }
});

test('sign out clears the list and logs out at the server', async ({ page }) => {
  const popover = await signIn(page);
  await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(popover.getByRole('heading', { name: 'Sign in to Flashback' })).toBeVisible();
  await expect(popover.getByRole('list')).toHaveCount(0);
  await expect.poll(() => api.stats.requests['POST /user/logout']).toBe(1);
});

test('no token reaches the page, the data folder or the logs', async ({ page }) => {
  const seen: string[] = [];
  page.on('response', async (response) => seen.push(await response.text().catch(() => '')));
  await signIn(page);
  api.expireAccessTokens();
  await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Refresh now' }).click();
  await expect.poll(() => api.stats.requests['POST /user/refresh']).toBe(1);
  const html = await page.content();
  const files = await readdir(preview.dataDir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')));
  for (const text of [html, ...seen, ...texts, preview.output()]) expect(text).not.toContain('PREVIEWCANARY');
});

test('only the page it served may drive the preview', async ({ request }) => {
  const command = `${preview.url}command/refresh`;
  const noSecret = await request.post(command, { data: { args: [] }, headers: { origin: preview.url.replace(/\/$/, '') } });
  expect(noSecret.status()).toBe(403);
  const html = await (await request.get(preview.url)).text();
  const secret = /name="preview-secret" content="([^"]+)"/.exec(html)![1]!;
  const otherSite = await request.post(command, { data: { args: [] }, headers: { origin: 'https://evil.example', 'x-preview-secret': secret } });
  expect(otherSite.status()).toBe(403);
  const events = await request.get(`${preview.url}events`);
  expect(events.status()).toBe(403);
  expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
});
