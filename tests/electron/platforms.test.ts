import { tempDir } from '../setup/temp-dirs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_CHANNELS } from '../../src/shared/channels';
import type { CommandName, Settings, StateSnapshot } from '../../src/shared/contract';
import { NO_TRAY_HINT } from '../../src/main/core/desktop/desktop-session';
import type * as Double from './electron-double';

// Each boot gets a fresh double (see boot()). The session bus main.ts asks is the double's (its names set per test).
vi.mock('../../src/main/core/platform/session-bus', () => import('./session-bus-double'));

const realPlatform = process.platform;
const GNOME_WAYLAND = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', XDG_CURRENT_DESKTOP: 'GNOME' };
const KDE_X11 = { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: undefined, DISPLAY: ':0', XDG_CURRENT_DESKTOP: 'KDE' };
const FRAME = { senderFrame: { url: 'app://flashback/index.html', parent: null } };

interface Scenario {
  platform: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  /** Names owned on the session bus; `null`: no bus. */
  bus?: string[] | null;
  settings?: Partial<Settings>;
  displays?: Double.FakeDisplay[];
  cursor?: { x: number; y: number };
  trayBounds?: { x: number; y: number; width: number; height: number };
  argv?: string[];
  /** Runs on the fresh double before main.ts starts. */
  prepare?(electron: typeof Double): void;
}

let boots = 0;

/** main.ts started afresh, on a fresh Electron double, on a given system: platform, session, bus names, displays, saved settings. */
async function boot(scenario: Scenario) {
  vi.resetModules();
  const fresh = `./electron-double?boot=${++boots}`;
  vi.doMock('electron', () => import(/* @vite-ignore */ fresh));
  Object.defineProperty(process, 'platform', { value: scenario.platform, configurable: true });
  for (const key of ['XDG_SESSION_TYPE', 'WAYLAND_DISPLAY', 'DISPLAY', 'XDG_CURRENT_DESKTOP', 'ELECTRON_OZONE_PLATFORM_HINT']) vi.stubEnv(key, undefined as unknown as string);
  for (const [key, value] of Object.entries(scenario.env ?? {})) vi.stubEnv(key, value as string);
  const data = await tempDir('flashback-platform-');
  process.env.FLASHBACK_TEST_DATA = data;
  // Not signed in, so the app opens itself at start; `--hidden` (login) keeps it closed.
  const argv = process.argv;
  process.argv = [...argv, ...(scenario.argv ?? ['--hidden'])];
  if (scenario.settings) {
    await mkdir(join(data, 'userData'), { recursive: true });
    await writeFile(join(data, 'userData', 'settings.json'), JSON.stringify(scenario.settings));
  }
  const electron = (await import('electron')) as unknown as typeof Double;
  electron.sessionBus.names = new Set(scenario.bus ?? []);
  electron.sessionBus.reachable = scenario.bus !== null;
  scenario.prepare?.(electron);
  electron.screen.layout(scenario.displays ?? [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 27, width: 1920, height: 1053 } }], scenario.cursor);
  await import('../../src/main/electron/main');
  process.argv = argv;
  const tray = () => electron.Tray.instances[0]!;
  electron.app.makeReady();
  await vi.waitFor(() => expect(electron.Tray.instances).toHaveLength(1), { timeout: 10_000 });
  if (scenario.trayBounds) tray().reportedBounds = scenario.trayBounds;
  const call = (name: CommandName, ...args: unknown[]) => electron.ipcMain.handlers.get(COMMAND_CHANNELS[name])!(FRAME, ...args);
  const state = async () => (JSON.parse(((await call('getState')) as { value: string }).value) as StateSnapshot).state;
  await vi.waitFor(async () => expect((await state()).desktop).toBeDefined(), { timeout: 10_000 });
  const popover = electron.BrowserWindow.instances[0]!;
  const windows = () => electron.BrowserWindow.instances.filter((window) => window.loadedUrl.endsWith('#detached'));
  const log = () => readFile(join(data, 'logs', 'main.log'), 'utf8').catch(() => '');
  return { electron, tray: tray(), popover, windows, call, state, log };
}

afterEach(() => {
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  vi.unstubAllEnvs();
});

describe('Linux, Wayland (Electron ≥ 38 runs natively there)', () => {
  it('a window the compositor places, never the self-placed popover; Settings says which and why', async () => {
    const { tray, popover, windows, state, electron, log } = await boot({ platform: 'linux', env: GNOME_WAYLAND, bus: ['org.kde.StatusNotifierWatcher'] });
    const { desktop } = await state();
    expect(desktop).toMatchObject({ displayServer: 'wayland', trayHost: 'present', surface: 'window', canRunUnderXWayland: true });
    await vi.waitFor(async () => expect(await log()).toContain(`desktop: ${desktop!.summary}`));
    expect(electron.app.commandLine.hasSwitch('ozone-platform')).toBe(false);
    expect(electron.app.commandLine.getSwitchValue('enable-features')).toBe('GlobalShortcutsPortal');
    tray.click();
    expect(popover.visible).toBe(false);
    expect(windows()).toHaveLength(1);
    const window = windows()[0]!;
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    // No position asked for: the compositor places it.
    expect(window.options.x).toBeUndefined();
    tray.click();
    expect(window.visible).toBe(false);
    tray.click();
    expect(window.visible).toBe(true);
    // Minimised (it still counts as visible on Linux): the tray brings it back rather than hiding it.
    window.minimizeKeepsVisible = true;
    window.minimize();
    tray.click();
    expect(window.isMinimized()).toBe(false);
    expect(window.visible).toBe(true);
  });

  it('Run under XWayland: --ozone-platform=x11 before ready, then the popover by the icon; turning it off starts the app again', async () => {
    const { electron, tray, popover, state, call } = await boot({ platform: 'linux', env: GNOME_WAYLAND, bus: ['org.kde.StatusNotifierWatcher'], settings: { runUnderXWayland: true } });
    expect(electron.app.commandLine.getSwitchValue('ozone-platform')).toBe('x11');
    expect((await state()).desktop).toMatchObject({ displayServer: 'xwayland', surface: 'popover' });
    tray.click();
    expect(popover.visible).toBe(true);
    expect(await call('updateSettings', { runUnderXWayland: false })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(electron.app.relaunches).toBe(1));
    expect(electron.app.quitCalls).toBeGreaterThan(0);
  });

  it('a shortcut the desktop does not grant says so, not that another app took it', async () => {
    const { state } = await boot({ platform: 'linux', env: GNOME_WAYLAND, bus: ['org.kde.StatusNotifierWatcher'], prepare: (double) => double.globalShortcut.takenByOthers.add('CommandOrControl+Shift+B') });
    await vi.waitFor(async () => expect((await state()).notices.map((notice) => notice.message)).toContain('The shortcut “CommandOrControl+Shift+B” was not granted by the desktop (on Wayland, its shortcut settings decide). No shortcut is set. Choose another in Settings.'));
  });

  it('the setting is checked in main like every other', async () => {
    const { call } = await boot({ platform: 'linux', env: KDE_X11, bus: ['org.kde.StatusNotifierWatcher'] });
    expect(await call('updateSettings', { runUnderXWayland: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await call('updateSettings', { runAsWindow: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('Linux without a tray host (GNOME without the AppIndicator extension)', () => {
  it('opens the window at start and says in one line how to get the icon; closing it quits', async () => {
    const { electron, windows, state } = await boot({ platform: 'linux', env: GNOME_WAYLAND, bus: ['org.gnome.Shell'], argv: [] });
    expect(electron.sessionBus.asked).toEqual(['org.kde.StatusNotifierWatcher', 'org.freedesktop.StatusNotifierWatcher']);
    const { desktop, notices } = await state();
    expect(desktop).toMatchObject({ trayHost: 'missing', surface: 'window', hint: NO_TRAY_HINT });
    expect(notices.map((notice) => notice.message)).toContain(NO_TRAY_HINT);
    expect(windows()).toHaveLength(1);
    const quits = electron.app.quitCalls;
    windows()[0]!.close();
    expect(electron.app.quitCalls).toBe(quits + 1);
  });

  it('started at login before the panel: the tray host is asked again, and once it is there, no window and no hint', async () => {
    const { electron, windows, state } = await boot({
      platform: 'linux',
      env: KDE_X11,
      bus: [],
      prepare: (double) => {
        // The panel's watcher registers between the first and the second ask.
        double.sessionBus.onAsk = () => double.sessionBus.asked.length > 2 && double.sessionBus.names.add('org.kde.StatusNotifierWatcher');
      },
    });
    expect((await state()).desktop).toMatchObject({ trayHost: 'present', surface: 'popover' });
    expect(electron.sessionBus.asked.length).toBeGreaterThan(2);
    expect(windows()).toHaveLength(0);
    expect((await state()).notices).toEqual([]);
  }, 20_000);

  it('a bus that cannot be asked: the tray icon is assumed and the popover used, as before', async () => {
    const { tray, popover, windows, state } = await boot({ platform: 'linux', env: KDE_X11, bus: null });
    expect((await state()).desktop).toMatchObject({ trayHost: 'unknown', surface: 'popover', displayServer: 'x11' });
    expect(windows()).toHaveLength(0);
    tray.click();
    expect(popover.visible).toBe(true);
  });
});

describe('Run as a normal window (any platform)', () => {
  it('switches at once: an open popover hides, the tray opens the window', async () => {
    const { tray, popover, windows, call, state } = await boot({ platform: 'win32', trayBounds: { x: 1700, y: 1045, width: 24, height: 30 } });
    tray.click({ x: 1700, y: 1045, width: 24, height: 30 });
    expect(popover.visible).toBe(true);
    await call('updateSettings', { runAsWindow: true });
    expect(popover.visible).toBe(false);
    expect((await state()).desktop).toMatchObject({ surface: 'window' });
    tray.click({ x: 1700, y: 1045, width: 24, height: 30 });
    expect(windows()).toHaveLength(1);
  });
});

describe('macOS', () => {
  const main = { id: 1, bounds: { x: 0, y: 0, width: 1512, height: 982 }, workArea: { x: 0, y: 38, width: 1512, height: 944 } };
  const above = { id: 2, bounds: { x: -200, y: -1440, width: 2560, height: 1440 }, workArea: { x: -200, y: -1415, width: 2560, height: 1415 } };

  it('the popover shows over full-screen apps, without flashing the Dock', async () => {
    const { popover } = await boot({ platform: 'darwin' });
    expect(popover.options.alwaysOnTop).toBe(true);
    expect(popover.allWorkspaces).toEqual({ visible: true, options: { visibleOnFullScreen: true, skipTransformProcessType: true } });
  });

  it('a click on the menu bar of a display above the main one opens there (the click’s bounds, not getBounds())', async () => {
    const { tray, popover } = await boot({ platform: 'darwin', displays: [main, above], cursor: { x: 2000, y: -1430 }, trayBounds: { x: 2060, y: 0, width: 30, height: 24 } });
    tray.click({ x: 2060, y: -1440, width: 30, height: 24 });
    expect(popover.visible).toBe(true);
    expect(popover.bounds.y).toBe(-1415 + 4);
    expect(popover.bounds.x + popover.bounds.width).toBeLessThanOrEqual(-200 + 2560);
  });

  it('the shortcut right after start: stale getBounds() is not believed; the popover opens under the menu bar of the pointer’s display', async () => {
    const { electron, popover } = await boot({ platform: 'darwin', displays: [main, above], cursor: { x: 300, y: 500 }, trayBounds: { x: 0, y: 0, width: 30, height: 24 } });
    electron.globalShortcut.registered.get('CommandOrControl+Shift+B')!();
    expect(popover.visible).toBe(true);
    expect(popover.bounds).toEqual({ x: 1512 - 380 - 8, y: 38 + 8, width: 380, height: 520 });
  });
});

describe('Windows', () => {
  const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1032 }, scaleFactor: 1 };
  // 3840×2160 at 150 %, taskbar (48 px × 1.5 = 72 px, 48 DIP) on the left.
  const second = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1968, y: 0, width: 2512, height: 1440 }, scaleFactor: 1.5 };

  it('the popover is not always-on-top, so deactivation arrives: blur or minimise (Show desktop) hide it', async () => {
    const { tray, popover } = await boot({ platform: 'win32', displays: [primary, second] });
    expect(popover.options.alwaysOnTop).toBe(false);
    tray.click({ x: 1800, y: 1040, width: 24, height: 32 });
    expect(popover.visible).toBe(true);
    popover.emit('blur');
    expect(popover.visible).toBe(false);
    popover.show();
    popover.minimize();
    expect(popover.visible).toBe(false);
  });

  it('on the monitor whose taskbar holds the icon, beside a taskbar on the left, never under it', async () => {
    const { tray, popover } = await boot({ platform: 'win32', displays: [primary, second], cursor: { x: 500, y: 500 } });
    tray.click({ x: 1928, y: 1360, width: 32, height: 24 });
    expect(popover.visible).toBe(true);
    const { x, y, width, height } = popover.bounds;
    expect(x).toBe(1968 + 4);
    expect(y + height).toBeLessThanOrEqual(1440 - 8);
    expect(y + height / 2).toBeGreaterThan(720);
    expect(x + width).toBeLessThan(1920 + 2560);
  });

  it('a display removed while the popover is open: it hides rather than stay off screen', async () => {
    const { electron, tray, popover } = await boot({ platform: 'win32', displays: [primary, second] });
    tray.click({ x: 1928, y: 1360, width: 32, height: 24 });
    electron.screen.emit('display-removed', {}, second);
    expect(popover.visible).toBe(false);
  });
});
