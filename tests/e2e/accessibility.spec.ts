import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { MFA_USER, MOCK_TOTP_CODE } from '../../src/mock-api/server';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 24: axe over every view of the popover, in light and dark, at its default 380 px,
 * through the preview (real core and renderer, the built-in mock API). Any serious or
 * critical violation fails, listed by rule and element.
 */
let preview: RunningPreview;
test.beforeEach(async () => {
  preview = await startPreview([]);
});
test.afterEach(async () => preview.stop());

async function command(page: Page, name: string, ...args: unknown[]): Promise<void> {
  await page.evaluate(async ({ name, args }) => {
    const secret = document.querySelector<HTMLMetaElement>('meta[name="preview-secret"]')!.content;
    await fetch(`/command/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-secret': secret }, body: JSON.stringify({ args }) });
  }, { name, args });
}

/** axe over the popover only (the preview's own tray card and feed are not the app); serious and critical only. */
async function check(page: Page, view: string, found: string[]): Promise<void> {
  // Transitions settle before colours are measured.
  await page.waitForTimeout(150);
  const result = await new AxeBuilder({ page }).include('.preview-popover').analyze();
  // It looked at the popover: colours and names were checked on something.
  expect(result.passes.map((rule) => rule.id), view).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));
  for (const violation of result.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    for (const node of violation.nodes) found.push(`${view}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ')}`);
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: every view of the popover at 380 px has no serious or critical violation (${scheme})`, async ({ page }) => {
    // Fourteen views, each with an axe pass of a few seconds; beside another worker on 2 cores that is minutes.
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(preview.url);
    const popover: Locator = page.getByRole('region', { name: 'Popover' });
    const found: string[] = [];
    const list = popover.getByRole('list', { name: /Available buckets, \d+/ });
    await expect(list).toBeVisible();
    await check(page, 'list with data', found);

    await popover.getByRole('button', { name: /^Accounts: showing/ }).click();
    await expect(popover.getByRole('menu', { name: 'Accounts' })).toBeVisible();
    await check(page, 'account menu open', found);
    await popover.getByRole('menuitem', { name: 'Add account…' }).click();
    await expect(popover.getByRole('form', { name: 'Add an account' })).toBeVisible();
    await check(page, 'add account', found);
    await page.keyboard.press('Escape');

    await popover.getByRole('button', { name: /^Details of / }).first().click();
    await expect(popover.getByRole('heading', { name: /^Details of / })).toBeVisible();
    await expect(popover.getByText('Loading…')).toHaveCount(0);
    await check(page, 'bucket details and history', found);
    await page.keyboard.press('Escape');

    await popover.getByRole('button', { name: 'Recent changes' }).click();
    await expect(popover.getByRole('heading', { name: 'Recent changes' })).toBeVisible();
    await check(page, 'recent changes', found);
    await page.keyboard.press('Escape');

    await popover.getByRole('button', { name: /^Mute notifications for / }).first().click();
    await expect(popover.getByRole('button', { name: 'Undo' })).toBeVisible();
    await check(page, 'a muted row and its Undo message', found);
    // The Undo message lasts 8 s and an axe pass can take longer: unmute from the row's bell, which stays.
    await popover.getByRole('button', { name: /^Unmute notifications for / }).first().click();
    await expect(popover.getByRole('button', { name: /^Unmute notifications for / })).toHaveCount(0);

    await popover.getByRole('searchbox').fill('no bucket is called this');
    await expect(list).toHaveCount(0);
    await check(page, 'no bucket matches', found);
    await popover.getByRole('searchbox').fill('');

    await popover.getByRole('button', { name: 'Settings' }).click();
    await expect(popover.getByRole('group', { name: 'Accounts' })).toBeVisible();
    await check(page, 'Settings (every section)', found);
    await popover.getByRole('group', { name: 'Accounts' }).getByRole('button', { name: /^Remove / }).first().click();
    await expect(popover.getByRole('alertdialog')).toBeVisible();
    await check(page, 'Remove account confirmation', found);
    await page.keyboard.press('Escape');
    await popover.getByRole('button', { name: 'Back to buckets' }).click();

    // The error banner over a stale list.
    const api = /^Flashback API: (\S+)/m.exec(preview.output())![1]!;
    await page.request.post(`${api}/__mock/fault`, { data: { fault: { type: 'status', status: 503 }, times: 'always' } });
    await popover.getByRole('button', { name: 'Refresh now' }).click();
    await expect(popover.locator('.banner').first()).toBeVisible();
    await check(page, 'error banner over a stale list', found);
    await page.request.post(`${api}/__mock/clear-faults`);

    // Signed out: the sign-in view; then an account with two-step sign-in: its code step.
    const account = (await popover.locator('.row').first().getAttribute('data-bucket-id'))!.split('/')[0]!;
    await command(page, 'removeAccount', account);
    await expect(popover.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await check(page, 'sign-in', found);
    await popover.getByRole('textbox', { name: 'Email', exact: true }).fill(MFA_USER.email);
    await popover.getByLabel('Password', { exact: true }).fill(MFA_USER.password!);
    await popover.getByRole('button', { name: 'Sign in' }).click();
    await expect(popover.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
    await check(page, 'second step (code)', found);
    // Every answer slow: after the code, the list is loading for a while.
    await page.request.post(`${api}/__mock/fault`, { data: { fault: { type: 'latency', ms: 4000 }, times: 'always' } });
    await popover.getByLabel('Verification code').fill(MOCK_TOTP_CODE);
    await popover.getByRole('button', { name: 'Verify' }).click();
    await expect(popover.getByText(/^Loading/).first()).toBeVisible({ timeout: 10_000 });
    await check(page, 'loading', found);

    expect(found).toEqual([]);
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: the smallest popover (340×360): list, sort menu, recent changes, Settings (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${preview.url}?popover=340x360`);
    const popover: Locator = page.getByRole('region', { name: 'Popover' });
    const found: string[] = [];
    await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
    await check(page, 'list (340×360)', found);
    await popover.getByRole('combobox', { name: /Sort/ }).focus();
    await check(page, 'sort menu focused (340×360)', found);
    await popover.getByRole('button', { name: 'Recent changes' }).click();
    await expect(popover.getByRole('heading', { name: 'Recent changes' })).toBeVisible();
    await check(page, 'recent changes (340×360)', found);
    await page.keyboard.press('Escape');
    await popover.getByRole('button', { name: 'Settings' }).click();
    await expect(popover.getByRole('group', { name: 'Accounts' })).toBeVisible();
    await check(page, 'Settings (340×360)', found);
    expect(found).toEqual([]);
  });
}
