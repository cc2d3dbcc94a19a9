import { describe, expect, it } from 'vitest';
import { popoverBounds, taskbarSide } from '../../src/main/core/desktop/popover-position';
import { pauseUntil, TRAY_MENU_BUCKET_LIMIT, trayModel } from '../../src/main/core/desktop/tray-model';
import { autostartEntry, autostartPath } from '../../src/main/core/desktop/xdg-autostart';
import { DEFAULT_SETTINGS, type AppState } from '../../src/shared/contract';
import type { MenuItemModel } from '../../src/shared/desktop';
import { timeOfDay } from '../../src/shared/format';
import { countBesideIcon } from '../../src/shared/tray-count';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const state = (patch: Partial<AppState> = {}): AppState => ({
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain', email: 'ada@example.com' },
  buckets: [
    { id: 'a', name: 'Alpha', status: 'ONLINE' },
    { id: 'b', name: 'Beta', status: 'OFFLINE' },
  ],
  sync: { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date(NOW - 120_000).toISOString() },
  settings: structuredClone(DEFAULT_SETTINGS),
  notices: [],
  workspaces: [],
  update: { kind: 'idle' },
  accounts: [],
  currentAccount: 'primary',
  draft: null,
  ...patch,
});
const options = { now: NOW, platform: 'darwin' as const, launchAtLoginSupported: true };
const labels = (items: MenuItemModel[]) => items.map((item) => (item.kind === 'separator' ? '—' : item.label));

describe('tray model', () => {
  it('picks the icon for each state', () => {
    expect(trayModel(state({ buckets: [{ id: 'a', status: 'ONLINE' }] }), options).icon).toBe('ok');
    expect(trayModel(state(), options).icon).toBe('problem');
    expect(trayModel(state({ sync: { phase: 'error', stale: true, inFlight: false, error: { kind: 'server', message: 'x' } } }), options).icon).toBe('error');
    expect(trayModel(state({ auth: { kind: 'expired', message: 'x' } }), options).icon).toBe('error');
    expect(trayModel(state({ sync: { phase: 'offline', stale: true, inFlight: false } }), options).icon).toBe('offline');
    expect(trayModel(state({ sync: { phase: 'paused', stale: false, inFlight: false } }), options).icon).toBe('paused');
    expect(trayModel(state({ auth: { kind: 'signed-out' } }), options).icon).toBe('paused');
  });

  it('puts counts in the tooltip, and the time of the list when it is stale (no relative time that needs a timer to age)', () => {
    expect(trayModel(state(), options).tooltip).toBe('Flashback Tray\n2 buckets · 1 needs attention');
    const at = new Date(NOW - 120_000);
    const clock = timeOfDay(at.getTime());
    const error = { kind: 'network' as const, message: "Can't reach Flashback." };
    const stale = trayModel(state({ sync: { phase: 'error', stale: true, inFlight: false, error, lastSuccessAt: at.toISOString() } }), options);
    expect(stale.tooltip).toBe(`Flashback Tray\n2 buckets · 1 needs attention\nCan't reach Flashback.\nList from ${clock}`);
  });

  it('isolates and shortens server text in menu labels', () => {
    const menu = trayModel(state({ buckets: [{ id: 'x', name: `evil\u202e${'n'.repeat(10_000)}`, status: 'ONLINE' }] }), options).menu;
    const copy = menu.find((item) => item.kind === 'submenu' && item.label === 'Copy bucket id');
    const label = copy?.kind === 'submenu' && copy.items[0]?.kind === 'item' ? copy.items[0].label : '';
    expect(label.startsWith('\u2068evil\u202e')).toBe(true);
    expect(label.length).toBeLessThan(100);
  });

  it('keeps Windows tooltips within 127 characters', () => {
    const error = { kind: 'network' as const, message: "Can't reach Flashback: the server name could not be found. ".repeat(3) };
    const tooltip = trayModel(state({ sync: { phase: 'error', stale: true, inFlight: false, error } }), { ...options, platform: 'win32' }).tooltip;
    expect(tooltip.length).toBeLessThanOrEqual(127);
    expect(tooltip.endsWith('…')).toBe(true);
    expect(trayModel(state({ sync: { phase: 'error', stale: true, inFlight: false, error } }), options).tooltip.length).toBeGreaterThan(127);
  });

  it('shows the count beside the icon where the platform can (macOS title, Linux AppIndicator label), when the setting is on', () => {
    expect(trayModel(state(), options).title).toBe('1');
    expect(trayModel(state(), { ...options, platform: 'linux' }).title).toBe('1');
    expect(trayModel(state({ desktop: { platform: 'linux', trayHost: 'present', surface: 'popover', summary: '', canRunUnderXWayland: false } }), { ...options, platform: 'linux' }).title).toBe('1');
    // Windows has no text beside tray icons; a Linux session without a tray host has no icon.
    expect(trayModel(state(), { ...options, platform: 'win32' }).title).toBe('');
    expect(trayModel(state({ desktop: { platform: 'linux', trayHost: 'missing', surface: 'window', summary: '', canRunUnderXWayland: false } }), { ...options, platform: 'linux' }).title).toBe('');
    for (const platform of ['darwin', 'linux'] as const) {
      expect(trayModel(state({ settings: { ...DEFAULT_SETTINGS, showCountInMenuBar: false } }), { ...options, platform }).title).toBe('');
      expect(trayModel(state({ buckets: [{ id: 'a', status: 'ONLINE' }] }), { ...options, platform }).title).toBe('');
      expect(trayModel(state({ auth: { kind: 'signed-out' } }), { ...options, platform }).title).toBe('');
    }
  });

  it('says where the count shows, or why it cannot, per platform', () => {
    expect(countBesideIcon('darwin')).toEqual({ supported: true, where: 'In the menu bar, beside the icon.' });
    expect(countBesideIcon('linux', 'present')).toMatchObject({ supported: true, where: expect.stringContaining('AppIndicator') });
    expect(countBesideIcon(undefined)).toMatchObject({ supported: true });
    expect(countBesideIcon('win32')).toMatchObject({ supported: false, why: expect.stringMatching(/^Windows shows no text beside tray icons/) });
    expect(countBesideIcon('linux', 'missing')).toMatchObject({ supported: false });
    expect(countBesideIcon('other')).toMatchObject({ supported: false });
  });

  it('has a menu that alone can run the app (Linux)', () => {
    const menu = trayModel(state(), options).menu;
    expect(labels(menu)).toEqual(['Open Flashback Tray', 'Refresh now', 'Copy bucket id', 'Open in web app', '—', 'Pause notifications', 'Open at login', 'Settings…', 'View logs', '—', 'Sign out', 'Quit Flashback Tray']);
    const copy = menu.find((item) => item.kind === 'submenu' && item.label === 'Copy bucket id');
    expect(copy?.kind === 'submenu' && copy.items).toEqual([
      { kind: 'item', label: 'Alpha — ONLINE', action: { type: 'copy-id', bucketId: 'a' } },
      { kind: 'item', label: 'Beta — OFFLINE', action: { type: 'copy-id', bucketId: 'b' } },
    ]);
  });

  it('limits the copy submenu and points to the popover for the rest', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `id-${i}`, name: `B${i}`, status: 'ONLINE' }));
    const copy = trayModel(state({ buckets: many }), options).menu.find((item) => item.kind === 'submenu' && item.label === 'Copy bucket id');
    expect(copy?.kind === 'submenu' && copy.items.length).toBe(TRAY_MENU_BUCKET_LIMIT + 1);
    expect(copy?.kind === 'submenu' && labels(copy.items).at(-1)).toBe('15 more in the popover…');
  });

  it('offers sign-in when signed out, and resume when notifications are paused', () => {
    const signedOut = trayModel(state({ auth: { kind: 'signed-out' }, buckets: [] }), options).menu;
    expect(labels(signedOut)).toContain('Sign in…');
    const paused = trayModel(state({ settings: { ...DEFAULT_SETTINGS, notificationsPausedUntil: new Date(NOW + 1000).toISOString() } }), options).menu;
    const until = new Date(NOW + 1000);
    const clock = timeOfDay(until.getTime());
    expect(labels(paused)).toContain(`Resume notifications (paused until ${until.getDate() === new Date(NOW).getDate() ? clock : `tomorrow ${clock}`})`);
  });

  it('pauses for an hour or until tomorrow 8:00', () => {
    const now = new Date(2026, 10, 24, 22, 30);
    expect(pauseUntil('hour', now).getTime() - now.getTime()).toBe(3600_000);
    expect(pauseUntil('tomorrow', now)).toEqual(new Date(2026, 10, 25, 8, 0));
  });
});

describe('popover position', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };
  const window = { width: 380, height: 520 };

  it('infers the taskbar side from the work area', () => {
    expect(taskbarSide(display, { x: 0, y: 25, width: 1920, height: 1055 })).toBe('top');
    expect(taskbarSide(display, { x: 0, y: 0, width: 1920, height: 1040 })).toBe('bottom');
    expect(taskbarSide(display, { x: 60, y: 0, width: 1860, height: 1080 })).toBe('left');
    expect(taskbarSide(display, { x: 0, y: 0, width: 1860, height: 1080 })).toBe('right');
    expect(taskbarSide(display, display)).toBe('top');
  });

  it('macOS menu bar (top): under the icon, centred, kept on screen', () => {
    const workArea = { x: 0, y: 25, width: 1920, height: 1055 };
    expect(popoverBounds({ window, display, workArea, trayBounds: { x: 1500, y: 0, width: 22, height: 24 } })).toEqual({ x: 1321, y: 29, width: 380, height: 520 });
    expect(popoverBounds({ window, display, workArea, trayBounds: { x: 1900, y: 0, width: 22, height: 24 } })).toEqual({ x: 1532, y: 29, width: 380, height: 520 });
  });

  it('Windows taskbar at the bottom: above the icon', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverBounds({ window, display, workArea, trayBounds: { x: 1700, y: 1045, width: 24, height: 30 } })).toEqual({ x: 1522, y: 516, width: 380, height: 520 });
  });

  it('taskbar on the left or right: beside the icon', () => {
    const left = { x: 60, y: 0, width: 1860, height: 1080 };
    expect(popoverBounds({ window, display, workArea: left, trayBounds: { x: 10, y: 1000, width: 40, height: 40 } })).toEqual({ x: 64, y: 552, width: 380, height: 520 });
    const right = { x: 0, y: 0, width: 1860, height: 1080 };
    expect(popoverBounds({ window, display, workArea: right, trayBounds: { x: 1870, y: 300, width: 40, height: 40 } })).toEqual({ x: 1476, y: 60, width: 380, height: 520 });
  });

  it('unknown tray bounds (Linux): the corner of the panel side', () => {
    const top = { x: 0, y: 27, width: 1920, height: 1053 };
    expect(popoverBounds({ window, display, workArea: top })).toEqual({ x: 1532, y: 35, width: 380, height: 520 });
    const bottom = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverBounds({ window, display, workArea: bottom, trayBounds: { x: 0, y: 0, width: 0, height: 0 } })).toEqual({ x: 1532, y: 512, width: 380, height: 520 });
  });

  it('on a second display, stays inside that display', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 1024 };
    const workArea = { x: 1920, y: 0, width: 1280, height: 984 };
    const { x, y } = popoverBounds({ window, display: second, workArea });
    expect(x).toBeGreaterThanOrEqual(1920);
    expect(x + window.width).toBeLessThanOrEqual(1920 + 1280);
    expect(y + window.height).toBeLessThanOrEqual(984);
  });
});

describe('XDG autostart', () => {
  it('writes a desktop entry that starts the app hidden', () => {
    expect(autostartEntry('/opt/Flashback Tray/flashback-tray')).toContain('Exec="/opt/Flashback Tray/flashback-tray" --hidden');
    expect(autostartEntry('/usr/bin/flashback-tray')).toContain('Exec=/usr/bin/flashback-tray --hidden');
  });
  it('goes to $XDG_CONFIG_HOME/autostart or ~/.config/autostart', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/ada')).toBe('/x/cfg/autostart/flashback-tray.desktop');
    expect(autostartPath({}, '/home/ada')).toBe('/home/ada/.config/autostart/flashback-tray.desktop');
  });
});
