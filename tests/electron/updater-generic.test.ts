import { writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { createElectronUpdater, type AutoUpdaterLike } from '../../src/main/electron/auto-updater';
import { tempDir } from '../setup/temp-dirs';

const require = createRequire(import.meta.url);

/**
 * The real electron-updater, without Electron: its AppImage updater with an app adapter
 * (what Electron's `app` would tell it) and Node's HTTP instead of Electron's `net`,
 * against a local server that publishes `latest-linux.yml` the way the generic provider reads it.
 */
let server: Server | undefined;
afterEach(() => server?.close());

/** `download`: how the server answers for the AppImage itself (by default, 404). */
async function releaseServer(version: string, download?: (res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    if (download && req.url?.startsWith(`/Flashback-Tray-${version}.AppImage`)) return download(res);
    if (!req.url?.startsWith('/latest-linux.yml')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/yaml' });
    res.end(`version: ${version}\nfiles:\n  - url: Flashback-Tray-${version}.AppImage\n    sha512: abc\n    size: 10\npath: Flashback-Tray-${version}.AppImage\nsha512: abc\nreleaseDate: '2026-11-25T00:00:00.000Z'\n`);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

interface DownloadOptions {
  headers?: Record<string, string>;
  cancellationToken: { createPromise<T>(run: (resolve: (value: T) => void, reject: (error: Error) => void, onCancel: (handler: () => void) => void) => void): Promise<T> };
}
interface NodeExecutor {
  doDownload(request: object, options: object, redirects: number): void;
  download?: (url: URL, destination: string, options: DownloadOptions) => Promise<string>;
}

/** What Electron's `net` executor adds for downloads (electron-updater's electronHttpExecutor.js `download`), over Node's HTTP. */
function downloadingExecutor(executor: NodeExecutor): NodeExecutor {
  const { configureRequestOptions, configureRequestUrl } = require('builder-util-runtime') as { configureRequestOptions(o: object): void; configureRequestUrl(url: URL, o: object): void };
  executor.download = (url, destination, options) =>
    options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const request = { headers: options.headers, redirect: 'manual' };
      configureRequestUrl(url, request);
      configureRequestOptions(request);
      const callback = (error: Error | null) => (error ? reject(error) : resolve(destination));
      executor.doDownload(request, { destination, options, onCancel, callback, responseHandler: null }, 0);
    });
  return executor;
}

async function realUpdater(url: string, currentVersion: string, downloads = false): Promise<AutoUpdaterLike> {
  const { AppImageUpdater } = require('electron-updater') as { AppImageUpdater: new (options: null, app: unknown) => AutoUpdaterLike & { httpExecutor: unknown } };
  const { NodeHttpExecutor } = require('builder-util/out/nodeHttpExecutor') as { NodeHttpExecutor: new () => NodeExecutor };
  const dir = await tempDir('flashback-updater-');
  await writeFile(join(dir, 'app-update.yml'), `provider: generic\nurl: ${url}\n`);
  process.env.APPIMAGE = join(dir, 'Flashback-Tray.AppImage');
  const app = { version: currentVersion, name: 'Flashback Tray', isPackaged: true, appUpdateConfigPath: join(dir, 'app-update.yml'), userDataPath: dir, baseCachePath: dir, whenReady: async () => undefined, relaunch: () => undefined, quit: () => undefined, onQuit: () => undefined };
  const updater = new AppImageUpdater(null, app);
  updater.httpExecutor = downloads ? downloadingExecutor(new NodeHttpExecutor()) : new NodeHttpExecutor();
  if (downloads) return updater;
  // This test checks, it does not download (the release file here is not a real AppImage): the adapter's autoDownload = true is ignored.
  updater.autoDownload = false;
  return new Proxy(updater, { set: (target, key, value) => (key === 'autoDownload' ? true : Reflect.set(target, key, value)) });
}

describe('the updater adapter over the real electron-updater (generic provider, no Electron)', () => {
  it('finds a newer release in latest-linux.yml, and nothing when the app is current', async () => {
    const url = await releaseServer('2.0.0');
    const withOld = await realUpdater(url, '1.0.0');
    const adapter = createElectronUpdater({ platform: 'linux', env: { APPIMAGE: '/x.AppImage' }, isPackaged: true, load: () => withOld, log: new MemoryLogger() });
    expect((await adapter.check())?.version).toBe('2.0.0');
    const withCurrent = await realUpdater(url, '2.0.0');
    const current = createElectronUpdater({ platform: 'linux', env: { APPIMAGE: '/x.AppImage' }, isPackaged: true, load: () => withCurrent, log: new MemoryLogger() });
    expect(await current.check()).toBeUndefined();
    delete process.env.APPIMAGE;
  });

  it('a check’s result carries its failed download (the release file is missing)', async () => {
    const url = await releaseServer('2.0.0');
    const real = await realUpdater(url, '1.0.0', true);
    const adapter = createElectronUpdater({ platform: 'linux', env: { APPIMAGE: '/x.AppImage' }, isPackaged: true, load: () => real, log: new MemoryLogger() });
    const found = await adapter.check();
    expect(found?.version).toBe('2.0.0');
    expect(await found?.download).toMatchObject({ ok: false, reason: expect.stringContaining('404') });
    delete process.env.APPIMAGE;
  });

  it('a download that stalls is abandoned by the next check, which downloads again', async () => {
    const stalled: ServerResponse[] = [];
    const url = await releaseServer('2.0.0', (res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '10' });
      res.write('12');
      stalled.push(res);
    });
    const real = await realUpdater(url, '1.0.0', true);
    const adapter = createElectronUpdater({ platform: 'linux', env: { APPIMAGE: '/x.AppImage' }, isPackaged: true, load: () => real, log: new MemoryLogger() });
    const first = await adapter.check();
    await expect.poll(() => stalled.length).toBe(1);
    const second = await adapter.check();
    expect(await first?.download).toMatchObject({ ok: false });
    await expect.poll(() => stalled.length).toBe(2);
    expect(second?.version).toBe('2.0.0');
    for (const res of stalled) res.destroy();
    expect(await second?.download).toMatchObject({ ok: false });
    delete process.env.APPIMAGE;
  });
});
