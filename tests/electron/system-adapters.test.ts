// Electron adapters to the system: updates, notifications, power and network, the global shortcut, security, launch at login.
import { tempDir } from '../setup/temp-dirs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { handleAppProtocol, resolveAppFile } from '../../src/main/electron/app-protocol';
import { createElectronUpdater, unsupportedUpdateReason, type AutoUpdaterLike } from '../../src/main/electron/auto-updater';
import { DesktopNotifier } from '../../src/main/electron/desktop-notifier';
import { bindToggleShortcut } from '../../src/main/electron/global-shortcut';
import { createLaunchAtLogin } from '../../src/main/electron/launch-at-login';
import { registerPowerEvents } from '../../src/main/electron/power-events';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isTrustedSender } from '../../src/main/electron/security';
import * as electron from './electron-double';

vi.mock('electron', () => import('./electron-double'));

describe('electron-updater adapter', () => {
  it('says which installations cannot update themselves', () => {
    expect(unsupportedUpdateReason('linux', {}, true)).toMatch(/package manager/);
    expect(unsupportedUpdateReason('linux', { APPIMAGE: '/opt/Flashback.AppImage' }, true)).toBeUndefined();
    expect(unsupportedUpdateReason('win32', { PORTABLE_EXECUTABLE_DIR: 'D:\\' }, true)).toMatch(/portable/);
    expect(unsupportedUpdateReason('win32', {}, true)).toBeUndefined();
    expect(unsupportedUpdateReason('darwin', {}, true)).toBeUndefined();
    expect(unsupportedUpdateReason('darwin', {}, false)).toMatch(/development build/);
  });

  it('maps checks, downloads and the restart onto electron-updater, loading it only when updates can run', async () => {
    let download: { resolve(files: string[]): void; reject(error: Error): void } | undefined;
    const fake: AutoUpdaterLike & { installs: number; cancels: number } = {
      autoDownload: false,
      logger: undefined,
      installs: 0,
      cancels: 0,
      checkForUpdates: async () => ({
        isUpdateAvailable: true,
        updateInfo: { version: '2.0.0' },
        downloadPromise: new Promise((resolve, reject) => (download = { resolve, reject })),
        cancellationToken: { cancel: () => void fake.cancels++ },
      }),
      on: () => fake,
      quitAndInstall: () => void fake.installs++,
    };
    const load = vi.fn(() => fake);
    const unsupported = createElectronUpdater({ platform: 'linux', env: {}, isPackaged: true, load, log: new MemoryLogger() });
    expect(await unsupported.check()).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
    const updater = createElectronUpdater({ platform: 'darwin', env: {}, isPackaged: true, load, log: new MemoryLogger() });
    const found = await updater.check();
    expect(found?.version).toBe('2.0.0');
    expect(fake.autoDownload).toBe(true);
    download!.resolve(['/tmp/Flashback-Tray-2.0.0.zip']);
    expect(await found?.download).toEqual({ ok: true });
    updater.quitAndInstall();
    expect(fake.installs).toBe(1);
    fake.checkForUpdates = async () => ({ isUpdateAvailable: false, updateInfo: { version: '1.0.0' } });
    expect(await updater.check()).toBeUndefined();
  });

  it('a check’s result carries a failed download, and a new check first cancels a download still running', async () => {
    const downloads: Array<{ reject(error: Error): void }> = [];
    let cancels = 0;
    const fake: AutoUpdaterLike = {
      autoDownload: false,
      logger: undefined,
      checkForUpdates: async () => {
        const downloadPromise = new Promise((_resolve, reject) => downloads.push({ reject }));
        return { isUpdateAvailable: true, updateInfo: { version: '2.0.0' }, downloadPromise, cancellationToken: { cancel: () => (cancels++, downloads.at(-1)!.reject(new Error('cancelled'))) } };
      },
      on: () => fake,
      quitAndInstall: () => undefined,
    };
    const updater = createElectronUpdater({ platform: 'darwin', env: {}, isPackaged: true, load: () => fake, log: new MemoryLogger() });
    const first = await updater.check();
    downloads[0]!.reject(new Error('net::ERR_CONNECTION_RESET'));
    expect(await first?.download).toEqual({ ok: false, reason: 'net::ERR_CONNECTION_RESET' });
    expect(cancels).toBe(0);
    await updater.check();
    const third = await updater.check();
    expect(cancels).toBe(1);
    expect(downloads).toHaveLength(3);
    expect(third?.version).toBe('2.0.0');
  });
});

describe('DesktopNotifier', () => {
  beforeEach(() => {
    electron.Notification.shown = [];
    electron.Notification.supported = true;
  });
  const factory = { isSupported: () => electron.Notification.isSupported(), create: (options: never) => new electron.Notification(options) as never };

  it('shows the request and runs the click callback', () => {
    const onClick = vi.fn();
    new DesktopNotifier(factory, new MemoryLogger()).show({ title: 'Backups is OFFLINE', body: 'It was ONLINE.', bucketId: 'a' }, onClick);
    expect(electron.Notification.shown.map((n) => n.options)).toEqual([{ title: 'Backups is OFFLINE', body: 'It was ONLINE.', silent: false }]);
    electron.Notification.shown[0]!.emit('click');
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('passes "no sound" on as silent', () => {
    new DesktopNotifier(factory, new MemoryLogger()).show({ title: 't', body: 'b', silent: true }, () => undefined);
    expect(electron.Notification.shown.map((n) => n.options)).toEqual([{ title: 't', body: 'b', silent: true }]);
  });

  it('checks Notification.isSupported() first', () => {
    electron.Notification.supported = false;
    const log = new MemoryLogger();
    new DesktopNotifier(factory, log).show({ title: 't', body: 'b' }, () => undefined);
    expect(electron.Notification.shown).toEqual([]);
    expect(log.lines.join('\n')).toContain('not supported');
  });
});

describe('power and network events', () => {
  afterEach(() => vi.useRealTimers());

  it('pauses and resumes for sleep, lock and connectivity; no timer runs while online', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    let online = true;
    const events = registerPowerEvents({
      powerMonitor: electron.powerMonitor as never,
      isOnline: () => online,
      pause: (reason) => calls.push(`pause:${reason}`),
      resume: (reason) => calls.push(`resume:${reason}`),
      offlineCheckMs: 1000,
    });
    expect(vi.getTimerCount()).toBe(0); // all well: nothing wakes the app
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('resume');
    electron.powerMonitor.emit('lock-screen');
    electron.powerMonitor.emit('unlock-screen');
    online = false;
    vi.advanceTimersByTime(60_000);
    expect(calls).toHaveLength(4); // going offline is noticed when a request fails for want of a network
    events.checkConnectivity();
    events.checkConnectivity();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    online = true;
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['pause:sleep', 'resume:sleep', 'pause:lock', 'resume:lock', 'pause:offline', 'resume:offline']);
    expect(vi.getTimerCount()).toBe(0);
    events.dispose();
    electron.powerMonitor.emit('suspend');
    expect(calls).toHaveLength(6);
  });

  it('starts paused when the machine is offline at start', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const events = registerPowerEvents({ powerMonitor: electron.powerMonitor as never, isOnline: () => false, pause: (r) => calls.push(`pause:${r}`), resume: (r) => calls.push(`resume:${r}`) });
    expect(calls).toEqual(['pause:offline']);
    events.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('global shortcut', () => {
  it('reports a taken shortcut instead of failing', () => {
    const taken = { register: () => false, unregister: vi.fn() };
    expect(bindToggleShortcut(taken, '', 'CommandOrControl+Shift+B', () => undefined)).toEqual({
      ok: false,
      message: 'The shortcut “CommandOrControl+Shift+B” is taken by another app. No shortcut is set. Choose another in Settings.',
      kept: '',
    });
  });
  it('a failed change binds the old shortcut again and says so', () => {
    const bound = new Set<string>(['CommandOrControl+Shift+B']);
    const shortcuts = {
      register: (accelerator: string) => {
        if (accelerator === 'Alt+Space') return false; // another app has it
        if (accelerator === 'Nope') throw new Error('invalid accelerator');
        bound.add(accelerator);
        return true;
      },
      unregister: (accelerator: string) => void bound.delete(accelerator),
    };
    expect(bindToggleShortcut(shortcuts, 'CommandOrControl+Shift+B', 'Alt+Space', () => undefined)).toEqual({
      ok: false,
      message: 'The shortcut “Alt+Space” is taken by another app. Kept “CommandOrControl+Shift+B”. Choose another in Settings.',
      kept: 'CommandOrControl+Shift+B',
    });
    expect([...bound]).toEqual(['CommandOrControl+Shift+B']);
    expect(bindToggleShortcut(shortcuts, 'CommandOrControl+Shift+B', 'Nope', () => undefined)).toMatchObject({ ok: false, kept: 'CommandOrControl+Shift+B' });
    expect([...bound]).toEqual(['CommandOrControl+Shift+B']);
  });
});

describe('security helpers', () => {
  it('only opens allow-listed https URLs outside', () => {
    expect(isAllowedExternalUrl('https://docs.flashback.tech/x')).toBe(true);
    expect(isAllowedExternalUrl('http://docs.flashback.tech/x')).toBe(false);
    expect(isAllowedExternalUrl('https://docs.flashback.tech.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });
  it('trusts only the top frame of the app page', () => {
    expect(isTrustedSender({ url: 'app://flashback/index.html', parent: null } as never)).toBe(true);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null } as never)).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null } as never)).toBe(false);
  });
  it('serves only files inside the renderer folder', () => {
    expect(resolveAppFile('/r', 'app://flashback/index.html')).toBe('/r/index.html');
    expect(resolveAppFile('/r', 'app://flashback/')).toBe('/r/index.html');
    expect(resolveAppFile('/r', 'app://flashback/../../etc/passwd')).toBeUndefined();
    // Encoded dot segments are resolved by the URL parser, so they stay inside the root.
    expect(resolveAppFile('/r', 'app://flashback/%2e%2e/%2e%2e/etc/passwd.js')).toBe('/r/etc/passwd.js');
    expect(resolveAppFile('/r', 'app://flashback/..%2f..%2fetc%2fpasswd.js')).toBeUndefined();
    expect(resolveAppFile('/r', 'app://evil/index.html')).toBeUndefined();
    expect(resolveAppFile('/r', 'app://flashback/secret.txt')).toBeUndefined();
  });
  it('the CSP in index.html (for pages without our headers) says what the header says', async () => {
    const html = await readFile(join(import.meta.dirname, '..', '..', 'src', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]!;
    const directives = (csp: string) => csp.split(';').map((d) => d.trim()).filter((d) => d && !d.startsWith('frame-ancestors')).sort();
    // frame-ancestors only works as a header, so the meta tag leaves it out.
    expect(directives(meta)).toEqual(directives(CONTENT_SECURITY_POLICY));
  });

  it('sends the CSP header with every renderer file', async () => {
    const root = await tempDir('flashback-renderer-');
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    const protocol = { handlers: new Map<string, (request: Request) => Promise<Response>>(), handle(scheme: string, h: (request: Request) => Promise<Response>) { this.handlers.set(scheme, h); } };
    handleAppProtocol(protocol as never, root);
    const response = await protocol.handlers.get('app')!(new Request('app://flashback/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await protocol.handlers.get('app')!(new Request('app://flashback/missing.js'))).status).toBe(404);
  });
});

describe('launch at login', () => {
  it('uses login items on macOS and Windows', async () => {
    const app = { setLoginItemSettings: vi.fn() };
    const launch = createLaunchAtLogin(app, 'darwin', {}, '/home/x', '/Applications/Flashback Tray.app');
    await launch.set(true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
  });

  it('writes and removes an XDG autostart entry on Linux (the AppImage path when there is one)', async () => {
    const home = await tempDir('flashback-home-');
    await mkdir(join(home, '.config'), { recursive: true });
    const launch = createLaunchAtLogin({ setLoginItemSettings: vi.fn() }, 'linux', { APPIMAGE: '/opt/Flashback.AppImage' }, home, '/usr/bin/electron');
    await launch.set(true);
    const path = join(home, '.config', 'autostart', 'flashback-tray.desktop');
    expect(await readFile(path, 'utf8')).toContain('Exec=/opt/Flashback.AppImage --hidden');
    await launch.set(false);
    expect(existsSync(path)).toBe(false);
  });
});
