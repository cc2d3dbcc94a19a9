import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeDesktop, displayServer, launchSwitches, NO_TRAY_HINT, opensWindowAtStart } from '../../src/main/core/desktop/desktop-session';
import { LOGIN_TRAY_HOST_WAITS_MS, settledTrayHostStatus, STATUS_NOTIFIER_WATCHERS, trayHostStatus } from '../../src/main/core/desktop/tray-host';
import { systemClock } from '../../src/main/core/platform/clock';
import { CliSessionBus, type SessionBus } from '../../src/main/core/platform/session-bus';

const GNOME_WAYLAND = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', XDG_CURRENT_DESKTOP: 'GNOME' };
const X11 = { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' };
const PREFS = { runUnderXWayland: false, runAsWindow: false };

/** A session bus whose names are a set; `broken` makes every call fail as a missing bus does. */
function fakeBus(names: string[], broken = false): SessionBus & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    nameHasOwner: async (name) => {
      asked.push(name);
      if (broken) throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      return names.includes(name);
    },
  };
}

describe('the display server (Electron ≥ 38 is native Wayland in a Wayland session)', () => {
  it('reads the session from XDG_SESSION_TYPE and WAYLAND_DISPLAY', () => {
    expect(displayServer({ platform: 'linux', env: GNOME_WAYLAND })).toBe('wayland');
    expect(displayServer({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-1' } })).toBe('wayland');
    expect(displayServer({ platform: 'linux', env: X11 })).toBe('x11');
    expect(displayServer({ platform: 'darwin', env: GNOME_WAYLAND })).toBeUndefined();
  });

  it('is XWayland when the Ozone platform is x11 (switch or ELECTRON_OZONE_PLATFORM_HINT) and an X display exists', () => {
    expect(displayServer({ platform: 'linux', env: GNOME_WAYLAND, ozonePlatform: 'x11' })).toBe('xwayland');
    expect(displayServer({ platform: 'linux', env: { ...GNOME_WAYLAND, ELECTRON_OZONE_PLATFORM_HINT: 'x11' } })).toBe('xwayland');
    // No X display: Chromium cannot use X11, it stays on Wayland.
    expect(displayServer({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, ozonePlatform: 'x11' })).toBe('wayland');
  });

  it('appends --ozone-platform=x11 only when asked, in a Wayland session with XWayland, and never over a platform given on the command line', () => {
    const on = { runUnderXWayland: true, runAsWindow: false };
    const x11 = ['ozone-platform', 'x11'];
    expect(launchSwitches({ platform: 'linux', env: GNOME_WAYLAND }, on)).toEqual([x11]);
    expect(launchSwitches({ platform: 'linux', env: GNOME_WAYLAND }, PREFS)).not.toContainEqual(x11);
    expect(launchSwitches({ platform: 'linux', env: X11 }, on)).toEqual([]);
    expect(launchSwitches({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }, on)).not.toContainEqual(x11);
    expect(launchSwitches({ platform: 'linux', env: GNOME_WAYLAND, ozonePlatform: 'wayland' }, on)).not.toContainEqual(x11);
    expect(launchSwitches({ platform: 'win32', env: {} }, on)).toEqual([]);
  });

  it('natively on Wayland, global shortcuts go through the GlobalShortcuts portal, added to features already enabled', () => {
    expect(launchSwitches({ platform: 'linux', env: GNOME_WAYLAND }, PREFS)).toEqual([['enable-features', 'GlobalShortcutsPortal']]);
    expect(launchSwitches({ platform: 'linux', env: GNOME_WAYLAND }, PREFS, 'WaylandWindowDecorations')).toEqual([['enable-features', 'WaylandWindowDecorations,GlobalShortcutsPortal']]);
    expect(launchSwitches({ platform: 'linux', env: GNOME_WAYLAND }, PREFS, 'GlobalShortcutsPortal')).toEqual([]);
    // Under XWayland or X11 the X11 grab is used.
    expect(launchSwitches({ platform: 'linux', env: GNOME_WAYLAND, ozonePlatform: 'x11' }, PREFS)).toEqual([]);
    expect(launchSwitches({ platform: 'linux', env: X11 }, PREFS)).toEqual([]);
  });
});

describe('how the app opens on each desktop', () => {
  it('macOS and Windows: a popover by the tray icon', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const info = describeDesktop({ platform, env: {} }, PREFS);
      expect(info).toMatchObject({ platform, surface: 'popover', canRunUnderXWayland: false });
      expect(info.displayServer).toBeUndefined();
      expect(info.trayHost).toBeUndefined();
    }
    expect(describeDesktop({ platform: 'darwin', env: {} }, PREFS).summary).toBe('Running on macOS: Flashback Tray opens by its tray icon.');
  });

  it('native Wayland: a window the compositor places, and the way back to the popover named', () => {
    const info = describeDesktop({ platform: 'linux', env: GNOME_WAYLAND, trayHost: 'present' }, PREFS);
    expect(info).toMatchObject({ displayServer: 'wayland', surface: 'window', trayHost: 'present', canRunUnderXWayland: true });
    expect(info.summary).toBe(
      'Running on Wayland, where apps cannot place their own windows: Flashback Tray opens as a window the desktop places. Turn on Run under XWayland to open it by the tray icon instead.',
    );
    expect(opensWindowAtStart(info)).toBe(false);
  });

  it('XWayland and X11 with a tray host: the popover by the icon', () => {
    const xwayland = describeDesktop({ platform: 'linux', env: GNOME_WAYLAND, ozonePlatform: 'x11', trayHost: 'present' }, { runUnderXWayland: true, runAsWindow: false });
    expect(xwayland).toMatchObject({ displayServer: 'xwayland', surface: 'popover' });
    expect(xwayland.summary).toBe('Running on XWayland (X11 in a Wayland session): Flashback Tray opens by its tray icon.');
    expect(describeDesktop({ platform: 'linux', env: X11, trayHost: 'present' }, PREFS)).toMatchObject({ displayServer: 'x11', surface: 'popover', canRunUnderXWayland: false });
  });

  it('GNOME without the AppIndicator extension: a window, opened at start, and one line on how to get the icon', () => {
    const info = describeDesktop({ platform: 'linux', env: { ...GNOME_WAYLAND }, ozonePlatform: 'x11', trayHost: 'missing' }, { runUnderXWayland: true, runAsWindow: false });
    expect(info).toMatchObject({ surface: 'window', trayHost: 'missing', hint: NO_TRAY_HINT });
    expect(info.summary).toBe('Running on XWayland (X11 in a Wayland session), without a tray icon: Flashback Tray opens as a window.');
    expect(opensWindowAtStart(info)).toBe(true);
    expect(NO_TRAY_HINT.split('\n')).toHaveLength(1);
  });

  it('a bus that could not be asked: the icon is assumed, as before', () => {
    const info = describeDesktop({ platform: 'linux', env: X11 }, PREFS);
    expect(info).toMatchObject({ trayHost: 'unknown', surface: 'popover' });
    expect(info.hint).toBeUndefined();
    expect(opensWindowAtStart(info)).toBe(false);
  });

  it('Run as a normal window: a window everywhere, said so', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const info = describeDesktop({ platform, env: X11, trayHost: 'present' }, { runUnderXWayland: false, runAsWindow: true });
      expect(info.surface).toBe('window');
      expect(info.summary).toMatch(/opens as a window \(Run as a normal window is on\)\.$/);
    }
  });
});

describe('the tray host on the session bus', () => {
  it('is present when either StatusNotifierWatcher name is owned', async () => {
    expect(await trayHostStatus(fakeBus(['org.kde.StatusNotifierWatcher']))).toBe('present');
    expect(await trayHostStatus(fakeBus(['org.freedesktop.StatusNotifierWatcher']))).toBe('present');
  });

  it('is missing when the bus answers and neither is (GNOME without the extension)', async () => {
    const bus = fakeBus(['org.freedesktop.DBus', 'org.gnome.Shell']);
    expect(await trayHostStatus(bus)).toBe('missing');
    expect(bus.asked).toEqual([...STATUS_NOTIFIER_WATCHERS]);
  });

  describe('at login, before the panel is up', () => {
    afterEach(() => vi.useRealTimers());

    it('asks again after each wait, and believes a watcher that arrives', async () => {
      vi.useFakeTimers();
      const bus = fakeBus([]);
      const settled = settledTrayHostStatus(bus, systemClock, LOGIN_TRAY_HOST_WAITS_MS);
      await vi.advanceTimersByTimeAsync(LOGIN_TRAY_HOST_WAITS_MS[0]);
      expect(bus.asked).toHaveLength(4);
      bus.asked.length = 0;
      (bus as unknown as { nameHasOwner(name: string): Promise<boolean> }).nameHasOwner = async (name) => name === 'org.kde.StatusNotifierWatcher';
      await vi.advanceTimersByTimeAsync(LOGIN_TRAY_HOST_WAITS_MS[1]);
      expect(await settled).toBe('present');
    });

    it('gives up after the last wait: missing', async () => {
      vi.useFakeTimers();
      const bus = fakeBus([]);
      const settled = settledTrayHostStatus(bus, systemClock, LOGIN_TRAY_HOST_WAITS_MS);
      await vi.advanceTimersByTimeAsync(LOGIN_TRAY_HOST_WAITS_MS.reduce((a, b) => a + b, 0));
      expect(await settled).toBe('missing');
      expect(bus.asked).toHaveLength(2 * (1 + LOGIN_TRAY_HOST_WAITS_MS.length));
    });

    it('a host that is there, or a bus that cannot be asked, is not waited for', async () => {
      expect(await settledTrayHostStatus(fakeBus(['org.kde.StatusNotifierWatcher']), systemClock, LOGIN_TRAY_HOST_WAITS_MS)).toBe('present');
      expect(await settledTrayHostStatus(fakeBus([], true), systemClock, LOGIN_TRAY_HOST_WAITS_MS)).toBe('unknown');
    });
  });

  it('is unknown when the bus cannot be asked', async () => {
    expect(await trayHostStatus(fakeBus([], true))).toBe('unknown');
  });
});

describe('the session bus through gdbus or dbus-send', () => {
  it('asks gdbus, and reads its answer', async () => {
    const calls: string[][] = [];
    const bus = new CliSessionBus(async (file, args) => {
      calls.push([file, ...args]);
      return '(true,)\n';
    });
    expect(await bus.nameHasOwner('org.kde.StatusNotifierWatcher')).toBe(true);
    expect(calls).toEqual([
      ['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', 'org.kde.StatusNotifierWatcher'],
    ]);
  });

  it('falls back to dbus-send when gdbus is not installed', async () => {
    const bus = new CliSessionBus(async (file) => {
      if (file === 'gdbus') throw Object.assign(new Error('spawn gdbus ENOENT'), { code: 'ENOENT' });
      return 'method return time=1 sender=org.freedesktop.DBus -> destination=:1.1 serial=3 reply_serial=2\n   boolean false\n';
    });
    expect(await bus.nameHasOwner('org.kde.StatusNotifierWatcher')).toBe(false);
  });

  it('refuses anything that is not a bus name, and answers it does not understand', async () => {
    const bus = new CliSessionBus(async () => 'something else');
    await expect(bus.nameHasOwner('--help')).rejects.toThrow('Not a D-Bus name');
    await expect(bus.nameHasOwner('a.b; rm -rf /')).rejects.toThrow('Not a D-Bus name');
    await expect(bus.nameHasOwner('org.kde.StatusNotifierWatcher')).rejects.toThrow('does not understand');
  });
});
