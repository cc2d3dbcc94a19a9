import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..', '..');

/** Where the Electron binary is, without triggering its lazy download (which needs internet). */
function electronBinary(): { path?: string; reason?: string } {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return { path: join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron') };
  if (!existsSync(pathFile)) return { reason: 'the Electron binary is not installed (node_modules/electron/path.txt is missing; it is downloaded on first use, which needs internet)' };
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary is missing at ${binary}` };
}

const { path: binary, reason } = electronBinary();
if (!binary) console.warn(`SKIPPED the Electron end-to-end spec: ${reason}.`);

test.describe('the packaged shape in a real Electron', () => {
  test.skip(!binary, `Electron end-to-end skipped: ${reason}`);

  // --demo runs the app against the built-in mock Flashback API, signed in as the demo user.
  test('launches against the mock API with secure webPreferences, denies navigation and new windows, and shows the buckets', async () => {
    const app = await electron.launch({ executablePath: binary, args: [ROOT, '--demo'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
    try {
      const popover = await app.firstWindow();
      await expect(popover.getByRole('list', { name: /Available buckets, \d+/ })).toBeVisible({ timeout: 20_000 });
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        return (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      });
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
      expect(popover.url()).toBe('app://flashback/index.html');
      expect(await popover.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      const opened = await popover.evaluate(() => window.open('https://evil.example/') === null);
      expect(opened).toBe(true);
      await popover.evaluate(() => {
        location.href = 'https://evil.example/';
      });
      await popover.waitForTimeout(500);
      expect(popover.url()).toBe('app://flashback/index.html');
    } finally {
      await app.close();
    }
  });
});
