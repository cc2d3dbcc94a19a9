import * as v from 'valibot';
import {
  DEFAULT_SETTINGS,
  MAX_POLL_INTERVAL_SECONDS,
  MIN_POLL_INTERVAL_SECONDS,
  type Settings,
  type SettingsPatch,
} from '../../shared/contract';

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

/** Accelerators such as `CommandOrControl+Shift+B`: modifiers and one key, or empty for none. */
const ACCELERATOR = /^$|^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+){1,4}([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Up|Down|Left|Right|,|\.|\/|;|')$/;

const IsoDate = v.pipe(
  v.string(),
  v.check((text) => !Number.isNaN(Date.parse(text))),
);

const NotificationSettingsSchema = v.strictObject({
  enabled: v.boolean(),
  statusChanged: v.boolean(),
  added: v.boolean(),
  removed: v.boolean(),
  sessionExpired: v.boolean(),
});

const fields = {
  apiBaseUrl: v.pipe(v.string(), v.maxLength(2048), v.check(isAllowedApiBaseUrl)),
  pollIntervalSeconds: v.pipe(v.number(), v.integer(), v.minValue(MIN_POLL_INTERVAL_SECONDS), v.maxValue(MAX_POLL_INTERVAL_SECONDS)),
  workspaceId: v.nullable(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(200))),
  notificationsPausedUntil: v.nullable(IsoDate),
  launchAtLogin: v.boolean(),
  theme: v.picklist(['system', 'light', 'dark']),
  showCountInMenuBar: v.boolean(),
  globalShortcut: v.pipe(v.string(), v.maxLength(100), v.regex(ACCELERATOR)),
} as const;

/** A patch from a view: every key optional, nothing unknown, every value checked. */
const SettingsPatchSchema = v.strictObject({
  ...Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, v.optional(schema)])),
  notifications: v.optional(v.partial(NotificationSettingsSchema)),
} as { [K in keyof typeof fields]: v.OptionalSchema<(typeof fields)[K], undefined> } & {
  notifications: v.OptionalSchema<v.SchemaWithPartial<typeof NotificationSettingsSchema, undefined>, undefined>;
});

export type PatchResult = { ok: true; patch: SettingsPatch } | { ok: false; message: string };

export function validateSettingsPatch(input: unknown): PatchResult {
  const result = v.safeParse(SettingsPatchSchema, input);
  if (result.success) return { ok: true, patch: result.output as SettingsPatch };
  const key = result.issues[0]?.path?.map((item) => String(item.key)).join('.') ?? 'settings';
  return { ok: false, message: `That value for “${key}” is not allowed.` };
}

export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    ...patch,
    notifications: { ...settings.notifications, ...patch.notifications },
  } as Settings;
}

/**
 * Reads settings from untrusted JSON, field by field: a bad field falls back to its
 * default instead of throwing the whole file away. Returns the names that fell back.
 */
export function settingsFromJson(input: unknown): { settings: Settings; invalid: string[] } {
  const invalid: string[] = [];
  const record = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  for (const [key, schema] of Object.entries(fields) as Array<[keyof typeof fields, v.GenericSchema]>) {
    if (!(key in record)) continue;
    const parsed = v.safeParse(schema, record[key]);
    if (parsed.success) (settings as unknown as Record<string, unknown>)[key] = parsed.output;
    else invalid.push(key);
  }
  if ('notifications' in record) {
    const parsed = v.safeParse(v.partial(NotificationSettingsSchema), record.notifications);
    if (parsed.success) settings.notifications = { ...settings.notifications, ...parsed.output };
    else invalid.push('notifications');
  }
  return { settings, invalid };
}
