import { accountOf, bucketKey } from '../../../shared/accounts';
import type { AppState, BucketView } from '../../../shared/contract';
import { isolate } from '../../../shared/bidi';
import { bucketDisplayName, clip, clockTime, countBuckets, countsSummary, statusLabel } from '../../../shared/format';
import type { MenuItemModel, TrayIconState, TrayModel } from '../../../shared/desktop';
import { notificationsPaused } from '../notify/notification-policy';
import { webAppAvailable } from '../../../shared/web-app-target';
import { countBesideIcon } from '../../../shared/tray-count';

export type { MenuAction, MenuItemModel, TrayIconState, TrayModel } from '../../../shared/desktop';

/** Buckets listed in the tray's "Copy bucket id" submenu; the popover has the rest. */
export const TRAY_MENU_BUCKET_LIMIT = 25;
/** Longest tooltip line; menu items clip names to 60 characters and statuses to 24. */
const TOOLTIP_LINE_MAX = 200;

export function trayIconState(state: AppState): TrayIconState {
  if (state.sync.phase === 'offline') return 'offline';
  // Another account's problem (an ended session, failing polls) shows too.
  if (state.auth.kind === 'expired' || state.sync.error || state.accounts.some((account) => account.problem !== undefined)) return 'error';
  if (state.auth.kind !== 'signed-in') return 'paused';
  if (state.sync.phase === 'paused') return 'paused';
  return countBuckets(state.buckets).problems > 0 ? 'problem' : 'ok';
}

/**
 * No relative times here ("2 min ago" would need a timer that wakes the app to age it):
 * while all is well the list is kept current, and when not, the clock time of the last
 * good list says how old it is.
 */
function tooltipFor(state: AppState, now: number): string {
  const lines = ['Flashback Tray'];
  if (state.auth.kind === 'expired') lines.push('Sign in again to resume updates');
  else if (state.auth.kind !== 'signed-in') lines.push('Not signed in');
  else {
    lines.push(countsSummary(countBuckets(state.buckets)));
    if (state.sync.phase === 'offline') lines.push('Offline');
    else if (state.sync.error) lines.push(state.sync.error.message);
    if ((state.sync.stale || state.sync.phase === 'offline') && state.sync.lastSuccessAt) lines.push(`List from ${clockTime(state.sync.lastSuccessAt, now)}`);
  }
  // The error's sentence may quote the server: each line stays short.
  return lines.map((line) => clip(line, TOOLTIP_LINE_MAX)).join('\n');
}

/**
 * What the tray shows for a state: icon, tooltip, title and the whole context menu.
 * Pure, so every platform's adapter is a thin translation and the model is tested here.
 * On Linux a left click often only opens this menu, so it alone can run the app.
 */
export function trayModel(state: AppState, options: { now: number; platform: NodeJS.Platform; launchAtLoginSupported: boolean }): TrayModel {
  const signedIn = state.auth.kind === 'signed-in';
  const counts = countBuckets(state.buckets);
  const paused = notificationsPaused(state.settings, options.now);
  // With several accounts, each bucket says whose it is (two accounts may list the same bucket).
  const labels = state.accounts.length > 1 ? new Map(state.accounts.map((account) => [account.id, account.label])) : undefined;
  const whose = (bucket: BucketView) => (labels ? ` · ${isolate(clip(labels.get(accountOf(bucket)) ?? '', 40))}` : '');
  const bucketItems = (type: 'copy-id' | 'open-in-web-app'): MenuItemModel[] => {
    const items: MenuItemModel[] = state.buckets.slice(0, TRAY_MENU_BUCKET_LIMIT).map((bucket) => ({
      kind: 'item',
      label: `${isolate(clip(bucketDisplayName(bucket), 60))} — ${isolate(clip(statusLabel(bucket.status), 24))}${whose(bucket)}`,
      // Copying needs the id itself; opening goes through main, which finds the bucket by its key.
      action: { type, bucketId: type === 'copy-id' ? bucket.id : bucketKey(bucket) },
    }));
    if (state.buckets.length > TRAY_MENU_BUCKET_LIMIT) {
      items.push({ kind: 'item', label: `${state.buckets.length - TRAY_MENU_BUCKET_LIMIT} more in the popover…`, action: { type: 'open' } });
    }
    return items;
  };
  const copyItems = bucketItems('copy-id');
  // The web app needs no set-up; only an unusable address in Settings sends the user there.
  const webAppItems: MenuItemModel[] = webAppAvailable(state.settings)
    ? bucketItems('open-in-web-app')
    : [{ kind: 'item', label: 'Set the web app address in Settings…', action: { type: 'settings' } }];
  const update: MenuItemModel[] =
    state.update.kind === 'ready' ? [{ kind: 'item', label: `Restart to update to v${state.update.version}`, action: { type: 'install-update' } }, { kind: 'separator' }] : [];
  const menu: MenuItemModel[] = [
    ...update,
    { kind: 'item', label: 'Open Flashback Tray', action: { type: 'open' } },
    { kind: 'item', label: state.sync.inFlight ? 'Refreshing…' : 'Refresh now', action: { type: 'refresh' }, enabled: signedIn && !state.sync.inFlight },
    { kind: 'submenu', label: 'Copy bucket id', items: copyItems, enabled: copyItems.length > 0 },
    { kind: 'submenu', label: 'Open in web app', items: webAppItems, enabled: copyItems.length > 0 },
    { kind: 'separator' },
    paused
      ? { kind: 'item', label: `Resume notifications (paused until ${clockTime(state.settings.notificationsPausedUntil!, options.now)})`, action: { type: 'resume-notifications' } }
      : {
          kind: 'submenu',
          label: 'Pause notifications',
          items: [
            { kind: 'item', label: 'For 1 hour', action: { type: 'pause-notifications', until: 'hour' } },
            { kind: 'item', label: 'Until tomorrow', action: { type: 'pause-notifications', until: 'tomorrow' } },
          ],
        },
    {
      kind: 'item',
      label: 'Open at login',
      action: { type: 'toggle-launch-at-login' },
      checked: state.settings.launchAtLogin,
      enabled: options.launchAtLoginSupported,
    },
    { kind: 'item', label: 'Settings…', action: { type: 'settings' }, accelerator: 'CommandOrControl+,' },
    { kind: 'item', label: 'View logs', action: { type: 'view-logs' } },
    { kind: 'separator' },
    signedIn
      ? { kind: 'item', label: labels ? `Sign out of ${isolate(clip(labels.get(state.currentAccount ?? '') ?? '', 40))}` : 'Sign out', action: { type: 'sign-out' } }
      : { kind: 'item', label: 'Sign in…', action: { type: 'sign-in' } },
    { kind: 'item', label: 'Quit Flashback Tray', action: { type: 'quit' }, accelerator: 'CommandOrControl+Q' },
  ];
  // Beside the icon where the platform shows text there (see shared/tray-count.ts): the number alone.
  const beside = countBesideIcon(options.platform, state.desktop?.trayHost).supported && state.settings.showCountInMenuBar;
  const title = beside && signedIn && counts.problems > 0 ? String(counts.problems) : '';
  return { icon: trayIconState(state), tooltip: fitTooltip(tooltipFor(state, options.now), options.platform), title, menu };
}

/** Windows cuts tray tooltips at 127 characters; end with an ellipsis instead of mid-word. */
function fitTooltip(text: string, platform: NodeJS.Platform): string {
  const limit = 127;
  if (platform !== 'win32' || text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), limit - 20))}…`;
}

/** When "Pause notifications" ends: in one hour, or tomorrow at 8:00 local time. */
export function pauseUntil(choice: 'hour' | 'tomorrow', now: Date): Date {
  if (choice === 'hour') return new Date(now.getTime() + 3600_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(8, 0, 0, 0);
  return tomorrow;
}
