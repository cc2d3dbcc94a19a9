import type { DesktopInfo, DisplayServer } from '../../../shared/desktop';

/** What the shell knows about the system before it decides how to open. */
interface DesktopFacts {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** `--ozone-platform` as Electron was started with it or as the app appended it ('x11', 'wayland'), if any. */
  ozonePlatform?: string;
  /** Linux: the answer from the session bus (tray-host.ts); undefined elsewhere. */
  trayHost?: 'present' | 'missing' | 'unknown';
}

interface DesktopPreferences {
  runUnderXWayland: boolean;
  runAsWindow: boolean;
}

/** A Wayland session, as Chromium's `--ozone-platform-hint=auto` (Electron's default since 38) reads it. */
function isWaylandSession(env: DesktopFacts['env']): boolean {
  return Boolean(env.WAYLAND_DISPLAY) || env.XDG_SESSION_TYPE === 'wayland';
}

/** XWayland is there to fall back on: a Wayland session that also has an X display. */
export function canRunUnderXWayland(facts: Pick<DesktopFacts, 'platform' | 'env'>): boolean {
  return facts.platform === 'linux' && isWaylandSession(facts.env) && Boolean(facts.env.DISPLAY);
}

/**
 * The display server Electron draws on (Linux only). Electron ≥ 38 runs natively on Wayland
 * in a Wayland session unless told otherwise (`--ozone-platform=x11`, or the
 * ELECTRON_OZONE_PLATFORM_HINT variable the user may have set).
 */
export function displayServer(facts: Pick<DesktopFacts, 'platform' | 'env' | 'ozonePlatform'>): DisplayServer | undefined {
  if (facts.platform !== 'linux') return undefined;
  if (!isWaylandSession(facts.env)) return 'x11';
  const forced = facts.ozonePlatform ?? facts.env.ELECTRON_OZONE_PLATFORM_HINT;
  return forced === 'x11' && facts.env.DISPLAY ? 'xwayland' : 'wayland';
}

/**
 * Command-line switches to append before the app is ready. In a Wayland session: run under
 * XWayland when the user asked for it (and it exists, and nobody chose a platform on the
 * command line); natively, global shortcuts through the desktop's GlobalShortcuts portal
 * (electron#45171), added to the features already enabled (Chromium honours only the last
 * --enable-features).
 */
export function launchSwitches(facts: Pick<DesktopFacts, 'platform' | 'env' | 'ozonePlatform'>, preferences: DesktopPreferences, enabledFeatures = ''): Array<[string, string]> {
  if (preferences.runUnderXWayland && !facts.ozonePlatform && canRunUnderXWayland(facts)) return [['ozone-platform', 'x11']];
  if (displayServer(facts) !== 'wayland') return [];
  const features = enabledFeatures.split(',').filter(Boolean);
  return features.includes('GlobalShortcutsPortal') ? [] : [['enable-features', [...features, 'GlobalShortcutsPortal'].join(',')]];
}

export const NO_TRAY_HINT =
  'No tray icon: this desktop shows none (no StatusNotifierWatcher on the session bus). On GNOME, install and turn on the “AppIndicator and KStatusNotifierItem Support” extension, then start Flashback Tray again.';

/**
 * How the app opens on this desktop, and the words Settings and the log use for it.
 * A popover by the tray icon where the app can place and focus its own window; a normal
 * window, placed by the desktop, where it cannot (native Wayland), where there is no tray
 * icon to open it from (GNOME without the AppIndicator extension), or when the user asks.
 */
export function describeDesktop(facts: DesktopFacts, preferences: DesktopPreferences): DesktopInfo {
  const platform = facts.platform === 'darwin' || facts.platform === 'win32' || facts.platform === 'linux' ? facts.platform : 'other';
  const server = displayServer(facts);
  const trayHost = platform === 'linux' ? (facts.trayHost ?? 'unknown') : undefined;
  const noTray = trayHost === 'missing';
  const surface = preferences.runAsWindow || server === 'wayland' || noTray ? 'window' : 'popover';
  const info: DesktopInfo = { platform, surface, summary: '', canRunUnderXWayland: canRunUnderXWayland(facts) };
  if (server) info.displayServer = server;
  if (trayHost) info.trayHost = trayHost;
  if (noTray) info.hint = NO_TRAY_HINT;
  info.summary = summary(info, preferences);
  return info;
}

/** Whether the window opens at start: when there is no tray icon, it is the only way in. */
export function opensWindowAtStart(info: DesktopInfo): boolean {
  return info.trayHost === 'missing';
}

function summary(info: DesktopInfo, preferences: DesktopPreferences): string {
  const server = { wayland: 'Wayland', x11: 'X11', xwayland: 'XWayland (X11 in a Wayland session)' } as const;
  const on = info.displayServer ? `Running on ${server[info.displayServer]}` : `Running on ${info.platform === 'darwin' ? 'macOS' : info.platform === 'win32' ? 'Windows' : 'this system'}`;
  if (info.trayHost === 'missing') return `${on}, without a tray icon: Flashback Tray opens as a window.`;
  if (preferences.runAsWindow) return `${on}: Flashback Tray opens as a window (Run as a normal window is on).`;
  if (info.displayServer === 'wayland') {
    const way = info.canRunUnderXWayland ? ' Turn on Run under XWayland to open it by the tray icon instead.' : '';
    return `${on}, where apps cannot place their own windows: Flashback Tray opens as a window the desktop places.${way}`;
  }
  return `${on}: Flashback Tray opens by its tray icon.`;
}

/**
 * How the popover window behaves on each platform. Only macOS keeps it always on top:
 * there it must show over full-screen apps (with visibleOnFullScreen, skipping the
 * process-type switch that would flash the Dock), while on Windows and Linux an
 * always-on-top window may never get `blur` (electron#3222), and a popover that is placed
 * inside the work area needs no topmost level to stay clear of the taskbar. It hides on
 * whichever deactivation arrives first: blur, being minimised (Windows' Show desktop),
 * or the displays changing under it.
 */
export function popoverBehaviour(platform: NodeJS.Platform): { alwaysOnTop: boolean; visibleOnFullScreen: boolean; hideOn: Array<'blur' | 'minimize'> } {
  const mac = platform === 'darwin';
  return { alwaysOnTop: mac, visibleOnFullScreen: mac, hideOn: mac ? ['blur'] : ['blur', 'minimize'] };
}
