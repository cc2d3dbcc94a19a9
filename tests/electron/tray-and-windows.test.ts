// Electron adapters people see: the tray icon and its menu, the popover, the detached window.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Menu, NativeImage, Tray } from 'electron';
import { trayModel } from '../../src/main/core/desktop/tray-model';
import { DetachedWindow } from '../../src/main/electron/detached-window';
import type { WindowMemory } from '../../src/main/core/desktop/window-memory';
import { PopoverWindow } from '../../src/main/electron/popover-window';
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
