import { expect, test, type Locator, type Page } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * Issue 24, what a gitify user misses: Sort (remembered), Mute one bucket (with Undo), and
 * Recent changes; through the preview (real core, real renderer, the built-in mock), at the
 * default 380 px and at the smallest window (340×360), light and dark.
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
const LOOKS = SIZES.flatMap((size) => (['light', 'dark'] as const).map((scheme) => ({ ...size, scheme })));

async function open(page: Page, query = '', scheme: 'light' | 'dark' = 'light'): Promise<Locator> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(preview.url + query);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
  return popover;
}

const apiOf = () => /^Flashback API: (\S+)/m.exec(preview.output())![1]!;

/** The built-in mock's buckets, its demo scenario stopped (statuses change only when the test says). */
async function stillBuckets(page: Page): Promise<Array<{ id: string; name: string; status: string }>> {
  await page.request.post(`${apiOf()}/__mock/scenario`, { data: { running: false } });
  return (await page.request.get(`${apiOf()}/__mock/buckets`)).json();
}

/** Changes one bucket's status at the mock and has the app poll now. */
async function changeStatus(page: Page, popover: Locator, id: string, status: string): Promise<void> {
  await page.request.post(`${apiOf()}/__mock/status`, { data: { id, status } });
  await popover.getByRole('button', { name: 'Refresh now' }).click();
}

const rowNames = (popover: Locator) => popover.locator('.row').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')!.split(', ')[0]!));

/** True when the select's chosen label fits inside it (its arrow apart). */
const labelFits = (select: Locator) =>
  select.evaluate((element: HTMLSelectElement) => {
    const style = getComputedStyle(element);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return context.measureText(element.selectedOptions[0]!.text).width <= element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
  });

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;

for (const look of LOOKS) {
  test(`Sort: beside the search, whole, every choice fits, the filters still whole (${look.name}, ${look.scheme})`, async ({ page }) => {
    const popover = await open(page, look.query, look.scheme);
    const sort = popover.getByRole('combobox', { name: 'Sort buckets' });
    const search = popover.getByRole('searchbox', { name: 'Search buckets' });
    const [sortBox, searchBox] = [(await sort.boundingBox())!, (await search.boundingBox())!];
    expect(Math.abs(sortBox.y - searchBox.y)).toBeLessThan(4);
    expect(searchBox.width).toBeGreaterThan(150);
    for (const order of ['problems', 'name', 'changed', 'workspace']) {
      await sort.selectOption(order);
      expect(await labelFits(sort), order).toBe(true);
      const box = (await popover.boundingBox())!;
      const after = (await sort.boundingBox())!;
      expect(after.x + after.width).toBeLessThanOrEqual(box.x + box.width - 8);
    }
    for (const name of ['Filter by status', 'Filter by storage type', 'Filter by workspace']) expect(await labelFits(popover.getByRole('combobox', { name })), name).toBe(true);
    await page.screenshot({ path: test.info().outputPath('sort.png') });
  });
}

test('Sort: problems first, by name, recently changed (a change moves its bucket to the top), by workspace; remembered across a reload', async ({ page }) => {
  const popover = await open(page);
  const buckets = await stillBuckets(page);
  const sort = popover.getByRole('combobox', { name: 'Sort buckets' });
  await expect(sort).toHaveValue('problems');
  await expect(popover.locator('.row').first()).not.toHaveAttribute('aria-label', /, ONLINE/);

  await sort.selectOption('name');
  const firstByName = buckets.map((bucket) => bucket.name).sort(byName)[0]!;
  await expect(popover.locator('.row').first()).toHaveAttribute('aria-label', new RegExp(`^${firstByName},`));
  const shown = await rowNames(popover);
  expect(shown).toEqual([...shown].sort(byName));

  await sort.selectOption('changed');
  const last = buckets.slice().sort((a, b) => byName(a.name, b.name)).at(-1)!;
  await changeStatus(page, popover, last.id, last.status === 'OFFLINE' ? 'ONLINE' : 'OFFLINE');
  await expect(popover.locator('.row').first()).toHaveAttribute('aria-label', new RegExp(`^${last.name},`));

  await page.reload();
  await expect(popover.getByRole('combobox', { name: 'Sort buckets' })).toHaveValue('changed');
  await expect(popover.locator('.row').first()).toHaveAttribute('aria-label', new RegExp(`^${last.name},`));

  await popover.getByRole('combobox', { name: 'Sort buckets' }).selectOption('workspace');
  await expect(popover.getByRole('heading', { name: /^Engineering · \d+$/ })).toBeVisible();
});

/** The toast is whole and inside the popover. */
async function toastWhole(popover: Locator): Promise<void> {
  const toast = popover.locator('.toast-undo');
  await expect(toast).toBeVisible();
  const [box, outer] = [(await toast.boundingBox())!, (await popover.boundingBox())!];
  expect(box.x).toBeGreaterThanOrEqual(outer.x);
  expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width);
  expect(box.y + box.height).toBeLessThanOrEqual(outer.y + outer.height);
  expect(await toast.evaluate((element) => Array.from(element.querySelectorAll('*')).every((part) => part.scrollWidth <= part.clientWidth + 1))).toBe(true);
}

for (const look of LOOKS) {
  test(`Mute: the row's bell mutes (a struck-through bell, named for screen readers), Undo in one click, unmute from the row (${look.name}, ${look.scheme})`, async ({ page }) => {
    const popover = await open(page, look.query, look.scheme);
    const row = popover.locator('.row').nth(1);
    const name = (await row.getAttribute('aria-label'))!.split(', ')[0]!;
    await row.getByRole('button', { name: `Mute notifications for ${name}` }).click();
    const muted = popover.getByRole('listitem', { name: new RegExp(`^${name}, .*, muted$`) });
    await expect(muted).toBeVisible();
    await expect(muted.getByRole('button', { name: `Unmute notifications for ${name}` })).toBeVisible();
    await expect(muted.locator('.mute svg path')).toHaveCount(3);
    await expect(popover.getByRole('status').filter({ hasText: `Muted ${name}: no notifications for it.` })).toBeVisible();
    await toastWhole(popover);
    await page.screenshot({ path: test.info().outputPath('muted.png') });
    await popover.locator('.toast-undo').getByRole('button', { name: 'Undo' }).click();
    await expect(muted).toHaveCount(0);
    await expect(popover.locator('.toast-undo')).toHaveCount(0);
    // The keyboard: M on the row mutes, the bell unmutes.
    await row.focus();
    await page.keyboard.press('m');
    await expect(muted).toBeVisible();
    await muted.getByRole('button', { name: `Unmute notifications for ${name}` }).click();
    await expect(popover.getByRole('status').filter({ hasText: `Notifications for ${name} are on again.` })).toBeVisible();
    await expect(muted).toHaveCount(0);
  });
}

test('Mute: a muted bucket’s change does not notify, another’s does; muted is remembered across a reload', async ({ page }) => {
  const popover = await open(page);
  const buckets = await stillBuckets(page);
  const [quiet, loud] = buckets.filter((bucket) => bucket.status === 'ONLINE');
  await popover.getByRole('searchbox', { name: 'Search buckets' }).fill(quiet!.name);
  await popover.getByRole('button', { name: `Mute notifications for ${quiet!.name}` }).click();
  await expect(popover.getByRole('button', { name: `Unmute notifications for ${quiet!.name}` })).toBeVisible();
  await page.reload();
  await popover.getByRole('searchbox', { name: 'Search buckets' }).fill(quiet!.name);
  await expect(popover.getByRole('button', { name: `Unmute notifications for ${quiet!.name}` })).toBeVisible();
  await page.request.post(`${apiOf()}/__mock/status`, { data: { id: quiet!.id, status: 'OFFLINE' } });
  await changeStatus(page, popover, loud!.id, 'OFFLINE');
  const feed = page.getByRole('region', { name: 'Notifications' });
  await expect(feed.getByRole('button', { name: new RegExp(`${loud!.name} is OFFLINE`) })).toBeVisible();
  await expect(popover.getByRole('listitem', { name: `${quiet!.name}, OFFLINE, muted` })).toBeVisible();
  await expect(feed.getByRole('button', { name: new RegExp(`${quiet!.name} is OFFLINE`) })).toHaveCount(0);
});

for (const look of LOOKS) {
  test(`Recent changes: across buckets, newest first, in the app's time format; a click (and Enter) shows the bucket (${look.name}, ${look.scheme})`, async ({ page }) => {
    const popover = await open(page, look.query, look.scheme);
    const buckets = await stillBuckets(page);
    const [first, second] = buckets.filter((bucket) => bucket.status === 'ONLINE');
    await changeStatus(page, popover, first!.id, 'OFFLINE');
    await expect(popover.getByRole('listitem', { name: `${first!.name}, OFFLINE` })).toHaveCount(1);
    await changeStatus(page, popover, second!.id, 'DISCONNECTED');
    await expect(popover.getByRole('listitem', { name: `${second!.name}, DISCONNECTED` })).toHaveCount(1);

    await popover.getByRole('button', { name: 'Recent changes' }).click();
    await expect(popover.getByRole('heading', { name: 'Recent changes' })).toBeFocused();
    const entries = popover.getByRole('list', { name: 'Recent changes, newest first' }).getByRole('button');
    await expect(entries.first()).toContainText(`${second!.name}ONLINE → DISCONNECTED · `);
    await expect(entries.nth(1)).toContainText(`${first!.name}ONLINE → OFFLINE · `);
    // One time format: the locale's short time of day, as History and the header write it.
    await expect(entries.first().locator('time')).toHaveText(/^\d{1,2}:\d\d( [AP]M)?$/);
    const box = (await popover.boundingBox())!;
    const entry = (await entries.first().boundingBox())!;
    expect(entry.x + entry.width).toBeLessThanOrEqual(box.x + box.width);
    await page.screenshot({ path: test.info().outputPath('recent.png') });

    await entries.nth(1).click();
    await expect(popover.locator(`[data-bucket-id$="/${first!.id}"]`)).toBeFocused();
    // The keyboard: C opens it, Tab reaches an entry, Enter shows that bucket.
    await page.keyboard.press('c');
    await expect(popover.getByRole('heading', { name: 'Recent changes' })).toBeFocused();
    await entries.first().focus();
    await page.keyboard.press('Enter');
    await expect(popover.locator(`[data-bucket-id$="/${second!.id}"]`)).toBeFocused();
  });
}
