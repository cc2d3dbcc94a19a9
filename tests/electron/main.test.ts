import { tempDir } from '../setup/temp-dirs';

import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNELS, EVENT_CHANNELS } from '../../src/shared/channels';
import type { AppState, StatePatch, StateSnapshot } from '../../src/shared/contract';
import { applyPatch, patchFits } from '../../src/shared/state-patch';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import * as electron from './electron-double';

vi.mock('electron', () => import('./electron-double'));
// A desktop with a tray host (a panel that shows tray icons): the popover, not a window.
vi.mock('../../src/main/core/platform/session-bus', () => import('./session-bus-double'));
electron.sessionBus.names.add('org.kde.StatusNotifierWatcher');

/**
 * The Electron checklist, asserted from the code that creates the window and registers
 * IPC: main.ts runs against the electron double, and every item is read back from it.
 */
describe('the Electron shell (main.ts against an electron double)', () => {
  let popover: electron.BrowserWindow;

  beforeAll(async () => {
    process.env.FLASHBACK_TEST_DATA = await tempDir('flashback-main-');
    await import('../../src/main/electron/main');
    electron.app.makeReady();
    await vi.waitFor(() => expect(electron.ipcMain.handlers.size).toBe(Object.keys(COMMAND_CHANNELS).length), { timeout: 5000 });
    // Start-up ends after the saved session was looked up in the keychain and the shortcut bound.
    await vi.waitFor(() => expect(electron.globalShortcut.registered.size).toBe(1), { timeout: 10_000 });
    popover = electron.BrowserWindow.instances[0]!;
    const getState = electron.ipcMain.handlers.get(COMMAND_CHANNELS.getState)!;
    // State crosses IPC as JSON text (shared/wire.ts).
    view = JSON.parse(((await getState({ senderFrame: { url: 'app://flashback/index.html', parent: null } })) as { value: string }).value) as StateSnapshot;
    folded = popover.webContents.sent.length;
  });

  /** The popover's state as a renderer would hold it: the first snapshot, then every snapshot and patch sent to it. */
  let view: StateSnapshot;
  let folded = 0;
  const lastState = (): AppState => {
    for (const [channel, payload] of popover.webContents.sent.slice(folded)) {
      if (channel === EVENT_CHANNELS.snapshot) view = JSON.parse(payload as string) as StateSnapshot;
      if (channel === EVENT_CHANNELS.patch) {
        const patch = JSON.parse(payload as string) as StatePatch;
        if (patchFits(view.version, patch) === 'apply') view = applyPatch(view, patch);
      }
    }
    folded = popover.webContents.sent.length;
    return view.state;
  };

  it('sets the AppUserModelId to the build appId and asks for a single instance', () => {
    expect(electron.app.appUserModelId).toBe('tech.flashback.tray');
  });

  it('registers app:// as a standard, secure scheme and serves the renderer from it (not file://)', () => {
    expect(electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(popover.loadedUrl).toBe('app://flashback/index.html');
  });

  it('creates one frameless, hidden popover with every webPreferences item set explicitly', () => {
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(popover.options).toMatchObject({ frame: false, show: false, skipTaskbar: true, resizable: false, width: 380, height: 520 });
    expect(popover.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(String((popover.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]preload\.cjs$/);
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    electron.session.defaultSession.permissionRequestHandler!({}, 'notifications', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(electron.session.defaultSession.permissionCheckHandler!({}, 'clipboard-read')).toBe(false);
  });

  it('adds the strict CSP to every response', () => {
    const callback = vi.fn();
    electron.session.defaultSession.headersHandler!({ responseHeaders: {} }, callback);
    const csp = callback.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
  });

  it('hardens every web contents: navigation, redirects, webviews and new windows denied', () => {
    const contents = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://docs.flashback.tech/guide' })).toEqual({ action: 'deny' });
    expect(electron.shell.opened).toEqual(['https://docs.flashback.tech/guide']);
  });

  it('registers a handler for every command channel, and each checks its sender', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.values(COMMAND_CHANNELS).sort());
    const handler = electron.ipcMain.handlers.get(COMMAND_CHANNELS.getState)!;
    const untrusted = await handler({ senderFrame: { url: 'https://evil.example/', parent: null } });
    expect(untrusted).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'This page may not control Flashback Tray.' } });
    const subframe = await handler({ senderFrame: { url: 'app://flashback/index.html', parent: {} } });
    expect(subframe).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noFrame = await handler({ senderFrame: null });
    expect(noFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const trusted = (await handler({ senderFrame: { url: 'app://flashback/index.html', parent: null } })) as { ok: boolean; value: string };
    expect(trusted.ok).toBe(true);
    expect(JSON.parse(trusted.value)).toMatchObject({ state: { auth: { kind: 'signed-out' } } });
  });

  it('validates every argument in main', async () => {
    const frame = { senderFrame: { url: 'app://flashback/index.html', parent: null } };
    const copy = electron.ipcMain.handlers.get(COMMAND_CHANNELS.copyText)!;
    expect(await copy(frame, { evil: true }, 'bucket-id')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await copy(frame, 'bucket-1', 'bucket-id')).toEqual({ ok: true, value: undefined });
    expect(electron.clipboard.text).toBe('bucket-1');
    const settings = electron.ipcMain.handlers.get(COMMAND_CHANNELS.updateSettings)!;
    expect(await settings(frame, { apiBaseUrl: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('sends state to the popover and draws the tray with a menu', () => {
    expect(lastState().auth.kind).toBe('signed-out');
    const tray = electron.Tray.instances[0]!;
    expect(tray.tooltip).toBe('Flashback Tray\nNot signed in');
    expect(tray.menus.length).toBeGreaterThan(0);
    expect(String((tray.image as { path: string }).path)).toMatch(/tray-paused-light\.png$/);
  });

  it('opens the popover on first run (not signed in) and when a second instance starts', () => {
    expect(popover.visible).toBe(true);
    popover.hide();
    electron.app.emit('second-instance');
    expect(popover.visible).toBe(true);
  });

  it('registers the default global shortcut, which toggles the popover', () => {
    const toggle = electron.globalShortcut.registered.get('CommandOrControl+Shift+B');
    expect(toggle).toBeTypeOf('function');
    popover.show();
    toggle!();
    expect(popover.visible).toBe(false);
  });

  it('pauses on sleep and lock, and resumes on wake; a hidden popover is sent nothing until it opens', () => {
    popover.hide();
    const sentBefore = popover.webContents.sent.length;
    electron.powerMonitor.emit('suspend');
    expect(popover.webContents.sent.length).toBe(sentBefore);
    electron.app.emit('second-instance'); // opens the popover: the pending patch goes out
    expect(popover.webContents.sent.length).toBeGreaterThan(sentBefore);
    expect(lastState().sync.phase).toBe('paused');
    electron.powerMonitor.emit('lock-screen');
    electron.powerMonitor.emit('resume');
    expect(lastState().sync.phase).toBe('paused');
    electron.powerMonitor.emit('unlock-screen');
    expect(lastState().sync.phase).toBe('idle');
  });

  it('a shortcut taken by another app: the old one stays bound, the setting says so, a notice says why', async () => {
    electron.globalShortcut.takenByOthers.add('Alt+Space');
    const settings = electron.ipcMain.handlers.get(COMMAND_CHANNELS.updateSettings)!;
    await settings({ senderFrame: { url: 'app://flashback/index.html', parent: null } }, { globalShortcut: 'Alt+Space' });
    await vi.waitFor(() => expect(lastState().settings.globalShortcut).toBe('CommandOrControl+Shift+B'));
    expect([...electron.globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+B']);
    expect(lastState().notices.at(-1)?.message).toBe('The shortcut “Alt+Space” is taken by another app. Kept “CommandOrControl+Shift+B”. Choose another in Settings.');
  });

  it('"Open in a window" opens a second window of the same page, hardened the same way; the popover hides', async () => {
    const detach = electron.ipcMain.handlers.get(COMMAND_CHANNELS.detachPopover)!;
    expect(await detach({ senderFrame: { url: 'app://flashback/index.html', parent: null } })).toEqual({ ok: true, value: undefined });
    const window = electron.BrowserWindow.instances.at(-1)!;
    expect(window).not.toBe(popover);
    expect(window.loadedUrl).toBe('app://flashback/index.html#detached');
    expect(window.options.webPreferences).toEqual(popover.options.webPreferences);
    expect(popover.visible).toBe(false);
  });

  it('"Open in the web app" reaches shell.openExternal with the checked https address (signed in to a mock API, then out)', async () => {
    const api = new MockFlashbackApi();
    const url = await api.start();
    const frame = { senderFrame: { url: 'app://flashback/index.html', parent: null } };
    const call = (name: keyof typeof COMMAND_CHANNELS, ...args: unknown[]) => electron.ipcMain.handlers.get(COMMAND_CHANNELS[name])!(frame, ...args);
    let added = { ok: false, value: '' };
    try {
      await call('updateSettings', { apiBaseUrl: url, webAppBucketUrl: 'https://platform.example/buckets/{id}' });
      added = (await call('addAccount', url, DEMO_USER.email, DEMO_USER.password)) as { ok: boolean; value: string };
      expect(added).toMatchObject({ ok: true });
      // The popover is hidden (it gets nothing then): ask for the state as a view that opens would.
      const buckets = async () => (JSON.parse(((await call('getState')) as { value: string }).value) as StateSnapshot).state.buckets;
      await vi.waitFor(async () => expect((await buckets()).length).toBeGreaterThan(0), { timeout: 5000 });
      const id = (await buckets())[0]!.id;
      const before = electron.shell.opened.length;
      expect(await call('openInWebApp', `${added.value}/${id}`)).toEqual({ ok: true, value: undefined });
      expect(electron.shell.opened.slice(before)).toEqual([`https://platform.example/buckets/${encodeURIComponent(id)}`]);
      expect(await call('openInWebApp', 'no-such-bucket')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_BUCKET' } });
      expect(electron.shell.opened).toHaveLength(before + 1);
    } finally {
      await call('removeAccount', added.value);
      await api.stop();
    }
  });

  it('has no dock icon on macOS', () => {
    expect(electron.app.dock.hidden).toBe(true);
  });
});
