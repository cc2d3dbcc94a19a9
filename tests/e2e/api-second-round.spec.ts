import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_USER, MOCK_TOTP_CODE, MockFlashbackApi, type MockUser } from '../../src/mock-api/server';
import { demoBuckets } from '../../src/mock-api/buckets';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 22 through the whole app (the preview's real core and renderer, the mock API over
 * HTTP): an account that turned two-step sign-in on itself, a bucket's nodes, and the
 * banner that says whose problem a failing poll is.
 */
const SELF_ENABLED: MockUser = {
  email: 'self@flashback.test',
  password: 'self-password',
  name: 'Self Enabled',
  mfaMethods: ['GOOGLE_AUTH'],
  // The docs' own example: turned on by the user, not required or enforced by the organisation.
  mfaStatus: { isRequired: false, isEnforced: false },
};

let api: MockFlashbackApi;
let preview: RunningPreview;

test.beforeEach(async () => {
  api = new MockFlashbackApi({ users: [DEMO_USER, SELF_ENABLED], buckets: demoBuckets() });
  await api.start();
  preview = await startPreview(['--api', api.url]);
});

test.afterEach(async () => {
  await preview.stop();
  await api.stop();
});

async function signIn(page: Page, email: string, password: string): Promise<Locator> {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await popover.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await popover.getByLabel('Password', { exact: true }).fill(password);
  await popover.getByRole('button', { name: 'Sign in' }).click();
  return popover;
}

test('an account that turned two-step sign-in on itself is asked for its code, a wrong one keeps the step, the right one signs in', async ({ page }) => {
  const status = await (await fetch(`${api.url}/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: SELF_ENABLED.email, password: SELF_ENABLED.password }) })).json();
  const answer = await (await fetch(`${api.url}/mfa/status`, { headers: { authorization: `Bearer ${status.accessToken}` } })).json();
  expect(answer.data).toEqual({ isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH'], primaryMethod: 'GOOGLE_AUTH', sessionVerified: false });

  const popover = await signIn(page, SELF_ENABLED.email, SELF_ENABLED.password!);
  await expect(popover.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
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

test('a bucket’s Details show the nodes behind it, then its status history', async ({ page }) => {
  const popover = await signIn(page, DEMO_USER.email, DEMO_USER.password!);
  const row = popover.getByRole('listitem', { name: 'Log cold storage, OFFLINE' });
  await row.getByRole('button', { name: 'Details of Log cold storage' }).click();
  await expect(popover.getByRole('heading', { name: 'Details of Log cold storage' })).toBeVisible();
  const nodes = popover.getByRole('list', { name: 'Nodes of Log cold storage' }).getByRole('listitem');
  await expect(nodes).toHaveCount(3);
  await expect(nodes.first()).toHaveText(/^eu-west-1 · OFFLINE · reported 30 min ago$/);
  await expect(popover.getByRole('heading', { name: 'Status history' })).toBeVisible();
  await popover.getByRole('button', { name: 'Back to buckets' }).click();

  const online = popover.getByRole('listitem', { name: /, ONLINE$/ }).first();
  await online.focus();
  await page.keyboard.press('h');
  const onlineNodes = popover.getByRole('list', { name: /^Nodes of / }).getByRole('listitem');
  await expect(onlineNodes.nth(1)).toHaveText(/^us-east-1 · ONLINE · 55 ms · reported 2 min ago$/);
});

test('the banner says whose problem failing polls are, as Flashback’s health check tells', async ({ page }) => {
  const popover = await signIn(page, DEMO_USER.email, DEMO_USER.password!);
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  api.injectFault({ type: 'status', status: 503 }, Infinity);
  const refresh = popover.getByRole('button', { name: 'Refresh now' });
  const banner = popover.locator('.banner');

  api.health = 'error';
  await refresh.click();
  await expect(banner).toContainText(/^Flashback is having problems\. Flashback.s server had a problem \(HTTP 503\)\./);

  api.health = 'down';
  await refresh.click();
  await expect(banner).toContainText(/^This computer seems to be offline: not even Flashback.s health check gets through\./);

  api.health = 'ok';
  await refresh.click();
  await expect(banner).toContainText(/^Flashback refused this request \(it says it is well otherwise\)\./);
});
