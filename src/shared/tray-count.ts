import type { DesktopInfo } from './desktop';

/**
 * Whether the number of buckets that need attention can show as text beside the tray icon
 * here, and in words where it shows (or why it cannot). macOS: the menu bar's title. Linux:
 * the AppIndicator label, which Ubuntu's panel and the GNOME AppIndicator extension show
 * (KDE and some other panels show the icon alone). Windows has no text beside tray icons.
 */
type CountBesideIcon = { supported: true; where: string } | { supported: false; why: string };

/** `platform`: process.platform or DesktopInfo's; none (the preview, which draws a Linux tray) is Linux. */
export function countBesideIcon(platform = 'linux', trayHost?: DesktopInfo['trayHost']): CountBesideIcon {
  if (platform === 'darwin') return { supported: true, where: 'In the menu bar, beside the icon.' };
  if (platform === 'win32') return { supported: false, why: 'Windows shows no text beside tray icons: the icon itself turns to its warning look, and its tooltip gives the count.' };
  if (platform !== 'linux') return { supported: false, why: 'This system shows no text beside tray icons.' };
  if (trayHost === 'missing') return { supported: false, why: 'This session shows no tray icon, so there is nothing to put the count beside.' };
  return { supported: true, where: 'Beside the tray icon, on panels that show AppIndicator labels (Ubuntu, the GNOME AppIndicator extension); other panels show the icon alone.' };
}
