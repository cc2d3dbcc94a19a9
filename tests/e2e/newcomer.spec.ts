import { expect, test } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview-process';

/**
 * A newcomer's preview (issue 14) and the preview as a local server (issue 12): the
 * built-in mock, its demo accounts on the page, the tray strip in both themes, and
 * requests refused unless they come from the page on 127.0.0.1/localhost.
 */
let preview: RunningPreview;

test.beforeEach(async () => {
  preview = await startPreview([]);
});
test.afterEach(async () => preview.stop());

test('after signing out of the built-in mock, the page shows the demo accounts, and one of them signs back in', async ({ page }) => {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
  await page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(popover.getByRole('heading', { name: 'Sign in to Flashback' })).toBeVisible();
  const accounts = page.getByRole('region', { name: 'Demo accounts' });
  await expect(accounts).toContainText('demo@flashback.test / demo-password');
  await expect(accounts).toContainText('authenticator code 123456');
  await popover.getByRole('textbox', { name: 'Email', exact: true }).fill('mfa@flashback.test');
  await popover.getByLabel('Password', { exact: true }).fill('mfa-password');
  await popover.getByRole('button', { name: 'Sign in' }).click();
  await popover.getByRole('textbox', { name: /code/i }).fill('123456');
  await popover.getByRole('button', { name: /verify|continue|sign in/i }).first().click();
  await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
});

test('the tray strip: the icon for the panel colour in light and dark, disabled entries greyed, the pause end time shown', async ({ page }) => {
  await page.goto(preview.url);
  const tray = page.getByRole('region', { name: 'Tray' });
  await expect(tray.locator('img:visible')).toHaveAttribute('src', /-light\.png$/);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(tray.locator('img:visible')).toHaveAttribute('src', /-dark\.png$/);
  await page.emulateMedia({ colorScheme: 'light' });

  const launch = tray.getByRole('menuitemcheckbox', { name: /Open at login/ });
  await expect(launch).toBeDisabled();
  expect(Number(await launch.evaluate((element) => getComputedStyle(element).opacity))).toBeLessThan(0.6);

  await tray.getByText('Pause notifications').click();
  await tray.getByRole('menuitem', { name: 'For 1 hour' }).click();
  // Any hour, any locale ("tomorrow 00:30" after 23:00): times-of-day.spec.ts pins the clock and reads the words.
  await expect(tray.getByRole('menuitem', { name: /^Resume notifications \(paused until (tomorrow )?\d{1,2}:\d\d( [AP]M)?\)$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Popover' }).getByText(/notifications paused until (tomorrow )?\d{1,2}:\d\d/)).toBeVisible();
});

test('the workspace filter shows its whole label at the popover’s width', async ({ page }) => {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
  for (const name of ['Filter by status', 'Filter by storage type', 'Filter by workspace']) {
    const fits = await popover.getByRole('combobox', { name }).evaluate((select: HTMLSelectElement) => {
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]!.text;
      // The room for text: the box minus padding, borders and the drop-down arrow (about 20 px).
      return context.measureText(text).width <= select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    });
    expect(fits, name).toBe(true);
  }
});

test('a page on another host name (DNS rebinding) is refused on every route; POSTs need the page’s own Origin', async ({ request }) => {
  const port = new URL(preview.url).port;
  for (const path of ['/', '/events?secret=x', '/assets/app.css', '/command/getState']) {
    const response = await request.fetch(`${preview.url.replace(/\/$/, '')}${path}`, { method: path.startsWith('/command') ? 'POST' : 'GET', headers: { host: `evil.example:${port}` } });
    expect(response.status(), path).toBe(403);
  }
  expect((await request.get(preview.url, { headers: { host: `localhost:${port}` } })).status()).toBe(200);
  const page = await request.get(preview.url);
  const secret = /name="preview-secret" content="([^"]+)"/.exec(await page.text())![1]!;
  const command = (origin: string) =>
    request.post(`${preview.url}command/getState`, { headers: { origin, 'x-preview-secret': secret, 'content-type': 'application/json' }, data: { args: [] } });
  expect((await command('http://evil.example')).status()).toBe(403);
  expect((await command(`http://localhost:${port}`)).status()).toBe(200);
  expect((await command(preview.url.replace(/\/$/, ''))).status()).toBe(200);
});

test.describe('updates, as the preview’s fake updater plays them', () => {
  test('a released version is found, downloaded, offered in the header, the tray and settings; restarting is the desktop app’s job', async ({ page }) => {
    await preview.stop();
    preview = await startPreview(['--fake-update', '9.9.9']);
    await page.goto(preview.url);
    const popover = page.getByRole('region', { name: 'Popover' });
    const restart = popover.getByRole('button', { name: 'Restart to update to v9.9.9' });
    await expect(restart).toBeVisible();
    await expect(page.getByRole('region', { name: 'Tray' }).getByRole('menuitem', { name: 'Restart to update to v9.9.9' })).toBeVisible();
    await popover.getByRole('button', { name: 'Settings' }).click();
    await expect(popover.getByText('Version 9.9.9 is ready.')).toBeVisible();
    // Settings offers it too (a second button of the same name); the header's is the first.
    await expect(restart).toHaveCount(2);
    await restart.first().click();
    await expect(page.getByRole('region', { name: 'Tray' }).getByRole('status')).toContainText('would quit and start version 9.9.9');
  });

  test('a failed download is said in words, and "Check now" downloads it again', async ({ page }) => {
    await preview.stop();
    preview = await startPreview(['--fake-update', '9.9.9', '--fake-update-fails', '1']);
    await page.goto(preview.url);
    const popover = page.getByRole('region', { name: 'Popover' });
    await popover.getByRole('button', { name: 'Settings' }).click();
    await expect(popover.getByText(/^Version 9\.9\.9 could not be downloaded .* It tries again in 6 hours\.$/)).toBeVisible();
    await popover.getByRole('checkbox', { name: 'Check for updates automatically' }).uncheck();
    await popover.getByRole('button', { name: 'Check now' }).click();
    await expect(popover.getByText('Version 9.9.9 is ready.')).toBeVisible();
  });
});

test('"Open in a window": the preview shows the popover as a window, and closing it brings the popover back', async ({ page }) => {
  await page.goto(preview.url);
  const popover = page.getByRole('region', { name: 'Popover' });
  await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
  await popover.getByRole('button', { name: 'Open in a window' }).click();
  const window = page.getByRole('region', { name: 'Window' });
  await expect(window.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible();
  await window.getByRole('button', { name: 'Close the window (back to the popover)' }).click();
  await expect(page.getByRole('region', { name: 'Popover' })).toBeVisible();
});
