import {
  DEFAULT_SETTINGS,
  MAX_POLL_INTERVAL_SECONDS,
  MIN_POLL_INTERVAL_SECONDS,
  type Settings,
  type SettingsPatch,
} from '../../../shared/contract';
import { ACCOUNT_ID, accountEmail, MAX_ACCOUNTS, MAX_EMAIL_LENGTH, type SavedAccount } from '../../../shared/accounts';
import { isWebAppHome } from '../../../shared/web-app-target';
import { isWebAppTemplate } from '../../../shared/web-app-link';
import { acceleratorProblem } from '../../../shared/accelerator';

/** Only http(s) origins, with no credentials in them; http only for loopback (the mock API). */
export function isAllowedApiBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}


/**
 * One checker per field: the value as the app will keep it, or `undefined` when it is not
 * allowed. Hand-written (a dozen lines) rather than a schema library, to keep the main
 * bundle small; every field a view or the settings file may set is here.
 */
type Check = (value: unknown) => unknown;
const isBoolean: Check = (value) => (typeof value === 'boolean' ? value : undefined);
const text = (max: number, valid: (value: string) => boolean): Check => (value) => (typeof value === 'string' && value.length <= max && valid(value) ? value : undefined);
const nullable = (check: Check): Check => (value) => (value === null ? null : check(value));

/**
 * The saved accounts, entry by entry: a damaged entry (or one beyond the limit, or a second
 * with the same id) is left out alone and counted; the others are kept. The email is data
 * (see accountEmail): any text the server sent reads back as it was saved.
 */
function readSavedAccounts(value: unknown): { accounts: SavedAccount[]; dropped: number } | undefined {
  if (!Array.isArray(value)) return undefined;
  const accounts: SavedAccount[] = [];
  for (const item of value as unknown[]) {
    const account = isRecord(item) ? savedAccount(item) : undefined;
    if (account && accounts.length < MAX_ACCOUNTS && !accounts.some((other) => other.id === account.id)) accounts.push(account);
  }
  return { accounts, dropped: value.length - accounts.length };
}

function savedAccount({ id, apiBaseUrl, email }: Record<string, unknown>): SavedAccount | undefined {
  if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) return undefined;
  if (typeof apiBaseUrl !== 'string' || apiBaseUrl.length > 2048 || !isAllowedApiBaseUrl(apiBaseUrl)) return undefined;
  if (typeof email !== 'string' || email.length > 4 * MAX_EMAIL_LENGTH) return undefined;
  return { id, apiBaseUrl, email: accountEmail(email) };
}

const fields: Record<Exclude<keyof Settings, 'notifications'>, Check> = {
  apiBaseUrl: text(2048, isAllowedApiBaseUrl),
  pollIntervalSeconds: (value) =>
    Number.isInteger(value) && (value as number) >= MIN_POLL_INTERVAL_SECONDS && (value as number) <= MAX_POLL_INTERVAL_SECONDS ? value : undefined,
  workspaceId: nullable((value) => (typeof value === 'string' && value.trim() !== '' && value.trim().length <= 200 ? value.trim() : undefined)),
  notificationsPausedUntil: nullable(text(64, (value) => !Number.isNaN(Date.parse(value)))),
  launchAtLogin: isBoolean,
  theme: (value) => (value === 'system' || value === 'light' || value === 'dark' ? value : undefined),
  showCountInMenuBar: isBoolean,
  globalShortcut: text(100, (value) => acceleratorProblem(value) === undefined),
  autoUpdate: isBoolean,
  webAppUrl: text(2048, isWebAppHome),
  webAppBucketUrl: (value) => (typeof value === 'string' && (value.trim() === '' || isWebAppTemplate(value.trim())) ? value.trim() : undefined),
  accounts: (value) => readSavedAccounts(value)?.accounts,
  listOrder: (value) => (value === 'problems' || value === 'name' || value === 'changed' || value === 'workspace' ? value : undefined),
  mutedBuckets: (value) =>
    Array.isArray(value) && value.length <= MAX_MUTED_BUCKETS && value.every((key) => typeof key === 'string' && key.length > 0 && key.length <= 300) ? [...new Set(value as string[])] : undefined,
  // 'primary': the first account's id in files of the release before (see accounts/legacy-account.ts).
  shownAccount: nullable((value) => (value === 'primary' || (typeof value === 'string' && ACCOUNT_ID.test(value)) ? value : undefined)),
  runUnderXWayland: isBoolean,
  runAsWindow: isBoolean,
};
/** Enough for anyone's list of quiet buckets; a settings file cannot grow without bound. */
const MAX_MUTED_BUCKETS = 1000;
/** Only the account commands change these (a view may not add an account by writing settings). */
const NOT_FROM_VIEWS = new Set(['accounts']);
const NOTIFICATION_KEYS = ['enabled', 'sound', 'statusChanged', 'added', 'removed', 'sessionExpired'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A partial of the notification switches, or the first key that is wrong. */
function notificationsPatch(value: unknown): { ok: true; patch: Partial<Settings['notifications']> } | { ok: false; key: string } {
  if (!isRecord(value)) return { ok: false, key: 'notifications' };
  const patch: Record<string, boolean> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!(NOTIFICATION_KEYS as readonly string[]).includes(key) || typeof item !== 'boolean') return { ok: false, key: `notifications.${key}` };
    patch[key] = item;
  }
  return { ok: true, patch };
}

/** Why a setting was refused, in the words of the view that sets it (never a field's internal name). */
function refusal(key: string, value: unknown): string {
  switch (key) {
    case 'globalShortcut':
      return (typeof value === 'string' && acceleratorProblem(value)) || 'That shortcut cannot be used.';
    case 'apiBaseUrl':
      return 'The API address must start with https:// (http:// only for this computer) and hold no user name, password, query or #.';
    case 'webAppBucketUrl':
      return 'The web-app address must be an https:// address with {id} where the bucket’s id goes.';
    case 'pollIntervalSeconds':
      return `Check for changes every ${MIN_POLL_INTERVAL_SECONDS} seconds to ${MAX_POLL_INTERVAL_SECONDS / 3600} hour, in whole seconds.`;
    case 'workspaceId':
      return 'That workspace is not one of yours.';
    case 'notificationsPausedUntil':
      return 'Notifications can be paused until a date and time only.';
    case 'theme':
      return 'The theme is Match system, Light or Dark.';
    case 'mutedBuckets':
      return `Up to ${MAX_MUTED_BUCKETS} buckets can be muted.`;
    case 'listOrder':
      return 'The list is ordered by problems first, name, recent changes or workspace.';
    default:
      return key.startsWith('notifications') ? 'Each notification switch is on or off.' : 'That setting cannot be changed from here.';
  }
}

type PatchResult = { ok: true; patch: SettingsPatch } | { ok: false; message: string };

/** A patch from a view: every key optional, nothing unknown, every value checked. */
export function validateSettingsPatch(input: unknown): PatchResult {
  const refuse = (key: string, value?: unknown): PatchResult => ({ ok: false, message: refusal(key, value) });
  if (!isRecord(input)) return refuse('settings');
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'notifications') {
      const checked = notificationsPatch(value);
      if (!checked.ok) return refuse(checked.key);
      patch.notifications = checked.patch;
      continue;
    }
    const check = Object.hasOwn(fields, key) && !NOT_FROM_VIEWS.has(key) ? (fields as Record<string, Check>)[key] : undefined;
    const parsed = check?.(value);
    if (!check || parsed === undefined) return refuse(key, value);
    patch[key] = parsed;
  }
  return { ok: true, patch: patch as SettingsPatch };
}

/**
 * Reads settings from untrusted JSON, field by field: a bad field falls back to its
 * default instead of throwing the whole file away. Returns the names that fell back.
 */
export function settingsFromJson(input: unknown): { settings: Settings; invalid: string[]; droppedAccounts: number } {
  const invalid: string[] = [];
  const record = isRecord(input) ? input : {};
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const saved = 'accounts' in record ? readSavedAccounts(record.accounts) : undefined;
  for (const [key, check] of Object.entries(fields)) {
    if (!(key in record) || (key === 'accounts' && saved)) continue;
    const parsed = check(record[key]);
    if (parsed !== undefined) (settings as unknown as Record<string, unknown>)[key] = parsed;
    else invalid.push(key);
  }
  if ('notifications' in record) {
    const checked = notificationsPatch(record.notifications);
    if (checked.ok) settings.notifications = { ...settings.notifications, ...checked.patch };
    else invalid.push('notifications');
  }
  if (saved) settings.accounts = saved.accounts;
  return { settings, invalid, droppedAccounts: saved?.dropped ?? 0 };
}
