import { expect, test } from '@playwright/test';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEFAULT_SETTINGS, type AppState } from '../../src/shared/contract';
import { indexBuckets } from '../../src/renderer/list-model/bucket-query';
import { countBuckets, countsSummary } from '../../src/shared/format';
import { eventToWire } from '../../src/shared/wire';
import { calls, openRenderer, RENDERER_ORIGIN } from './renderer-stub';

const state = (buckets = makeBuckets(40, { seed: 11 }), theme: 'light' | 'dark' | 'system' = 'system'): AppState => ({
  auth: { kind: 'signed-in', email: 'ada@example.com', method: 'password', storage: 'keychain' },
  buckets: buckets.map((bucket) => ({ ...bucket, account: 'acc-ada0000001', statusSince: new Date(Date.now() - 300_000).toISOString() })),
  sync: { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date().toISOString() },
  settings: { ...DEFAULT_SETTINGS, theme },
  notices: [],
  workspaces: [],
  update: { kind: 'idle' },
  accounts: [{ id: 'acc-ada0000001', label: 'ada@example.com', apiBaseUrl: DEFAULT_SETTINGS.apiBaseUrl, email: 'ada@example.com', auth: 'signed-in', phase: 'idle', stale: false }],
  currentAccount: 'acc-ada0000001',
  draft: null,
});

test.use({ viewport: { width: 380, height: 520 } });

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: RENDERER_ORIGIN });
});

test('the built renderer runs under its strict CSP and lists the buckets', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => message.type() === 'error' && violations.push(message.text()));
  page.on('pageerror', (error) => violations.push(error.message));
  await openRenderer(page, state());
  const list = page.getByRole('list', { name: 'Available buckets, 40' });
  await expect(list).toBeVisible();
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self'");
  // Only the rows in view exist (virtualised), yet the list knows its full size.
  const rendered = await list.getByRole('listitem').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(40);
  expect(violations).toEqual([]);
});

test('search and filters narrow the list', async ({ page }) => {
  await openRenderer(page, state());
  const archives = state().buckets.filter((b) => `${b.name} ${b.bucket}`.toLowerCase().includes('archive')).length;
  expect(archives).toBeGreaterThan(0);
  await page.getByRole('searchbox', { name: 'Search buckets' }).fill('archive');
  await expect(page.getByRole('list')).toHaveAttribute('aria-label', `Available buckets, ${archives}`);
  await page.getByRole('searchbox', { name: 'Search buckets' }).fill('');
  await page.getByRole('combobox', { name: 'Filter by storage type' }).selectOption('GCS');
  const label = await page.getByRole('list').getAttribute('aria-label');
  const gcs = state().buckets.filter((b) => b.storageType === 'GCS').length;
  expect(label).toBe(`Available buckets, ${gcs}`);
});

test('copy puts the bucket id on the clipboard and says so', async ({ page }) => {
  const first = state().buckets.find((bucket) => bucket.status !== 'ONLINE')!;
  await openRenderer(page, state());
  const row = page.locator(`[data-bucket-id="acc-ada0000001/${first.id}"]`);
  await row.getByRole('button', { name: /^Copy bucket id of/ }).click();
  await expect(row.getByRole('button', { name: /^Copy bucket id of/ })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first.id);
  await expect(page.getByTestId('announcer')).toHaveText(/^Copied bucket id of /);
});

test('works from the keyboard alone', async ({ page }) => {
  await openRenderer(page, state());
  await expect(page.getByRole('list')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search buckets' })).toBeFocused();
  await page.keyboard.type('reports');
  await page.keyboard.press('ArrowDown');
  const focused = page.locator('.row:focus');
  await expect(focused).toHaveCount(1);
  const key = (await focused.getAttribute('data-bucket-id'))!;
  await page.keyboard.press('Enter');
  // A row is keyed by its account and id; Enter copies the id alone.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key.slice(key.indexOf('/') + 1));
  // The row's own controls follow it, in the order they are seen: the bell (mute), then Copy id.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^Mute notifications for / }).and(page.locator(':focus'))).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^Copy bucket id of/ }).and(page.locator(':focus'))).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox', { name: 'Search buckets' })).toHaveValue('');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(',');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  expect((await calls(page)).map((call) => call.command)).toContain('refresh');
});

test('stays usable with 10,000 buckets', async ({ page }) => {
  await openRenderer(page, state(makeBuckets(10_000)));
  await expect(page.getByRole('list', { name: 'Available buckets, 10000' })).toBeVisible();
  expect(await page.getByRole('listitem').count()).toBeLessThan(40);
  await page.keyboard.press('/');
  await page.keyboard.type('Photos 99');
  await expect(page.getByRole('list')).toHaveAttribute('aria-label', /Available buckets, \d+/);
});

test('a large snapshot from main is decoded a line per task; its first frame shows the first rows in order and every bucket counted, then the whole list', async ({ page }) => {
  await openRenderer(page, state([]));
  await expect(page.getByText('No buckets are available')).toBeVisible();
  const big = state(makeBuckets(10_000, { seed: 5 }));
  const text = eventToWire('snapshot', { version: 2, state: big });
  const atFirstFrame = await page.evaluate(async (wireText) => {
    (window as unknown as { __sendSnapshotText(text: string): void }).__sendSnapshotText(wireText);
    while (!document.querySelector('ul.list')) await new Promise((resolve) => requestAnimationFrame(resolve));
    const list = document.querySelector('ul.list')!;
    return { busy: list.getAttribute('aria-busy'), label: list.getAttribute('aria-label'), rows: Array.from(list.querySelectorAll('li.row'), (row) => row.getAttribute('aria-label')), header: document.querySelector('.header-status')?.textContent ?? '' };
  }, text);
  expect(atFirstFrame.label).toBe('Available buckets, 10000');
  expect(atFirstFrame.header).toContain(countsSummary(countBuckets(big.buckets)));
  const expected = indexBuckets(big.buckets).map((entry) => `${entry.bucket.name}, ${entry.bucket.status}`);
  expect(atFirstFrame.rows.length).toBeGreaterThan(3);
  expect(atFirstFrame.rows).toEqual(expected.slice(0, atFirstFrame.rows.length));
  const list = page.getByRole('list', { name: 'Available buckets, 10000' });
  await expect(list).not.toHaveAttribute('aria-busy', 'true');
  await list.getByRole('listitem').first().focus();
  await page.keyboard.press('End');
  await expect(page.locator('.row:focus')).toHaveAttribute('aria-label', expected.at(-1)!);
});

test("a new list's first frame makes only the rows in view; the rows for scrolling come after it is painted", async ({ page }) => {
  await openRenderer(page, state([]));
  await expect(page.getByText('No buckets are available')).toBeVisible();
  const text = eventToWire('snapshot', { version: 2, state: state(makeBuckets(10_000, { seed: 5 })) });
  const counts = await page.evaluate(async (wireText) => {
    (window as unknown as { __sendSnapshotText(text: string): void }).__sendSnapshotText(wireText);
    // The list renders in microtasks after the snapshot: this task comes after them and before the frame is painted.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const rows = () => document.querySelectorAll('ul.list li.row').length;
    const scroller = document.querySelector('.list-scroller')!;
    const atFirstFrame = rows();
    const inView = Math.ceil(scroller.clientHeight / 76);
    for (let frames = 0; frames < 60 && rows() === atFirstFrame; frames++) await new Promise((resolve) => requestAnimationFrame(resolve));
    return { atFirstFrame, inView, later: rows() };
  }, text);
  expect(counts.inView).toBeGreaterThan(2);
  expect(counts.atFirstFrame).toBeGreaterThanOrEqual(counts.inView);
  expect(counts.atFirstFrame).toBeLessThanOrEqual(counts.inView + 1);
  expect(counts.later).toBeGreaterThan(counts.inView + 2);
});

test('at 100,000 buckets: windowed, the keyboard still walks the whole list, and rows keep their screen-reader names', async ({ page }) => {
  // The stub's page gets the 100,000-bucket state as a 30 MB init script: on a busy 2-core machine opening it alone took 24–33 s.
  test.setTimeout(120_000);
  await openRenderer(page, state(makeBuckets(100_000, { seed: 2 })));
  const list = page.getByRole('list', { name: 'Available buckets, 100000' });
  await expect(list).toBeVisible();
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);
  await list.getByRole('listitem').first().focus();
  const first = page.locator('.row:focus');
  await expect(first).toHaveAttribute('aria-posinset', '1');
  await expect(first).toHaveAttribute('aria-setsize', '100000');
  await page.keyboard.press('End');
  const last = page.locator('.row:focus');
  await expect(last).toHaveAttribute('aria-posinset', '100000');
  await expect(last).toHaveAttribute('aria-label', /^.+, (ONLINE|OFFLINE|DISCONNECTED|ACTIVE|UNKNOWN|[A-Z]+)$/);
  await page.keyboard.press('PageUp');
  await expect(page.locator('.row:focus')).toHaveAttribute('aria-posinset', /^99\d\d\d$/);
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);
});

test('a name with bidi controls, and 10,000-character names and statuses, cannot break the row', async ({ page }) => {
  const long = 'N'.repeat(10_000);
  const buckets = [
    { id: 'evil', name: 'invoice\u202Egpj.exe', status: 'ONLINE', bucket: 'b\u202Ex', workspaceId: 'w' },
    { id: 'long', name: long, status: `S${'T'.repeat(10_000)}`, bucket: long, workspaceId: long },
    ...makeBuckets(5, { seed: 4 }),
  ];
  await openRenderer(page, state(buckets));
  const evil = page.locator('[data-bucket-id="acc-ada0000001/evil"]');
  await expect(evil.locator('bdi.row-name')).toHaveText('invoice\u202Egpj.exe');
  const row = page.locator('[data-bucket-id="acc-ada0000001/long"]');
  const box = (await row.boundingBox())!;
  expect(box.height).toBe(76);
  expect(box.width).toBeLessThanOrEqual(380);
  const copy = (await row.getByRole('button', { name: /^Copy bucket id of N+…$/ }).boundingBox())!;
  expect(copy.x + copy.width).toBeLessThanOrEqual(380);
  expect(copy.width).toBeGreaterThan(30);
  const name = (await row.locator('.row-name').boundingBox())!;
  expect(name.width).toBeGreaterThan(40); // the status chip is capped: the name keeps room
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(380);
});

for (const theme of ['light', 'dark'] as const) {
  test(`${theme} theme screenshot`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: theme });
    await openRenderer(page, state(makeBuckets(12, { seed: 5 }), theme));
    await expect(page.getByRole('list')).toBeVisible();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(theme === 'dark' ? 'rgb(28, 31, 36)' : 'rgb(255, 255, 255)');
    await page.screenshot({ path: testInfo.outputPath(`popover-${theme}.png`) });
  });
}
