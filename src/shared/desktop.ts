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
  /** Text beside the icon (the count needing attention; macOS menu bar, Linux AppIndicator label), or '' for none. */
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

/** Linux: the display server Electron draws on. `xwayland`: X11 inside a Wayland session. */
export type DisplayServer = 'wayland' | 'x11' | 'xwayland';

/**
 * How the app runs on this desktop (core/desktop/desktop-session.ts decides it), for
 * Settings and the log. Absent where there is no desktop shell (the browser preview).
 */
export interface DesktopInfo {
  platform: 'darwin' | 'win32' | 'linux' | 'other';
  /** Linux only. */
  displayServer?: DisplayServer;
  /** Linux only: whether a StatusNotifierWatcher (what shows tray icons) is on the session bus. */
  trayHost?: 'present' | 'missing' | 'unknown';
  /** Where the app opens: a popover by the tray icon, or a normal window the desktop places. */
  surface: 'popover' | 'window';
  /** One sentence: what is in use, and why. */
  summary: string;
  /** What the user can do when something is missing (how to get the tray icon). */
  hint?: string;
  /** True in a Wayland session that also offers X11 (XWayland): the "Run under XWayland" setting can apply. */
  canRunUnderXWayland: boolean;
}
