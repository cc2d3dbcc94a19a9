/**
 * A stand-in for the `electron` module (the binary cannot run here): just enough of each
 * API for the adapters, recording what they were asked to do.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  devToolsOpen = false;
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDevToolsOpened() {
    return this.devToolsOpen;
  }
  /** Emits like Electron: returns whether a listener called preventDefault. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  visible = false;
  position: [number, number] = [0, 0];
  loadedUrl = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return false;
  }
  show() {
    this.visible = true;
    this.minimized = false;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  setPosition(x: number, y: number) {
    this.position = [x, y];
  }
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  getBounds() {
    return this.bounds;
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }) {
    this.bounds = { ...bounds };
    this.position = [bounds.x, bounds.y];
  }
  minimized = false;
  /** Like Electron on Windows: a minimised window is no longer shown (isVisible stays true on Linux, see `minimizeKeepsVisible`). */
  minimize() {
    this.minimized = true;
    this.visible = this.minimizeKeepsVisible;
    this.emit('minimize');
  }
  minimizeKeepsVisible = false;
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
    this.visible = true;
    this.emit('restore');
  }
  allWorkspaces: { visible: boolean; options?: Record<string, unknown> } | undefined;
  setVisibleOnAllWorkspaces(visible: boolean, options?: Record<string, unknown>) {
    this.allWorkspaces = { visible, options };
  }
  closed = false;
  close() {
    this.emit('close');
    this.closed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: unknown;
  tooltip = '';
  title = '';
  menus: unknown[] = [];
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setContextMenu(menu: unknown) {
    this.menus.push(menu);
  }
  poppedUp: unknown[] = [];
  popUpContextMenu(menu: unknown) {
    this.poppedUp.push(menu);
  }
  /** What getBounds() reports (zero on most Linux panels, stale on macOS just after start). */
  reportedBounds = { x: 0, y: 0, width: 0, height: 0 };
  getBounds() {
    return this.reportedBounds;
  }
  /** A click as Electron sends it: the event, then the icon's bounds. */
  click(bounds = { x: 0, y: 0, width: 0, height: 0 }) {
    this.emit('click', {}, bounds);
  }
}

export const Menu = { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })) };
export const nativeImage = {
  createEmpty: () => ({ empty: true }),
  createFromPath: vi.fn((path: string) => ({ path, template: false, setTemplateImage(this: { template: boolean }, value: boolean) { this.template = value; } })),
};
export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false });

export const ipcMain = {
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  handle(channel: string, handler: (...args: unknown[]) => unknown) {
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export class Notification extends EventEmitter {
  static supported = true;
  static shown: Notification[] = [];
  static isSupported() {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
}

const sessionDouble = {
  permissionRequestHandler: undefined as undefined | ((...args: unknown[]) => void),
  permissionCheckHandler: undefined as undefined | ((...args: unknown[]) => boolean),
  headersHandler: undefined as undefined | ((details: unknown, callback: (response: unknown) => void) => void),
  setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
    this.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
    this.permissionCheckHandler = handler;
  },
  setDevicePermissionHandler() {},
  webRequest: {
    onHeadersReceived(handler: (details: unknown, callback: (response: unknown) => void) => void) {
      sessionDouble.headersHandler = handler;
    },
  },
};
export const session = { defaultSession: sessionDouble };

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

class FakeApp extends EventEmitter {
  appUserModelId = '';
  singleInstance = true;
  isPackaged = false;
  quitCalls = 0;
  loginItems: unknown[] = [];
  private readyResolve!: () => void;
  ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  /** A plain record, not a vi.fn: mocks are reset between tests, start-up happens once. */
  dock = { hidden: false, hide() { this.hidden = true; } };
  setAppUserModelId(id: string) {
    this.appUserModelId = id;
  }
  requestSingleInstanceLock() {
    return this.singleInstance;
  }
  whenReady() {
    return this.ready;
  }
  makeReady() {
    this.readyResolve();
  }
  getPath(name: string) {
    return `${process.env.FLASHBACK_TEST_DATA ?? '/tmp'}/${name}`;
  }
  setPath() {}
  quit() {
    this.quitCalls++;
  }
  setLoginItemSettings(settings: unknown) {
    this.loginItems.push(settings);
  }
  relaunches = 0;
  relaunch() {
    this.relaunches++;
  }
  /** Switches appended before ready, as Chromium's command line holds them. */
  commandLine = {
    switches: new Map<string, string>(),
    appendSwitch(name: string, value = '') {
      this.switches.set(name, value);
    },
    hasSwitch(name: string) {
      return this.switches.has(name);
    },
    getSwitchValue(name: string) {
      return this.switches.get(name) ?? '';
    },
  };
}
export const app = new FakeApp();

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
  scaleFactor?: number;
}
const mainDisplay: FakeDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 27, width: 1920, height: 1053 } };
/** Display layouts are set per test (`screen.layout(...)`); every rectangle is in DIP, as Electron's. */
export const screen = Object.assign(new EventEmitter(), {
  displays: [mainDisplay],
  cursor: { x: 100, y: 100 },
  layout(displays: FakeDisplay[], cursor = { x: displays[0]!.bounds.x + 100, y: displays[0]!.bounds.y + 100 }) {
    this.displays = displays;
    this.cursor = cursor;
  },
  reset() {
    this.layout([mainDisplay], { x: 100, y: 100 });
  },
  getCursorScreenPoint() {
    return this.cursor;
  },
  getDisplayNearestPoint(point: { x: number; y: number }) {
    return this.displays.find((d) => point.x >= d.bounds.x && point.x < d.bounds.x + d.bounds.width && point.y >= d.bounds.y && point.y < d.bounds.y + d.bounds.height) ?? this.displays[0]!;
  },
  getAllDisplays() {
    return this.displays;
  },
  getDisplayMatching(rect: { x: number; y: number }) {
    return this.displays.find((d) => rect.x >= d.bounds.x && rect.x < d.bounds.x + d.bounds.width) ?? this.displays[0]!;
  },
});
export const clipboard = { text: '', writeText(text: string) { this.text = text; } };
export const globalShortcut = { registered: new Map<string, () => void>(), takenByOthers: new Set<string>(), register(accelerator: string, callback: () => void) { if (this.takenByOthers.has(accelerator)) return false; this.registered.set(accelerator, callback); return true; }, unregister(accelerator: string) { this.registered.delete(accelerator); }, unregisterAll() { this.registered.clear(); } };
export const powerMonitor = new EventEmitter();
export const net = { online: true, isOnline() { return this.online; }, fetch: (input: string, init?: RequestInit) => fetch(input, init) };
export const shell = { opened: [] as string[], openExternal(url: string) { this.opened.push(url); return Promise.resolve(); }, openPath(path: string) { this.opened.push(path); return Promise.resolve(''); } };
export const contextBridge = { exposed: new Map<string, unknown>(), exposeInMainWorld(key: string, value: unknown) { this.exposed.set(key, value); } };
export const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: undefined })) });

/**
 * The D-Bus session bus as main.ts asks it (through core/platform/session-bus.ts, mocked
 * onto this in tests): which names are owned, or no bus at all.
 */
export const sessionBus = { names: new Set<string>(), reachable: true, asked: [] as string[], onAsk: undefined as undefined | ((name: string) => void) };
