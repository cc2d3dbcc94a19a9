import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MFA_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 20 from outside: accounts on three servers the test owns (so their addresses stay the
 * same across restarts), one data folder for three runs of the preview. The preview's keychain
 * is per data folder (Secret Service): run under a session bus with gnome-keyring, e.g.
 *   dbus-run-session -- sh -c 'printf "\\n" | XDG_DATA_HOME=$(mktemp -d) gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx playwright test tests/e2e/accounts-restarts.spec.ts --workers=1'
 */
const servers: MockFlashbackApi[] = [];
const running: RunningPreview[] = [];
let dataDir = '';

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flashback-restarts-'));
});
test.afterEach(async () => {
  for (const preview of running.splice(0)) await preview.stop();
  for (const server of servers.splice(0)) await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function server(buckets?: ReturnType<typeof makeBuckets>): Promise<{ api: MockFlashbackApi; url: string }> {
  const api = new MockFlashbackApi(buckets ? { buckets } : {});
  servers.push(api);
  return { api, url: await api.start() };
}

async function preview(api: string): Promise<RunningPreview> {
  const started = await startPreview(['--api', api, '--data-dir', dataDir]);
  running.push(started);
  return started;
}

/** A command as the page sends it (the preview's bridge). */
async function command(page: Page, name: string, args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.evaluate(async ({ name, args }) => {
    const secret = document.querySelector<HTMLMetaElement>('meta[name="preview-secret"]')!.content;
    const response = await fetch(`/command/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-secret': secret }, body: JSON.stringify({ args }) });
    return response.json();
  }, { name, args });
}

interface SavedAccount { id: string; apiBaseUrl: string; email: string }
const savedAccounts = async (): Promise<SavedAccount[]> => JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')).accounts;

test('accounts on other servers, by token, an abandoned add, the first removed: all as they were after two restarts, and a damaged entry costs only itself', async ({ page }) => {
  const a = await server();
  const b = await server(makeBuckets(3, { seed: 5 }));
  const c = await server(makeBuckets(2, { seed: 7 }));

  let run = await preview(a.url);
  test.skip(/No system keychain/.test(run.output()), 'no Secret Service on this session bus: sign-ins cannot survive a restart (see the comment at the top)');
  await page.goto(run.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  expect((await command(page, 'addAccount', [a.url, DEMO_USER.email, DEMO_USER.password])).ok).toBe(true);
  await expect(popover.getByRole('list', { name: 'Available buckets, 12' })).toBeVisible();
  // The same email on another server, then a third server by token.
  expect((await command(page, 'addAccount', [b.url, DEMO_USER.email, DEMO_USER.password])).ok).toBe(true);
  expect((await command(page, 'addAccountWithToken', [c.url, c.api.issueAccessToken()])).ok).toBe(true);
  await expect(popover.getByRole('list', { name: 'Available buckets, 17' })).toBeVisible();

  // An add abandoned at its second step: the page shows the step, cancelling leaves nothing.
  await popover.getByRole('button', { name: 'Settings' }).click();
  await popover.getByRole('button', { name: 'Add account' }).click();
  const form = popover.getByRole('form', { name: 'Add an account' });
  await popover.getByRole('textbox', { name: 'Server' }).fill(a.url);
  await form.getByRole('textbox', { name: 'Email' }).fill(MFA_USER.email);
  await form.getByLabel('Password').fill(MFA_USER.password!);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(popover.getByRole('form', { name: 'Confirm with an authenticator code' })).toBeVisible();
  await popover.getByRole('button', { name: 'Use a different account' }).click();
  await expect(popover.getByRole('form', { name: 'Confirm with an authenticator code' })).toHaveCount(0);
  await expect.poll(async () => ((await command(page, 'getState', [])).value as { state: { draft: unknown } }).state.draft).toBeNull();
  await expect(popover.getByRole('list', { name: 'Available buckets, 17' })).toBeVisible();
  // A token names no email: that account is saved by its server alone.
  const three = await savedAccounts();
  expect(three.map((account) => account.apiBaseUrl)).toEqual([a.url, b.url, c.url]);
  expect(three.slice(0, 2).map((account) => account.email)).toEqual([DEMO_USER.email, DEMO_USER.email]);
  expect(JSON.stringify(three)).not.toContain(MFA_USER.email);

  // Settings → Accounts: remove the first one; the others stay.
  await popover.getByRole('button', { name: 'Settings' }).click();
  const accounts = popover.getByRole('group', { name: 'Accounts' });
  await expect(accounts.getByRole('listitem')).toHaveCount(3);
  await accounts.getByRole('button', { name: /^Remove / }).first().click();
  await accounts.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(accounts.getByRole('listitem')).toHaveCount(2);
  await popover.getByRole('button', { name: 'Back to buckets' }).click();
  await expect(popover.getByRole('list', { name: 'Available buckets, 5' })).toBeVisible();
  const kept = three.slice(1);
  expect(await savedAccounts()).toEqual(kept);

  // Restart 1: both accounts signed in again from the keychain, with no new sign-in.
  await run.stop();
  const loginsBefore = (b.api.stats.requests['POST /user/login'] ?? 0);
  run = await preview(a.url);
  await page.goto(run.url);
  await expect(popover.getByRole('list', { name: 'Available buckets, 5' })).toBeVisible();
  expect((b.api.stats.requests['POST /user/login'] ?? 0)).toBe(loginsBefore);
  expect(await savedAccounts()).toEqual(kept);

  // Restart 2 with one damaged entry in settings.json: that entry alone is left out, said in words.
  await run.stop();
  const file = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'));
  file.accounts.splice(1, 0, { id: 'acc-damaged0', apiBaseUrl: 'ftp://nowhere', email: 42 });
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(file));
  run = await preview(a.url);
  await page.goto(run.url);
  await expect(popover.getByRole('list', { name: 'Available buckets, 5' })).toBeVisible();
  await expect(popover.getByText('One saved account could not be read and was left out; the others are kept.', { exact: false })).toBeVisible();
  expect(await savedAccounts()).toEqual(kept);
});
