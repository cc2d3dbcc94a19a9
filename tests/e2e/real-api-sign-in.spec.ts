import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_USER, MFA_USER, MOCK_TOTP_CODE, MockFlashbackApi } from '../../src/mock-api/server';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 11 through the whole app: the preview's real core and renderer against the mock API,
 * which answers the official client's shapes (limited token + /mfa/*, refresh with bearer,
 * success:false, NO_PASSWORD_SET, /workspace).
 */
let api: MockFlashbackApi;
let preview: RunningPreview;

test.beforeEach(async () => {
  api = new MockFlashbackApi();
  await api.start();
  preview = await startPreview(['--api', api.url]);
});

test.afterEach(async () => {
  await preview.stop();
  await api.stop();
});

async function fillLogin(page: Page, email: string, password: string): Promise<Locator> {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await popover.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await popover.getByLabel('Password', { exact: true }).fill(password);
  await popover.getByRole('button', { name: 'Sign in' }).click();
  return popover;
}

test('two-step sign-in: a wrong code keeps the code step with the server’s message, the right one signs in', async ({ page }) => {
  const popover = await fillLogin(page, MFA_USER.email, MFA_USER.password!);
  await expect(popover.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await expect(popover.getByTestId('passkey-note')).toContainText('Passkeys are not supported in the tray app yet');
  await popover.getByLabel('Verification code').fill('000000');
  await popover.getByRole('button', { name: 'Verify' }).click();
  await expect(popover.getByRole('alert')).toHaveText('Invalid verification code.');
  await expect(popover.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await popover.getByLabel('Verification code').fill(MOCK_TOTP_CODE);
  await popover.getByRole('button', { name: 'Verify' }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  expect(api.stats.mfaVerifyBodies).toEqual([
    { mfaType: 'GOOGLE_AUTH', code: '000000' },
    { mfaType: 'GOOGLE_AUTH', code: MOCK_TOTP_CODE },
  ]);
});

test('two-step sign-in by magic link: send it, paste the link from the email', async ({ page }) => {
  const popover = await fillLogin(page, MFA_USER.email, MFA_USER.password!);
  await popover.getByRole('radio', { name: 'Email link' }).check();
  await popover.getByRole('button', { name: 'Send me a link' }).click();
  await expect(popover.getByRole('status').filter({ hasText: 'sent a sign-in link' })).toBeVisible();
  const token = api.auth.lastMagicLinkToken!;
  await popover.getByLabel('Link or code from the email').fill(`https://platform.flashback.tech/mfa/verify?token=${token}`);
  await popover.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  expect(api.stats.mfaVerifyBodies.at(-1)).toEqual({ mfaType: 'MAGIC_LINK', token });
});

test('an account without a password (NO_PASSWORD_SET) is told why and can ask for the reset email', async ({ page }) => {
  const popover = await fillLogin(page, 'oauth@flashback.test', 'anything');
  await expect(popover.getByRole('alert')).toContainText('made with Google, GitHub or Microsoft sign-in');
  await popover.getByRole('button', { name: 'Email me a link to set a password' }).click();
  await expect(popover.getByText('sent a password reset link to oauth@flashback.test')).toBeVisible();
  expect(api.stats.resetRequests).toEqual(['oauth@flashback.test']);
});

test('a refresh answered with success:false ends the session: told why, the list stays, marked stale', async ({ page }) => {
  const popover = await fillLogin(page, DEMO_USER.email, DEMO_USER.password!);
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  api.auth.refreshFails = true;
  api.expireAccessTokens();
  await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Refresh now' }).click();
  await expect(popover.getByText('Your Flashback session has ended.')).toBeVisible();
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  await expect(popover.getByText('out of date', { exact: false })).toBeVisible();
  expect(api.stats.refreshAuthorizations.at(-1)).toMatch(/^Bearer eyJ/);
});

test('workspace names from GET /workspace in rows, the filter, group headings and the settings picker', async ({ page }) => {
  const popover = await fillLogin(page, DEMO_USER.email, DEMO_USER.password!);
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  const firstRow = popover.getByRole('listitem').first();
  await expect(firstRow).toContainText('Engineering');
  await expect(firstRow).not.toContainText('workspace-engineering');
  const filter = popover.getByRole('combobox', { name: 'Filter by workspace' });
  await expect(filter.getByRole('option', { name: 'Finance' })).toHaveCount(1);
  await filter.selectOption({ label: 'Workspace: Finance' }); // a chosen filter keeps its label
  await expect(popover.getByRole('list', { name: 'Available buckets, 6' })).toBeVisible();
  await filter.selectOption({ label: 'Workspace' });
  await popover.getByRole('combobox', { name: 'Sort buckets' }).selectOption('workspace');
  await expect(popover.getByRole('heading', { name: 'Engineering · 6' })).toBeVisible();
  await popover.getByRole('button', { name: 'Settings' }).click();
  const picker = popover.getByRole('combobox', { name: 'Workspace' });
  await picker.selectOption({ label: 'Finance' });
  await expect.poll(() => api.stats.requests['GET /bucket/available']).toBeGreaterThan(1);
  await popover.getByRole('button', { name: 'Back to buckets' }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 6' })).toBeVisible();
});
