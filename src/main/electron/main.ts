/**
 * The Electron entry: wires the core to the desktop. Everything that decides lives in
 * the core (tested in Node); this file only connects Electron's objects to it.
 */
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { MIN_POLL_INTERVAL_SECONDS } from '../../shared/contract';
import { AppController } from '../core/app/controller';
import { MemoryKeychain } from '../core/platform/keychain';
import { FileLogger } from '../core/platform/logger';
import { JsonFileSettingsStore, readSettingsAtLaunch } from '../core/settings/settings-store';
import { describeDesktop, displayServer, launchSwitches, opensWindowAtStart } from '../core/desktop/desktop-session';
import { LOGIN_TRAY_HOST_WAITS_MS, settledTrayHostStatus } from '../core/desktop/tray-host';
import { systemClock } from '../core/platform/clock';
import { boundedProgram, CliSessionBus } from '../core/platform/session-bus';
import { historyFileAt } from '../core/notify/status-history';
import { windowMemoryFile } from '../core/desktop/window-memory';
import { openSystemKeychain } from '../core/platform/system-keychain';
import { trayModel, type MenuAction } from '../core/desktop/tray-model';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { createElectronUpdater, type AutoUpdaterLike } from './auto-updater';
import { DesktopNotifier } from './desktop-notifier';
import { DesktopShell } from './desktop-shell';
import { DetachedWindow } from './detached-window';
import { bindToggleShortcut } from './global-shortcut';
import { registerIpcHandlers } from './ipc';
import { createLaunchAtLogin } from './launch-at-login';
import { PopoverWindow } from './popover-window';
import { registerPowerEvents } from './power-events';
import { hardenSession, hardenWebContents, isTrustedSender } from './security';
import { TrayView } from './tray-view';

export const APP_ID = 'tech.flashback.tray';

/** What `npm run demo` needs of the mock Flashback API (src/demo-api.ts). */
interface DemoApi {
  MockFlashbackApi: new () => { readonly url: string; start(): Promise<string>; stop(): Promise<void>; startScenario(everyMs: number): void };
  DEMO_USER: { email: string; password: string | null };
}

/** The demo's mock API is bundled as its own file, loaded only for --demo: the app's bundle does not carry it. */
function loadDemoApi(): DemoApi {
  // A path computed at run time: the bundler leaves it alone.
  const path = join(__dirname, 'demo-api.cjs');
  return require(path) as DemoApi;
}
const demo = process.argv.includes('--demo');
const startHidden = process.argv.includes('--hidden');

if (demo) app.setPath('userData', join(tmpdir(), 'flashback-tray-demo'));
// Chromium's switches must be set before the app is ready, so this one setting is read now.
const ozonePlatform = () => app.commandLine.getSwitchValue('ozone-platform') || undefined;
const launchSettings = readSettingsAtLaunch(join(app.getPath('userData'), 'settings.json'));
for (const [name, value] of launchSwitches({ platform: process.platform, env: process.env, ozonePlatform: ozonePlatform() }, launchSettings, app.commandLine.getSwitchValue('enable-features'))) {
  app.commandLine.appendSwitch(name, value);
}
registerAppScheme(protocol);
app.setAppUserModelId(APP_ID);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const log = new FileLogger({ path: join(app.getPath('logs'), 'main.log'), echo: !app.isPackaged });
  process.on('uncaughtException', (error) => log.error('uncaught exception', error));
  process.on('unhandledRejection', (error) => log.error('unhandled rejection', error));
  app.dock?.hide();
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log, (url) => void shell.openExternal(url)));
  handleAppProtocol(protocol, join(__dirname, '..', 'renderer'));

  const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : join(__dirname, '..', 'assets');
  const launchAtLogin = createLaunchAtLogin(app, process.platform, process.env, homedir(), process.execPath);
  const demoApi = demo ? loadDemoApi() : undefined;
  const mockApi = demoApi ? new demoApi.MockFlashbackApi() : undefined;
  const keychain = demo ? new MemoryKeychain('Demo mode keeps its sign-in in memory.') : await openSystemKeychain();
  // Started at login (--hidden), the panel may not be up yet: its tray host gets a few seconds.
  const trayHost = process.platform === 'linux' ? await settledTrayHostStatus(new CliSessionBus(boundedProgram(systemClock)), systemClock, startHidden ? LOGIN_TRAY_HOST_WAITS_MS : []) : undefined;
  const desktopFacts = { platform: process.platform, env: process.env, ozonePlatform: ozonePlatform(), trayHost };

  let popover: PopoverWindow | undefined;
  const controller = new AppController({
    settingsStore: new JsonFileSettingsStore(join(app.getPath('userData'), 'settings.json')),
    historyFile: historyFileAt(join(app.getPath('userData'), 'history.json')),
    updater: createElectronUpdater({
      platform: process.platform,
      env: process.env,
      isPackaged: app.isPackaged && !demo,
      load: () => (require('electron-updater') as { autoUpdater: AutoUpdaterLike }).autoUpdater,
      log,
    }),
    keychain,
    log,
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    notifier: new DesktopNotifier({ isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) }, log),
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    shell: {
      hidePopover: () => popover?.hide(),
      // The core checked it: https, on the host of the user's own web-app address.
      openExternal: (url) => shell.openExternal(url),
      quit: () => app.quit(),
      detachPopover: () => {
        popover?.hide();
        detached.open();
      },
    },
    onSettingsChanged: (settings, previous) => {
      if (settings.launchAtLogin !== previous.launchAtLogin) {
        launchAtLogin.set(settings.launchAtLogin).catch((error: unknown) => {
          log.warn('launch at login could not be changed', error);
          controller.addNotice('warning', 'Flashback Tray could not change whether it opens at login.');
        });
      }
      if (settings.globalShortcut !== previous.globalShortcut) bindShortcut(previous.globalShortcut, settings.globalShortcut);
      if (settings.runAsWindow !== previous.runAsWindow) {
        applyDesktop();
        surfaces.surfaceChanged();
      }
      // Chromium picks its display server at start: the app starts again on the other one.
      if (settings.runUnderXWayland !== previous.runUnderXWayland && controller.state.desktop?.canRunUnderXWayland) {
        app.relaunch();
        app.quit();
      }
    },
  });

  popover = new PopoverWindow({
    createWindow: (options) => new BrowserWindow(options),
    screen,
    platform: process.platform,
    trayBounds: () => tray.getBounds(),
    preloadPath: join(__dirname, '..', 'preload', 'preload.cjs'),
    devTools: !app.isPackaged,
    onVisibilityChange: (visible) => (visible ? feed.show() : feed.hide()),
  });
  // The popover gets patches only while it shows; hidden, they wait (merged) until it opens.
  const feed = controller.createFeed((event, payload) => popover?.send(event, payload as never));
  const detached = new DetachedWindow({
    createWindow: (options) => new BrowserWindow(options),
    screen,
    preloadPath: join(__dirname, '..', 'preload', 'preload.cjs'),
    devTools: !app.isPackaged,
    memory: windowMemoryFile(join(app.getPath('userData'), 'window-state.json'), (error) => log.warn('the window position could not be saved', error)),
    onVisibilityChange: (visible) => (visible ? detachedFeed.show() : detachedFeed.hide()),
    // With no tray icon the window is the app: closing it quits, as closing an app's window does.
    onClosed: () => controller.state.desktop?.trayHost === 'missing' && app.quit(),
  });
  const detachedFeed = controller.createFeed((event, payload) => detached.send(event, payload as never));

  const surfaces = new DesktopShell(popover, detached, () => controller.state.desktop ?? { surface: 'popover' });
  function applyDesktop() {
    const desktop = describeDesktop(desktopFacts, controller.state.settings);
    controller.setDesktop(desktop);
    log.info(`desktop: ${desktop.summary}`);
    return desktop;
  }

  const tray = new Tray(nativeImage.createEmpty());
  const trayView = new TrayView({
    tray,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    loadImage: (path) => nativeImage.createFromPath(path),
    platform: process.platform,
    assetsDir,
    darkTaskbar: () => nativeTheme.shouldUseDarkColorsForSystemIntegratedUI ?? nativeTheme.shouldUseDarkColors,
    onAction: (action) => void runMenuAction(action),
  });
  tray.on('click', (_event, bounds) => surfaces.toggle(bounds));
  tray.on('right-click', () => trayView.popUpMenu());
  nativeTheme.on('updated', () => {
    trayView.invalidateIcon();
    renderTray();
  });

  function renderTray() {
    trayView.render(trayModel(controller.state, { now: Date.now(), platform: process.platform, launchAtLoginSupported: launchAtLogin.supported }));
  }
  // The tray shows no relative times, so it needs no timer; only the end of a notification pause changes its menu.
  let pauseEnd: ReturnType<typeof setTimeout> | undefined;
  function redrawWhenPauseEnds() {
    clearTimeout(pauseEnd);
    const until = Date.parse(controller.state.settings.notificationsPausedUntil ?? '');
    if (until > Date.now()) pauseEnd = setTimeout(renderTray, Math.min(until - Date.now() + 500, 2 ** 31 - 1));
  }

  async function runMenuAction(action: MenuAction): Promise<void> {
    if (await controller.runMenuAction(action)) return;
    switch (action.type) {
      case 'open':
        return surfaces.show();
      case 'copy-id':
        clipboard.writeText(action.bucketId);
        return;
      case 'view-logs':
        await shell.openPath(log.path);
        return;
      case 'quit':
        app.quit();
        return;
    }
  }

  let revertingShortcut = false;
  function bindShortcut(previous: string, next: string) {
    if (revertingShortcut) return;
    // Natively on Wayland the desktop's GlobalShortcuts portal grants shortcuts, or does not.
    const refused = displayServer(desktopFacts) === 'wayland' ? 'was not granted by the desktop (on Wayland, its shortcut settings decide)' : undefined;
    const result = bindToggleShortcut(globalShortcut, previous, next, () => surfaces.toggle(), refused);
    if (result.ok) return;
    controller.addNotice('warning', result.message);
    // The setting says what is really bound: the old shortcut, bound again (or none).
    if (result.kept !== next) {
      revertingShortcut = true;
      void controller.dispatch('updateSettings', [{ globalShortcut: result.kept }]).finally(() => (revertingShortcut = false));
    }
  }

  const power = registerPowerEvents({ powerMonitor, isOnline: () => net.isOnline(), pause: (reason) => controller.pause(reason), resume: (reason) => controller.resume(reason) });
  controller.subscribe((state, patch) => {
    renderTray();
    if (patch.settings) redrawWhenPauseEnds();
    if (patch.sync && state.sync.error?.kind === 'network') power.checkConnectivity();
  });
  controller.onViewEvent((event) => surfaces.showAndSend(event.name, event.payload as never));
  registerIpcHandlers({ ipcMain, dispatch: (name, args) => controller.dispatch(name, args), isTrustedSender, log });
  app.on('second-instance', () => surfaces.show());
  app.on('window-all-closed', () => undefined); // a tray app keeps running without windows
  let historySaved = false;
  app.on('before-quit', (event) => {
    // The status history is written a few seconds after changes: write it now, then quit.
    if (!historySaved) {
      event.preventDefault();
      void controller.flushHistory().finally(() => {
        historySaved = true;
        app.quit();
      });
      return;
    }
    feed.dispose();
    detachedFeed.dispose();
    power.dispose();
    controller.dispose();
    void mockApi?.stop();
    globalShortcut.unregisterAll();
  });

  if (mockApi) {
    await mockApi.start();
    mockApi.startScenario(5000);
  }
  await controller.start();
  if (mockApi) {
    // The demo's statuses change every few seconds: poll at the fastest allowed interval to show it.
    await controller.dispatch('updateSettings', [{ apiBaseUrl: mockApi.url, pollIntervalSeconds: MIN_POLL_INTERVAL_SECONDS }]);
    await controller.dispatch('addAccount', [mockApi.url, demoApi!.DEMO_USER.email, demoApi!.DEMO_USER.password]);
  }
  bindShortcut('', controller.state.settings.globalShortcut);
  // Rewrite the login item at start, so it follows the app when it was moved or updated.
  if (controller.state.settings.launchAtLogin) launchAtLogin.set(true).catch((error: unknown) => log.warn('launch at login could not be refreshed', error));
  renderTray();
  const desktop = applyDesktop();
  if (desktop.hint) controller.addNotice('info', desktop.hint);
  if (opensWindowAtStart(desktop)) detached.open();
  else if (!startHidden && (demo || controller.state.auth.kind !== 'signed-in')) surfaces.show();
  log.info(`started${demo ? ' in demo mode' : ''}`);
}
