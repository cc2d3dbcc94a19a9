import { beforeAll, describe, expect, it } from 'vitest';
import { unusedExports, type UnusedExport } from './unused-exports';

/**
 * Exports only tests import: constants tests pin clocks and limits with, pure functions with
 * unit tests of their own, in-memory stand-ins (MemoryLogger, MemorySettingsStore). They are
 * what is left of issue 21's "test-only exports"; this list may only shrink (a test helper
 * moved under tests/, or the test reading the value through the module that uses it).
 */
const TEST_ONLY = new Map<string, string[]>([
  ['src/main/core/api/api-client.ts', ['KEEP_BYTES_UP_TO']],
  ['src/main/core/api/api-errors.ts', ['parseRetryAfter']],
  ['src/main/core/api/read-capped.ts', ['SCRATCH_FROM_BYTES']],
  ['src/main/core/api/token-expiry.ts', ['FALLBACK_TOKEN_LIFETIME_MS']],
  ['src/main/core/app/controller-options.ts', ['ShellActions']],
  ['src/main/core/desktop/desktop-session.ts', ['canRunUnderXWayland', 'NO_TRAY_HINT']],
  ['src/main/core/desktop/popover-position.ts', ['taskbarSide']],
  ['src/main/core/desktop/tray-anchor.ts', ['STALE_TRAY_BOUNDS_MS']],
  ['src/main/core/desktop/tray-host.ts', ['STATUS_NOTIFIER_WATCHERS', 'trayHostStatus']],
  ['src/main/core/desktop/tray-model.ts', ['TRAY_MENU_BUCKET_LIMIT', 'trayIconState']],
  ['src/main/core/desktop/update-policy.ts', ['DOWNLOAD_STALLS_AFTER_MS', 'UPDATE_CHECK_EVERY_MS']],
  ['src/main/core/desktop/window-memory.ts', ['parseWindowMemory', 'Rect']],
  ['src/main/core/desktop/xdg-autostart.ts', ['autostartEntry']],
  ['src/main/core/notify/history-bounds.ts', ['HISTORY_TEXT_MAX']],
  ['src/main/core/notify/notification-policy.ts', ['FLAP_WINDOW_MS', 'NOTIFICATION_NAME_MAX', 'SETTLE_MS']],
  ['src/main/core/notify/recent-changes.ts', ['RecentSource']],
  ['src/main/core/notify/status-history.ts', ['HISTORY_PER_BUCKET', 'HISTORY_SAVE_DELAY_MS']],
  ['src/main/core/platform/clock.ts', ['MAX_TIMER_MS']],
  ['src/main/core/platform/logger.ts', ['formatLogLine', 'LOG_LINE_MAX', 'MemoryLogger']],
  ['src/main/core/platform/session-bus.ts', ['RunProgram']],
  ['src/main/core/session/sign-in-errors.ts', ['LOGIN_MESSAGES']],
  ['src/main/core/settings/settings-store.ts', ['MemorySettingsStore', 'SettingsLoad']],
  ['src/main/core/sync/backoff.ts', ['BACKOFF_CAP_MS', 'backoffDelay']],
  ['src/main/core/view/wire-sender.ts', ['BUCKETS_PER_SLICE', 'encodeInSlices']],
  ['src/main/electron/app-protocol.ts', ['resolveAppFile']],
  ['src/main/electron/auto-updater.ts', ['unsupportedUpdateReason']],
  ['src/main/electron/security.ts', ['isAllowedExternalUrl']],
  ['src/main/electron/tray-view.ts', ['menuTemplate', 'trayIconPath']],
  ['src/mock-api/server.ts', ['MockApiOptions']],
  ['src/renderer/list-model/bucket-query.ts', ['filterOptions']],
  ['src/preview/server.ts', ['quietServer']],
  ['src/renderer/list-model/bucket-search.ts', ['narrows', 'queryTerms']],
  ['src/renderer/hooks/use-mute.ts', ['withMuted']],
  ['src/shared/accelerator.ts', ['KeyPress']],
  ['src/shared/bucket-order.ts', ['leadOf']],
  ['src/shared/list-order.ts', ['byRecentChange']],
  ['src/shared/wire.ts', ['decodeSnapshot']],
]);

/** Unused by any file, in files another engineer is rewriting right now: un-export them there. */
const PENDING = new Map<string, string[]>([
  ['src/main/core/accounts/account-state.ts', ['AccountsSeen']],
  ['src/main/core/sync/bucket-sync.ts', ['BucketSyncOptions', 'iso']],
]);

/**
 * Entry points (a file loaded by a bundler, a CLI or by name at run time) export nothing another
 * file must use: src/main/electron/main.ts, src/preload/preload.ts, src/renderer/main.tsx,
 * src/preview/cli.ts, src/preview/page/preview.tsx, src/mock-api/cli.ts and src/demo-api.ts (main
 * requires it by path for --demo). Only this one exports a name, read by tests and packaging.
 */
const ENTRY_POINTS = new Map<string, string[]>([['src/main/electron/main.ts', ['APP_ID']]]);

const listed = (lists: Array<Map<string, string[]>>, file: string, name: string) => lists.some((list) => list.get(file)?.includes(name));

describe('exports', () => {
  let unused: UnusedExport[] = [];
  beforeAll(() => {
    unused = unusedExports('src');
  }, 120_000);

  it('every export of src/ is used by another file in src/ (else it is not exported, or deleted)', () => {
    expect(unused.filter(({ file, name }) => !listed([TEST_ONLY, PENDING, ENTRY_POINTS], file, name)).map(({ file, name }) => `${file}: ${name}`)).toEqual([]);
  });

  it('the list of test-only exports is true (a name src/ now uses, or that is gone, leaves the list)', () => {
    const stillTestOnly = new Set(unused.map(({ file, name }) => `${file}: ${name}`));
    const listedNames = [...TEST_ONLY, ...ENTRY_POINTS].flatMap(([file, names]) => names.map((name) => `${file}: ${name}`));
    expect(listedNames.filter((entry) => !stillTestOnly.has(entry))).toEqual([]);
  });

  it('finds an export nobody else uses, and counts a named import, a type and a namespace member through a re-export (the check itself works)', () => {
    expect(unusedExports('tests/tooling/fixtures/unused-exports')).toEqual([
      { file: 'tests/tooling/fixtures/unused-exports/lib.ts', name: 'unused' },
      { file: 'tests/tooling/fixtures/unused-exports/lib.ts', name: 'usedOnlyHere' },
      { file: 'tests/tooling/fixtures/unused-exports/user.ts', name: 'total' },
    ]);
  }, 60_000);
});
