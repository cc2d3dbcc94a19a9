import type { SessionBus } from '../platform/session-bus';
import type { Clock } from '../platform/clock';

/**
 * The bus names a tray host (the StatusNotifierItem watcher that panels and the GNOME
 * AppIndicator extension run) registers. KDE's name is the one every host uses; the
 * freedesktop one is the spec's newer spelling.
 */
export const STATUS_NOTIFIER_WATCHERS = ['org.kde.StatusNotifierWatcher', 'org.freedesktop.StatusNotifierWatcher'] as const;

/**
 * Whether this Linux session shows tray icons: `missing` when the bus answered and no
 * watcher is on it (GNOME without the AppIndicator extension shows no icon at all),
 * `unknown` when the bus could not be asked (then the app assumes an icon, as before).
 */
export async function trayHostStatus(bus: SessionBus): Promise<'present' | 'missing' | 'unknown'> {
  try {
    for (const name of STATUS_NOTIFIER_WATCHERS) if (await bus.nameHasOwner(name)) return 'present';
    return 'missing';
  } catch {
    return 'unknown';
  }
}

/** When started at login, how long to wait for the panel's tray host before believing it is missing. */
export const LOGIN_TRAY_HOST_WAITS_MS = [2000, 4000, 8000] as const;

/**
 * At login the app may start before the panel (or the GNOME extension) has put its
 * watcher on the bus: a missing tray host is asked again after each wait before the app
 * opens as a window and tells the user there is no icon.
 */
export async function settledTrayHostStatus(bus: SessionBus, clock: Clock, waitsMs: readonly number[]): Promise<'present' | 'missing' | 'unknown'> {
  let status = await trayHostStatus(bus);
  for (const wait of waitsMs) {
    if (status !== 'missing') break;
    await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
    status = await trayHostStatus(bus);
  }
  return status;
}
