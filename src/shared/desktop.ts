/** What the desktop shows besides the popover (tray, notifications), as data. Types only. */

export type TrayIconState = 'ok' | 'problem' | 'error' | 'offline' | 'paused';

export type MenuAction =
  | { type: 'open' }
  | { type: 'refresh' }
  | { type: 'copy-id'; bucketId: string }
  | { type: 'open-in-web-app'; bucketId: string }
  | { type: 'pause-notifications'; until: 'hour' | 'tomorrow' }
  | { type: 'resume-notifications' }
  | { type: 'install-update' }
  | { type: 'toggle-launch-at-login' }
  | { type: 'settings' }
  | { type: 'sign-in' }
  | { type: 'sign-out' }
  | { type: 'view-logs' }
  | { type: 'quit' };

export type MenuItemModel =
  | { kind: 'item'; label: string; action: MenuAction; enabled?: boolean; checked?: boolean; accelerator?: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; items: MenuItemModel[]; enabled?: boolean };

export interface TrayModel {
  icon: TrayIconState;
  tooltip: string;
  /** macOS: text next to the icon (problem count), or '' for none. */
  title: string;
  menu: MenuItemModel[];
}

export interface NotificationRequest {
  title: string;
  body: string;
  /** Clicking the notification opens the popover on this bucket (its key, see shared/accounts.ts). */
  bucketId?: string;
  /** Clicking the notification opens this view instead. */
  view?: 'sign-in';
  /** The account it is about (a click on "sign in again" makes it the current one). */
  account?: string;
  /** No sound (the "Play a sound with notifications" setting is off). */
  silent?: boolean;
}

/** The preview page's tray strip. */
export interface PreviewTray extends TrayModel {
  /** For a light panel. */
  iconUrl: string;
  /** For a dark panel. */
  iconUrlDark: string;
}

/** A notification as the preview's feed lists it. */
export interface PreviewNotification extends NotificationRequest {
  id: number;
  at: string;
}
