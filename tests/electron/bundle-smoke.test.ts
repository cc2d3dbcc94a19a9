import { tempDir } from '../setup/temp-dirs';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';

import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as electron from './electron-double';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main', 'main.cjs');
const PRELOAD = join(ROOT, 'dist', 'preload', 'preload.cjs');
const built = existsSync(MAIN) && existsSync(PRELOAD);
if (!built) console.warn('SKIPPED the bundle smoke test: dist/ is missing (npm test builds it first; or run npm run build).');

/**
 * The bundles `npm run build` makes, loaded as Electron would load them (with the electron
 * double in place of the binary): catches what only bundling can break, such as paths from
 * __dirname to the preload and the renderer, or a module the sandboxed preload cannot require.
 */
describe.skipIf(!built)('the built bundles', () => {
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  afterAll(() => {
    (Module as unknown as { _load: typeof load })._load = load;
  });

  it('the preload requires nothing but electron (a sandboxed preload can require little else)', () => {
    const requires = [...readFileSync(PRELOAD, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(requires).toEqual(['electron']);
  });

  it('main.cjs starts against the double, points at a preload and a renderer that exist, and serves the renderer', async () => {
    process.env.FLASHBACK_TEST_DATA = await tempDir('flashback-bundle-');
    (Module as unknown as { _load: typeof load })._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? electron : load.call(this, request, ...rest);
    };
    const before = electron.BrowserWindow.instances.length;
    createRequire(import.meta.url)(MAIN);
    electron.app.makeReady();
    // The popover's window first; where the bus says no tray host is running (npm test's private
    // D-Bus has no panel) the app then opens as a window too: a second one, soon after. Waiting for
    // exactly one window failed whenever the first look came after both (a quiet machine).
    await vi.waitFor(() => expect(electron.BrowserWindow.instances.length).toBeGreaterThan(before), { timeout: 4000 });
    for (const window of electron.BrowserWindow.instances.slice(before)) {
      expect((window.options.webPreferences as { preload: string }).preload).toBe(PRELOAD);
    }
    const serve = electron.protocol.handlers.get('app')!;
    const page = await serve(new Request('app://flashback/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="./app.js">');
    expect((await serve(new Request('app://flashback/app.js'))).status).toBe(200);
    expect((await serve(new Request('app://flashback/app.css'))).status).toBe(200);
    // Start-up ends with "started" in the log: until then the app may still make its log folder,
    // and one made after the test's folder is removed would be left behind (CI's check).
    const log = join(process.env.FLASHBACK_TEST_DATA, 'logs', 'main.log');
    await vi.waitFor(() => expect(existsSync(log) && readFileSync(log, 'utf8')).toContain('started'), { timeout: 4000 });
  });
});
