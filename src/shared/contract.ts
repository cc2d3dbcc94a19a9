/**
 * The one contract between the main process (which owns everything) and its views
 * (the Electron popover through the preload, and the browser preview over HTTP/SSE).
 * Types only, plus constant tables: nothing here runs code with side effects.
 */
import type { AccountState, DraftState, SavedAccount } from './accounts';
import type { DesktopInfo } from './desktop';
import type { AuthState, Bucket, BucketNode, SupportedMfaMethod, SyncError, SyncPhase } from './domain';

export type { AuthState, Bucket, BucketNode, KeychainStorage, MfaMethod, SupportedMfaMethod, SyncError, SyncErrorKind, SyncPhase } from './domain';

export interface BucketView extends Bucket {
  /** When this app first saw the bucket's current status (ISO date). */
  statusSince?: string;
  previousStatus?: string;
  /** The account that sees it (see shared/accounts.ts); every bucket the core sends has it. */
  account?: string;
}

export interface SyncState {
  phase: SyncPhase;
  lastSuccessAt?: string;
  nextPollAt?: string;
  error?: SyncError;
  /** True when the list shown is older than the last attempt (an attempt failed since). */
  stale: boolean;
  /** True while a request is in flight (the phase may stay `error` during a retry). */
  inFlight: boolean;
}

type ThemeSetting = 'system' | 'light' | 'dark';

export interface NotificationSettings {
  enabled: boolean;
  /** Play the system's notification sound (sent as the opposite of `silent`). */
  sound: boolean;
  statusChanged: boolean;
  added: boolean;
  removed: boolean;
  sessionExpired: boolean;
}

/** The list's order: problems first (then by name), by name, most recently changed first, or grouped by workspace. */
export type ListOrder = 'problems' | 'name' | 'changed' | 'workspace';

export interface Settings {
  /** The server a new sign-in starts from (each account keeps its own address in `accounts`). */
  apiBaseUrl: string;
  pollIntervalSeconds: number;
  /** Only list the buckets of this workspace; `null`: every workspace the user can see. */
  workspaceId: string | null;
  notifications: NotificationSettings;
  /** ISO date until which notifications stay quiet; `null`: not paused. */
  notificationsPausedUntil: string | null;
  launchAtLogin: boolean;
  theme: ThemeSetting;
  /** macOS: show the number of problem buckets next to the menu bar icon. */
  showCountInMenuBar: boolean;
  /** Accelerator that toggles the popover; empty string: none. */
  globalShortcut: string;
  /** Check for a new version at start and every 6 hours, and download it in the background. */
  autoUpdate: boolean;
  /** The Flashback web app (https); "Open in web app" goes here until a bucket page is set. */
  webAppUrl: string;
  /**
   * Where the web app shows a bucket: an https address with `{id}` for the bucket's id
   * (see shared/web-app-link.ts); empty: not set, and rows open the web app itself.
   */
  webAppBucketUrl: string;
  /** Every account, in the order they were added; changed only by the account commands. */
  accounts: SavedAccount[];
  /** The account whose buckets the list shows; `null`: every account's. */
  shownAccount: string | null;
  listOrder: ListOrder;
  /** Keys (shared/accounts.ts) of buckets whose changes never notify; the list shows them muted. */
  mutedBuckets: string[];
  /** Linux in a Wayland session: run under XWayland (X11), where the popover can open by the tray icon. Applies at the next start. */
  runUnderXWayland: boolean;
  /** Open as a normal window (moved, resized, kept open) instead of a popover by the tray icon. */
  runAsWindow: boolean;
}

/** Something the user should know once (settings reset, shortcut taken, …). */
export interface Notice {
  id: string;
  level: 'info' | 'warning';
  message: string;
}

/** A workspace as `GET /workspace` names it: buckets carry only its id. */
export interface Workspace {
  id: string;
  name: string;
}

/** Where the app's own update stands (electron-updater in the desktop app). */
export type UpdateState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'up-to-date'; checkedAt: string }
  | { kind: 'downloading'; version: string }
  | { kind: 'ready'; version: string }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'error'; message: string; checkedAt: string };

export interface AppState {
  /** The current account's sign-in; signed out when there is no account. */
  auth: AuthState;
  buckets: BucketView[];
  /** The user's workspaces (last good `GET /workspace`); empty until known. Show names, ids only as fallback. */
  workspaces: Workspace[];
  sync: SyncState;
  settings: Settings;
  notices: Notice[];
  update: UpdateState;
  /** Every account, in the order they were added. */
  accounts: AccountState[];
  /** The account `auth` and `sync` describe; `null` when there is none. */
  currentAccount: string | null;
  /** The account being added, until its sign-in succeeds (then it is one of `accounts`) or is abandoned. */
  draft: DraftState | null;
  /** How the app runs on this desktop (session type, tray host, popover or window); absent in the preview. */
  desktop?: DesktopInfo;
}

/**
 * The state a view starts from: the whole `AppState`, numbered. Views get one on open or
 * reload (`getState`, or the `snapshot` event) and then only `patch` events.
 */
export interface StateSnapshot {
  version: number;
  state: AppState;
}

/**
 * Buckets of one account whose status alone changed, by id, with the fields they all move to:
 * the bucket the view holds under each id (and `account`) gets these (`status`, `statusSince`,
 * `previousStatus`; an absent one is cleared) and keeps everything else. See shared/status-moves.ts.
 */
export interface StatusMove {
  account?: string;
  status?: string;
  previousStatus?: string;
  statusSince?: string;
  ids: string[];
}

/** Buckets are a set keyed by `bucketKey` (shared/accounts.ts): their order carries no meaning (every view sorts). */
export interface BucketsPatch {
  /** New buckets and buckets with any changed field other than their status, whole. */
  upsert: BucketView[];
  /** Keys of buckets that are gone. */
  remove: string[];
  /** Buckets the view holds whose status changed and nothing else: their ids, grouped by account and the new status fields. Applied after `remove` and `upsert`. */
  moved?: StatusMove[];
}

/**
 * What changed from `base` to `version`: the top-level fields that changed, whole, and the
 * buckets that changed. A view holding `base` applies it; one holding `version` or later
 * ignores it; any other view asks for a snapshot.
 */
export interface StatePatch {
  base: number;
  version: number;
  auth?: AuthState;
  sync?: SyncState;
  settings?: Settings;
  workspaces?: Workspace[];
  notices?: Notice[];
  update?: UpdateState;
  accounts?: AccountState[];
  currentAccount?: string | null;
  draft?: DraftState | null;
  desktop?: DesktopInfo;
  buckets?: BucketsPatch;
}

export type SettingsPatch = Partial<Omit<Settings, 'notifications'>> & {
  notifications?: Partial<NotificationSettings>;
};

/** One change the app saw of a bucket (its status history, newest last). */
export interface StatusChangeRecord {
  /** ISO date. */
  at: string;
  /** `status`: from → to; `added`: became available; `removed`: taken by a mirror repository or deleted. */
  kind: 'status' | 'added' | 'removed';
  from?: string;
  to?: string;
}

/** Every failure a command can return is a value the view can show. */
export type CommandResult<T = void> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** A change in the recent changes across buckets: the change, and whose bucket (its key, its name as last seen). */
export interface RecentChange extends StatusChangeRecord {
  bucketKey: string;
  name: string;
}
export const RECENT_CHANGES_MAX = 50;

/**
 * renderer → main. Each entry: the argument tuple and the result value.
 * The main process validates every argument as if it came from an attacker.
 */
export interface Commands {
  getState: { args: []; result: StateSnapshot };
  refresh: { args: []; result: void };
  copyText: { args: [text: string, what: 'bucket-id' | 'bucket-name']; result: void };
  /** Signs in again to an account (by id), or goes on with a draft; the second step, if due, shows in its state. */
  signIn: { args: [target: string, email: string, password: string]; result: void };
  verifyMfa: { args: [target: string, method: SupportedMfaMethod, code: string]; result: void };
  sendMagicLink: { args: [target: string]; result: void };
  /** Asks the server (its address) to mail a link that sets a password. */
  requestPasswordReset: { args: [apiBaseUrl: string, email: string]; result: void };
  /** Replaces an account's sign-in with a pasted access token (checked first). */
  signInWithToken: { args: [target: string, token: string]; result: void };
  /** Abandons a sign-in waiting for its second step: a draft leaves nothing; an account is signed out. */
  cancelSignIn: { args: [target: string]; result: void };
  /** Signs out of an account and keeps it in the list (its keychain entry goes). */
  signOut: { args: [accountId: string]; result: void };
  /** Adds an account (its address, email, password) as a draft; returns the draft's id, which is the account's once signed in. */
  addAccount: { args: [apiBaseUrl: string, email: string, password: string]; result: string };
  /** Adds an account on that server with a pasted access token; returns its id. */
  addAccountWithToken: { args: [apiBaseUrl: string, token: string]; result: string };
  /** Makes an account the current one (to sign in to it again, or to see its state). */
  useAccount: { args: [accountId: string]; result: void };
  /** Signs out of an account and forgets it: its keychain entry, buckets and history go. */
  removeAccount: { args: [accountId: string]; result: void };
  updateSettings: { args: [patch: SettingsPatch]; result: Settings };
  dismissNotice: { args: [id: string]; result: void };
  checkForUpdates: { args: []; result: void };
  /** Quits and installs the downloaded update (only when one is ready). */
  installUpdate: { args: []; result: void };
  /** The changes this app recorded for a bucket (by its key), oldest first (the last 100, at most 30 days). */
  getHistory: { args: [bucketKey: string]; result: StatusChangeRecord[] };
  /** The newest changes across every account's buckets, newest first (at most RECENT_CHANGES_MAX, 30 days). */
  getRecentChanges: { args: []; result: RecentChange[] };
  /** The bridge nodes behind a bucket (by its key), asked of Flashback now (`GET /bucket/{id}/status`). */
  getBucketNodes: { args: [bucketKey: string]; result: BucketNode[] };
  /** Opens the bucket's (by its key) page in the web app in the default browser (the address is checked in main). */
  openInWebApp: { args: [bucketKey: string]; result: void };
  hidePopover: { args: []; result: void };
  /** Opens the popover as a small normal window (remembered per display). */
  detachPopover: { args: []; result: void };
  quit: { args: []; result: void };
}

export type CommandName = keyof Commands;

/** main → renderer. */
export interface Events {
  /** The whole state (a view that just connected, or pending changes larger than the list). */
  snapshot: StateSnapshot;
  /** Only what changed; nothing is sent when nothing changed or while the view is hidden. */
  patch: StatePatch;
  /** A bucket's key. */
  focusBucket: string;
  /** Ask the view to open one of its screens (from the tray menu). */
  showView: 'buckets' | 'settings' | 'sign-in';
  /** The popover was just shown: the view puts keyboard focus where typing helps. */
  shown: true;
}

export type EventName = keyof Events;


/** What a view gets: in Electron `window.flashback` decoded by `bridgeFromWire` (shared/wire.ts), in the preview an HTTP/SSE client. */
export interface FlashbackBridge {
  invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<Commands[K]['result']>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<K extends EventName>(event: K, listener: (payload: Events[K]) => void): () => void;
}

const DEFAULT_API_BASE_URL = 'https://backend.flashback.tech';
/** The platform's web app (flashback-docs, discover/introduction.md). */
export const DEFAULT_WEB_APP_URL = 'https://platform.flashback.tech';
export const MIN_POLL_INTERVAL_SECONDS = 15;
export const MAX_POLL_INTERVAL_SECONDS = 3600;
export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: DEFAULT_API_BASE_URL,
  pollIntervalSeconds: 60,
  workspaceId: null,
  notifications: { enabled: true, sound: true, statusChanged: true, added: true, removed: true, sessionExpired: true },
  notificationsPausedUntil: null,
  launchAtLogin: false,
  theme: 'system',
  showCountInMenuBar: true,
  globalShortcut: 'CommandOrControl+Shift+B',
  autoUpdate: true,
  webAppUrl: DEFAULT_WEB_APP_URL,
  webAppBucketUrl: '',
  accounts: [],
  shownAccount: null,
  listOrder: 'problems',
  mutedBuckets: [],
  runUnderXWayland: false,
  runAsWindow: false,
};
