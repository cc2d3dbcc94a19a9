import type { Events, Settings } from '../../../shared/contract';
import type { FetchLike } from '../api/api-client';
import type { Clock } from '../platform/clock';
import type { Keychain } from '../platform/keychain';
import type { Logger } from '../platform/logger';
import type { NotificationRequest } from '../notify/notification-policy';
import type { SettingsStore } from '../settings/settings-store';
import type { HistoryFile } from '../notify/status-history';
import type { Updater } from '../desktop/update-policy';

/** Shows a notification; `onClick` runs when the user clicks it. */
export interface Notifier {
  show(request: NotificationRequest, onClick: () => void): void;
}

interface Clipboard {
  writeText(text: string): void | Promise<void>;
}

/** What only the desktop shell (or the preview) can do. */
export interface ShellActions {
  hidePopover(): void;
  /** Opens the popover as a normal window; absent where there is no such thing. */
  detachPopover?(): void;
  /** Opens an https address in the default browser; absent where there is none. */
  openExternal?(url: string): void | Promise<void>;
  quit(): void;
}

type StateEvent = 'snapshot' | 'patch' | 'shown';
/** Events the core asks a view to act on (state goes through a ViewFeed; 'shown' comes from the window). */
export type ViewEvent = { [K in Exclude<keyof Events, StateEvent>]: { name: K; payload: Events[K] } }[Exclude<keyof Events, StateEvent>];

export interface ControllerOptions {
  settingsStore: SettingsStore;
  keychain: Keychain;
  log: Logger;
  fetch?: FetchLike;
  clock?: Clock;
  random?: () => number;
  notifier?: Notifier;
  clipboard?: Clipboard;
  shell?: ShellActions;
  requestTimeoutMs?: number;
  /** Refresh clicks closer than this to the last one wait for the gap to end, as one request (default 3 s). */
  minRefreshGapMs?: number;
  /** The app's own updates (default: none, and the view says this build does not update itself). */
  updater?: Updater;
  /** Where the status history is kept between runs (default: memory only). */
  historyFile?: HistoryFile;
  /** Ids for added accounts (default: random); tests pass their own. */
  newAccountId?: () => string;
  /** Called after settings changed (the shell applies launch-at-login, shortcut, theme). */
  onSettingsChanged?: (settings: Settings, previous: Settings) => void;
}

