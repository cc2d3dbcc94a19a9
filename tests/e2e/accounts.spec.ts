import { expect, test, type Locator } from '@playwright/test';
import { OPS_USER } from '../../src/mock-api/server';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Several accounts (issue 15) through the preview: its real core and renderer against the
 * mock API, where the ops demo account has buckets of its own and shares one with the demo
 * account the preview signs in with.
 */
let preview: RunningPreview;

test.beforeEach(async () => {
  preview = await startPreview([]);
});
test.afterEach(async () => preview.stop());

function rowNamed(list: Locator, name: string): Locator {
  return list.getByRole('listitem').filter({ has: list.page().locator('.row-name', { hasText: name }) });
}

test('add an account from the header menu by keyboard; its buckets join the list, named by account; show one account or all; remove it', async ({ page }) => {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();

  // The menu button, opened with the arrow key: the current account is checked, "Add account…" last.
  const menuButton = popover.getByRole('button', { name: 'Accounts: showing demo@flashback.test' });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = popover.getByRole('menu', { name: 'Accounts' });
  await expect(menu.getByRole('menuitemradio', { name: /demo@flashback\.test/ })).toBeFocused();
  await expect(menu.getByRole('menuitemradio', { name: /demo@flashback\.test/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Add account…' })).toBeFocused();
  await page.keyboard.press('Enter');

  const form = popover.getByRole('form', { name: 'Add an account' });
  await expect(popover.getByRole('textbox', { name: 'Server' })).not.toHaveValue('');
  await form.getByRole('textbox', { name: 'Email' }).fill(OPS_USER.email);
  await form.getByLabel('Password').fill('wrong-password');
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('alert')).toContainText(/password/i);
  await form.getByLabel('Password').fill(OPS_USER.password!);
  await form.getByRole('button', { name: 'Add account' }).click();

  const all = popover.getByRole('list', { name: 'Available buckets, 16' });
  await expect(all).toBeVisible();
  // On screen the account's short name, in full for screen readers and on hover.
  await expect(rowNamed(all, 'Incident snapshots').locator('.row-account')).toHaveText('ops');
  await expect(rowNamed(all, 'Incident snapshots').locator('.row-account')).toHaveAttribute('title', `Account ${OPS_USER.email}`);
  await expect(rowNamed(all, 'Incident snapshots')).toHaveAttribute('aria-label', /ops@flashback\.test$/);
  // The bucket both accounts see is listed once per account, each row named by its account.
  await popover.getByRole('searchbox', { name: 'Search buckets' }).fill('Production backups');
  const found = popover.getByRole('list', { name: 'Available buckets, 2' });
  const shared = rowNamed(found, 'Production backups');
  await expect(shared).toHaveCount(2);
  const whose = await shared.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')!.split(', ').at(-1)).sort());
  expect(whose).toEqual(['demo@flashback.test', OPS_USER.email]);
  expect(new Set(await shared.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-bucket-id')))).size).toBe(2);
  await popover.getByRole('searchbox', { name: 'Search buckets' }).fill('');

  // Groups say whose they are.
  await popover.getByRole('combobox', { name: 'Sort buckets' }).selectOption('workspace');
  await expect(popover.getByRole('heading', { name: 'Engineering · demo@flashback.test · 6' })).toBeVisible();
  await expect(popover.getByRole('heading', { name: 'Engineering · ops@flashback.test · 1' })).toBeVisible();
  await popover.getByRole('combobox', { name: 'Sort buckets' }).selectOption('problems');

  // One account at a time, and back to all.
  await popover.getByRole('button', { name: 'Accounts: showing All accounts' }).click();
  await menu.getByRole('menuitemradio', { name: /ops@flashback\.test/ }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 4' })).toBeVisible();
  await expect(popover.getByRole('button', { name: `Accounts: showing ${OPS_USER.email}` })).toBeFocused();
  await popover.getByRole('button', { name: `Accounts: showing ${OPS_USER.email}` }).click();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(popover.getByRole('list', { name: 'Available buckets, 4' })).toBeVisible();
  await popover.getByRole('button', { name: `Accounts: showing ${OPS_USER.email}` }).click();
  await menu.getByRole('menuitemradio', { name: 'All accounts' }).click();
  await expect(all).toBeVisible();

  // Settings → Accounts: remove the ops account; its buckets go, the first account's stay.
  await popover.getByRole('button', { name: 'Settings' }).click();
  const accounts = popover.getByRole('group', { name: 'Accounts' });
  await expect(accounts.getByRole('listitem')).toHaveCount(2);
  await accounts.getByRole('button', { name: `Remove ${OPS_USER.email}` }).click();
  await accounts.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(accounts.getByRole('listitem')).toHaveCount(1);
  await popover.getByRole('button', { name: 'Back to buckets' }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  // One account again: rows name no account.
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' }).locator('.row-account')).toHaveCount(0);
});

test('cancelling an account being added leaves the list as it was', async ({ page }) => {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  await popover.getByRole('button', { name: 'Settings' }).click();
  await popover.getByRole('button', { name: 'Add account' }).click();
  await expect(popover.getByRole('form', { name: 'Add an account' })).toBeVisible();
  await popover.getByRole('button', { name: 'Back to buckets' }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  await expect(popover.getByRole('button', { name: 'Accounts: showing demo@flashback.test' })).toBeVisible();
});
