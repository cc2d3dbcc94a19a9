import type { SessionBus } from '../platform/session-bus';

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
