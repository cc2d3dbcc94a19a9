import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { demoBuckets } from '../../src/mock-api/buckets';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 24, point 5: a row's "changed … ago" / "same for …" is when its status began, as its
 * History says, and a sign-in or a workspace change does not start it again. Through the
 * preview (real core and renderer) against a mock API the test owns (no demo changes).
 */
let api: MockFlashbackApi;
let preview: RunningPreview;
test.beforeEach(async () => {
  api = new MockFlashbackApi({ buckets: demoBuckets() });
  await api.start();
  preview = await startPreview(['--api', api.url]);
});
test.afterEach(async () => {
  await preview.stop();
  await api.stop();
});

async function signIn(popover: Locator): Promise<void> {
  await popover.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_USER.email);
  await popover.getByLabel('Password', { exact: true }).fill(DEMO_USER.password!);
  await popover.getByRole('button', { name: 'Sign in' }).click();
  await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
}

async function command(page: Page, name: string, ...args: unknown[]): Promise<void> {
  const status = await page.evaluate(async ({ name, args }) => {
    const secret = document.querySelector<HTMLMetaElement>('meta[name="preview-secret"]')!.content;
    return (await fetch(`/command/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-secret': secret }, body: JSON.stringify({ args }) })).status;
  }, { name, args });
  expect(status).toBe(200);
}

/** "8 s" → 8, "2 min" → 120. */
const seconds = (text: string) => {
  const [, n, unit] = /(\d+) (s|min)\b/.exec(text) ?? [];
  if (!n) throw new Error(`no duration in “${text}”`);
  return Number(n) * (unit === 'min' ? 60 : 1);
};

for (const scheme of ['light', 'dark'] as const) {
  test(`5. a bucket's "changed … ago" survives a sign-in and a workspace change, and agrees with its History (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(preview.url);
    const popover = page.getByRole('region', { name: 'Popover' });
    await signIn(popover);
    const id = api.buckets[0]!.id;
    const row = popover.locator(`.row[data-bucket-id$="/${id}"]`);
    const account = (await popover.locator('.row').first().getAttribute('data-bucket-id'))!.split('/')[0]!;

    api.setStatus(id, 'OFFLINE');
    await popover.getByRole('button', { name: 'Refresh now' }).click();
    await expect(row).toContainText('changed just now');
    // Old enough to read in seconds ("just now" ends at 5 s).
    await expect(row).toContainText(/changed \d+ s ago/, { timeout: 10_000 });

    await command(page, 'signOut', account);
    await signIn(popover);
    await expect(row).toContainText(/changed \d+ s ago/);
    await expect(row.getByText(/changed/)).toHaveAttribute('title', 'Was ONLINE');

    await command(page, 'updateSettings', { workspaceId: 'workspace-engineering' });
    await expect(popover.getByRole('button', { name: /^Only / })).toBeVisible();
    await command(page, 'updateSettings', { workspaceId: null });
    await expect(popover.getByRole('button', { name: /^Only / })).toHaveCount(0);
    await expect(row).toContainText(/changed \d+ s ago/);

    const rowSeconds = seconds((await row.getByText(/changed/).textContent())!);
    await row.getByRole('button', { name: /^Details of / }).click();
    const latest = popover.getByRole('list', { name: /^Changes of .*, newest first$/ }).getByRole('listitem').first();
    await expect(latest).toContainText('ONLINE → OFFLINE');
    await expect(latest).toContainText('so far');
    // The same moment (each view's clock ticks on its own second).
    expect(Math.abs(seconds((await latest.textContent())!) - rowSeconds)).toBeLessThanOrEqual(3);
  });
}
