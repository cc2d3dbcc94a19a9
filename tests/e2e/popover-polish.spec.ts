import { expect, test, type Locator, type Page } from '@playwright/test';
import { OPS_USER } from '../../src/mock-api/server';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 24, points 1–10: the popover as a newcomer sees it, through the preview (real core,
 * real renderer, the mock API), at the default 380 px and at the smallest window, 340×360.
 */
let preview: RunningPreview;
test.beforeEach(async () => {
  preview = await startPreview([]);
});
test.afterEach(async () => preview.stop());

const SIZES = [
  { name: '380 px', query: '' },
  { name: '340×360', query: '?popover=340x360' },
] as const;

async function open(page: Page, query = '', scheme: 'light' | 'dark' = 'light'): Promise<Locator> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(preview.url + query);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
  return popover;
}

/** Runs a command as the page would (its secret, its origin): a setting the test needs, made quickly. */
async function command(page: Page, name: string, ...args: unknown[]): Promise<void> {
  await page.evaluate(async ({ name, args }) => {
    const secret = document.querySelector<HTMLMetaElement>('meta[name="preview-secret"]')!.content;
    await fetch(`/command/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-secret': secret }, body: JSON.stringify({ args }) });
  }, { name, args });
}

async function addOpsAccount(popover: Locator): Promise<void> {
  await popover.getByRole('button', { name: /^Accounts: showing/ }).click();
  await popover.getByRole('menuitem', { name: 'Add account…' }).click();
  const form = popover.getByRole('form', { name: 'Add an account' });
  // Point 4: the form opens with the cursor in its first empty field.
  await expect(form.getByRole('textbox', { name: 'Email' })).toBeFocused();
  await form.getByRole('textbox', { name: 'Email' }).fill(OPS_USER.email);
  await form.getByLabel('Password').fill(OPS_USER.password!);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(popover.getByRole('button', { name: 'Accounts: showing All accounts' })).toBeVisible();
}

/** The parts of each visible row that are cut (wider than their box, or past the row's edge). */
async function cutParts(popover: Locator, selector: string): Promise<string[]> {
  return popover.locator('.row').evaluateAll((rows, selector) => {
    const cut: string[] = [];
    for (const row of rows) {
      const edge = row.getBoundingClientRect().right - 11;
      for (const part of Array.from(row.querySelectorAll<HTMLElement>(selector))) {
        if (getComputedStyle(part).display === 'none') continue;
        if (part.scrollWidth > part.clientWidth + 1 || part.getBoundingClientRect().right > edge + 1) cut.push(part.textContent ?? '');
      }
    }
    return cut;
  }, selector);
}

for (const size of SIZES) {
  test(`1. rows with two accounts and web-app links are whole at ${size.name}: account, status time, History and Web app`, async ({ page }) => {
    const popover = await open(page, size.query);
    await addOpsAccount(popover);
    await command(page, 'updateSettings', { webAppBucketUrl: 'https://app.flashback.example/buckets/{id}' });
    await expect(popover.getByRole('link', { name: /in the web app$/ }).first()).toBeVisible();
    expect(await cutParts(popover, '.row-detail:last-child > .keep, .row-account')).toEqual([]);
    // At the default width the workspace and the rest are whole too.
    if (size.query === '') expect(await cutParts(popover, '.row-detail > *')).toEqual([]);
  });

  test(`9. the header breaks only between phrases, and chosen filters keep their labels (${size.name})`, async ({ page }) => {
    const popover = await open(page, size.query);
    await page.getByRole('region', { name: 'Tray' }).getByText('Pause notifications').click();
    await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'For 1 hour' }).click();
    await expect(popover.locator('.header-status')).toContainText('notifications paused until');
    // A phrase on two lines is about twice as tall as one on a line.
    const broken = await popover.locator('.header-status .phrase').evaluateAll((phrases) =>
      phrases.filter((phrase) => phrase.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(phrase).fontSize)).map((phrase) => phrase.textContent));
    expect(broken).toEqual([]);
    await popover.getByRole('combobox', { name: 'Filter by status' }).selectOption('OFFLINE');
    await expect(popover.getByRole('combobox', { name: 'Filter by status' }).locator('option:checked')).toHaveText('Status: OFFLINE');
    await popover.getByRole('combobox', { name: 'Filter by storage type' }).selectOption({ index: 1 });
    await expect(popover.getByRole('combobox', { name: 'Filter by storage type' }).locator('option:checked')).toHaveText(/^Type: /);
  });
}

test('2. the header counts what the Needs-attention filter lists; no "available" that includes offline buckets', async ({ page }) => {
  const popover = await open(page);
  const status = popover.locator('.header-status');
  await expect(status).toContainText(/^\d+ buckets · \d+ needs? attention/);
  const [, total, problems] = /^(\d+) buckets · (\d+)/.exec((await status.textContent())!)!;
  await popover.getByRole('combobox', { name: 'Filter by status' }).selectOption('problems');
  await expect(popover.getByRole('list', { name: /Available buckets/ }).getByRole('listitem')).toHaveCount(Number(problems));
  await expect(popover.getByRole('combobox', { name: 'Filter by status' }).locator('option:checked')).toHaveText(`Status: needs attention (${problems})`);
  expect(Number(total)).toBeGreaterThan(Number(problems));
  await expect(status).not.toContainText('available');
});

test('3. a refused setting says why in words, under its field, in view; the workspace picker shows every account’s workspaces by name, never an id', async ({ page }) => {
  const popover = await open(page);
  await addOpsAccount(popover);
  await popover.getByRole('button', { name: 'Settings' }).click();
  const picker = popover.getByRole('combobox', { name: /^Workspace/ });
  const names = await picker.locator('option').allTextContents();
  // The workspace setting applies to every account (one kind of account): the ops account's workspace is offered too, by name.
  expect(names).toEqual(['All workspaces', 'Engineering', 'Finance', 'Workspace operations']);
  expect(names.join(' ')).not.toMatch(/workspace-/);
  await popover.getByRole('textbox', { name: /Flashback API address/ }).fill('ftp://files.example');
  await popover.getByRole('button', { name: 'Use this address' }).click();
  // The address is only where a new sign-in starts (each account keeps its own server): nothing to sign out, nothing to ask.
  await expect(popover.getByRole('alertdialog')).toHaveCount(0);
  const alert = popover.getByRole('alert');
  await expect(alert).toHaveText(/^The API address must start with https:\/\//);
  await expect(alert).not.toContainText('apiBaseUrl');
  await expect(alert).toBeInViewport();
});

test('4. the keyboard focus follows the view: Settings (,), History (H), back to the row', async ({ page }) => {
  const popover = await open(page);
  await popover.locator('.row').first().focus();
  await page.keyboard.press(',');
  await expect(popover.getByRole('heading', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('Escape');
  await popover.locator('.row').first().focus();
  await page.keyboard.press('h');
  await expect(popover.locator('.panel-head h2')).toBeFocused();
});

test('7. a workspace chosen in Settings shows in the toolbar, and one click lists every workspace again', async ({ page }) => {
  const popover = await open(page);
  const list = popover.getByRole('list', { name: /Available buckets/ });
  const all = await list.getAttribute('aria-label');
  await popover.getByRole('button', { name: 'Settings' }).click();
  await popover.getByRole('combobox', { name: /^Workspace/ }).selectOption({ label: 'Finance' });
  await popover.getByRole('button', { name: 'Back to buckets' }).click();
  const restriction = popover.getByRole('button', { name: 'Only the workspace Finance (from Settings): list every workspace' });
  await expect(restriction).toBeVisible();
  await expect(list).not.toHaveAttribute('aria-label', all!);
  await restriction.click();
  await expect(list).toHaveAttribute('aria-label', all!);
  await expect(popover.getByRole('combobox', { name: 'Filter by workspace' })).toBeVisible();
});

test('8. no silent failures: O on a row always does something (the web app, by default); Refresh during a rate limit says why', async ({ page }) => {
  const popover = await open(page);
  await popover.locator('.row').first().focus();
  await page.keyboard.press('o');
  await expect(page.getByRole('region', { name: 'Tray' }).getByRole('status')).toContainText(/would open https:\/\/\S+ in your default browser/);
  const api = /^Flashback API: (\S+)/m.exec(preview.output())![1]!;
  await page.request.post(`${api}/__mock/fault`, { data: { fault: { type: 'status', status: 429, retryAfter: '600' }, times: 'always' } });
  await popover.getByRole('button', { name: 'Refresh now' }).click();
  await expect(popover.locator('.banner')).toContainText(/wait|rate|too many/i);
  await popover.getByRole('button', { name: 'Refresh now' }).click();
  await expect(popover.locator('.toast')).toHaveText(/wait before asking again/);
});

test('8. the shortcut recorder: keys become the shortcut, a key alone is refused with the reason', async ({ page }) => {
  const popover = await open(page);
  await popover.getByRole('button', { name: 'Settings' }).click();
  await popover.getByRole('button', { name: 'Change…' }).click();
  await expect(popover.getByRole('button', { name: 'Press the keys…' })).toBeFocused();
  await page.keyboard.press('k');
  await expect(popover.getByRole('alert')).toHaveText('K alone would fire in every app: hold Ctrl, Alt or Super (and Shift if you like) with it.');
  await page.keyboard.press('Control+Shift+K');
  await expect(popover.getByLabel('Current shortcut: Ctrl+Shift+K')).toBeVisible();
  await page.reload();
  await popover.getByRole('button', { name: 'Settings' }).click();
  await expect(popover.getByLabel('Current shortcut: Ctrl+Shift+K')).toBeVisible();
});
for (const scheme of ['light', 'dark'] as const) {
  test(`10. the smallest window (340×360, ${scheme}) shows at least two whole rows, whole filters and the account menu inside it`, async ({ page }) => {
    const popover = await open(page, '?popover=340x360', scheme);
    const box = (await popover.boundingBox())!;
    const rows = await popover.locator('.row').evaluateAll((elements, bottom) => elements.filter((row) => row.getBoundingClientRect().bottom <= bottom).length, box.y + box.height);
    expect(rows).toBeGreaterThanOrEqual(2);
    for (const name of ['Filter by status', 'Filter by storage type', 'Filter by workspace']) {
      const fits = await popover.getByRole('combobox', { name }).evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        return context.measureText(select.selectedOptions[0]!.text).width <= select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
      });
      expect(fits, name).toBe(true);
    }
    await addOpsAccount(popover);
    await popover.getByRole('button', { name: /^Accounts: showing/ }).click();
    const menu = (await popover.getByRole('menu', { name: 'Accounts' }).boundingBox())!;
    expect(menu.x + menu.width).toBeLessThanOrEqual(box.x + box.width);
    expect(menu.y + menu.height).toBeLessThanOrEqual(box.y + box.height);
  });
}
