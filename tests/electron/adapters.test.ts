import { tempDir } from '../setup/temp-dirs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Menu, NativeImage, Tray } from 'electron';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { trayModel } from '../../src/main/core/desktop/tray-model';
import { handleAppProtocol, resolveAppFile } from '../../src/main/electron/app-protocol';
import { createElectronUpdater, unsupportedUpdateReason, type AutoUpdaterLike } from '../../src/main/electron/auto-updater';
import { DesktopNotifier } from '../../src/main/electron/desktop-notifier';
import { DetachedWindow } from '../../src/main/electron/detached-window';
import type { WindowMemory } from '../../src/main/core/desktop/window-memory';
import { bindToggleShortcut } from '../../src/main/electron/global-shortcut';
import { createLaunchAtLogin } from '../../src/main/electron/launch-at-login';
import { PopoverWindow } from '../../src/main/electron/popover-window';
import { registerPowerEvents } from '../../src/main/electron/power-events';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isTrustedSender } from '../../src/main/electron/security';
import { menuTemplate, trayIconPath, TrayView } from '../../src/main/electron/tray-view';
import { DEFAULT_SETTINGS, type AppState } from '../../src/shared/contract';
import * as electron from './electron-double';

vi.mock('electron', () => import('./electron-double'));

const baseState: AppState = {
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
  buckets: [{ id: 'a', name: 'Alpha', status: 'ONLINE' }],
  sync: { phase: 'idle', stale: false, inFlight: false },
  settings: structuredClone(DEFAULT_SETTINGS),
  notices: [],
  workspaces: [],
  update: { kind: 'idle' },
  accounts: [],
  currentAccount: 'primary',
  draft: null,
};

describe('TrayView', () => {
  function makeView(platform: NodeJS.Platform, dark = false) {
    const tray = new electron.Tray(null);
    const actions: unknown[] = [];
    const view = new TrayView({
      tray: tray as unknown as Tray,
      buildMenu: (template) => electron.Menu.buildFromTemplate(template) as unknown as Menu,
      loadImage: (path) => electron.nativeImage.createFromPath(path) as unknown as NativeImage,
      platform,
      assetsDir: '/assets',
      darkTaskbar: () => dark,
      onAction: (action) => actions.push(action),
    });
    return { tray, view, actions };
  }
  const model = (state: AppState, platform: NodeJS.Platform = 'linux') => trayModel(state, { now: Date.now(), platform, launchAtLoginSupported: true });

  it('uses template images on macOS, .ico on Windows, light/dark PNGs on Linux', () => {
    expect(trayIconPath('/a', 'darwin', 'problem', false)).toBe('/a/tray/trayTemplate-problem.png');
    expect(trayIconPath('/a', 'win32', 'error', true)).toBe('/a/tray/tray-error-dark.ico');
    expect(trayIconPath('/a', 'linux', 'ok', false)).toBe('/a/tray/tray-ok-light.png');
    const { tray, view } = makeView('darwin');
    view.render(model(baseState, 'darwin'));
    expect(tray.image).toMatchObject({ path: '/assets/tray/trayTemplate-ok.png', template: true });
  });

  it('sets icon, tooltip, title and menu, and sets the menu again on every change (Linux needs it)', () => {
    const { tray, view } = makeView('linux');
    view.render(model(baseState));
    expect(tray.menus).toHaveLength(1);
    view.render(model(baseState));
    expect(tray.menus).toHaveLength(1);
    view.render(model({ ...baseState, buckets: [...baseState.buckets, { id: 'b', name: 'Beta', status: 'OFFLINE' }] }));
    expect(tray.menus).toHaveLength(2);
    expect(tray.image).toMatchObject({ path: '/assets/tray/tray-problem-light.png' });
    expect(tray.tooltip).toContain('2 buckets · 1 needs attention');
  });

  it('puts the count beside the icon on macOS and Linux (the AppIndicator label), clears it, and never on Windows', () => {
    const problem = { ...baseState, buckets: [...baseState.buckets, { id: 'b', name: 'Beta', status: 'OFFLINE' }] };
    for (const platform of ['darwin', 'linux'] as const) {
      const { tray, view } = makeView(platform);
      view.render(model(problem, platform));
      expect(tray.title).toBe('1');
      view.render(model(baseState, platform));
      expect(tray.title).toBe('');
    }
    const windows = makeView('win32');
    const setTitle = vi.spyOn(windows.tray, 'setTitle');
    windows.view.render(model(problem, 'win32'));
    expect(setTitle).not.toHaveBeenCalled();
  });

  it('on macOS keeps the left click for the popover and pops the menu up on right click', () => {
    const { tray, view } = makeView('darwin');
    view.render(model(baseState, 'darwin'));
    expect(tray.menus).toHaveLength(0);
    view.popUpMenu();
    expect(tray.poppedUp).toHaveLength(1);
  });

  it('menu items run their actions', () => {
    const actions: unknown[] = [];
    const template = menuTemplate(model(baseState).menu, (action) => actions.push(action));
    const copy = template.find((item) => item.label === 'Copy bucket id')!;
    (copy.submenu as Array<{ click: () => void }>)[0]!.click();
    (template.find((item) => item.label === 'Quit Flashback Tray') as { click: () => void }).click();
    expect(actions).toEqual([{ type: 'copy-id', bucketId: 'a' }, { type: 'quit' }]);
    expect(template.find((item) => item.label === 'Open at login')).toMatchObject({ type: 'checkbox', checked: false });
  });
});

describe('PopoverWindow', () => {
  let now = 1000;
  afterEach(() => {
    electron.screen.reset();
    electron.screen.removeAllListeners();
  });
  function makePopover(platform: NodeJS.Platform = 'win32') {
    const popover = new PopoverWindow({
      createWindow: (options) => new electron.BrowserWindow(options as Record<string, unknown>) as unknown as BrowserWindow,
      screen: electron.screen as never,
      platform,
      trayBounds: () => ({ x: 0, y: 0, width: 0, height: 0 }),
      preloadPath: '/p.cjs',
      devTools: false,
      now: () => now,
    });
    return { popover, window: popover.window as unknown as electron.BrowserWindow };
  }

  it('shows next to the tray icon, inside the work area', () => {
    electron.screen.layout([{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }], { x: 10, y: 10 });
    const { popover, window } = makePopover();
    popover.show({ x: 1700, y: 1045, width: 24, height: 30 });
    expect(window.visible).toBe(true);
    expect(window.position).toEqual([1522, 516]);
    expect(window.webContents.sent).toEqual([['flashback:shown', true]]);
  });

  it('hides on blur', () => {
    const { popover, window } = makePopover();
    popover.show();
    window.emit('blur');
    expect(window.visible).toBe(false);
  });

  it('a tray click right after the blur it caused does not reopen it (Windows race)', () => {
    const { popover, window } = makePopover();
    popover.toggle();
    expect(window.visible).toBe(true);
    window.emit('blur');
    now += 50;
    popover.toggle();
    expect(window.visible).toBe(false);
    now += 1000;
    popover.toggle();
    expect(window.visible).toBe(true);
  });

  it('toggles: a second click hides it', () => {
    const { popover, window } = makePopover();
    popover.toggle();
    popover.toggle();
    expect(window.visible).toBe(false);
  });
});

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

describe('the detached window', () => {
  function detachedWith(memory: WindowMemory) {
    const store = { memory, load: () => store.memory, save: (next: WindowMemory) => void (store.memory = next) };
    const shown: boolean[] = [];
    const window = new DetachedWindow({
      createWindow: (options) => new electron.BrowserWindow(options as Record<string, unknown>) as never,
      screen: electron.screen as never,
      preloadPath: '/app/preload.cjs',
      devTools: false,
      memory: store,
      onVisibilityChange: (visible) => shown.push(visible),
    });
    return { window, store, shown };
  }

  it('opens where it was on this display, with the popover’s hardened webPreferences, and remembers moves per display', () => {
    const { window, store, shown } = detachedWith({ 1: { x: 300, y: 200, width: 500, height: 700 } });
    window.open();
    const created = electron.BrowserWindow.instances.at(-1)!;
    expect(created.options).toMatchObject({ x: 300, y: 200, width: 500, height: 700, show: false });
    expect(created.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(created.loadedUrl).toBe('app://flashback/index.html#detached');
    created.emit('ready-to-show');
    expect(shown).toEqual([true]);
    created.bounds = { x: 640, y: 100, width: 480, height: 620 };
    created.emit('moved');
    expect(store.memory).toEqual({ 1: { x: 640, y: 100, width: 480, height: 620 } });
    window.open(); // already open: shown again, not a second window
    expect(electron.BrowserWindow.instances.at(-1)).toBe(created);
    created.emit('closed');
    expect(shown).toEqual([true, false]);
    expect(window.isOpen).toBe(false);
  });

  it('a display that is gone: opens at the default size, centred by the system', () => {
    const { window } = detachedWith({ 7: { x: 3000, y: 200, width: 500, height: 700 } });
    window.open();
    expect(electron.BrowserWindow.instances.at(-1)!.options).toMatchObject({ width: 420, height: 600 });
    expect(electron.BrowserWindow.instances.at(-1)!.options).not.toHaveProperty('x');
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
