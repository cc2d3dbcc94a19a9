import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileLogger } from '../main/core/platform/logger';
import { isAllowedApiBaseUrl } from '../main/core/settings/settings';
import { JsonFileSettingsStore } from '../main/core/settings/settings-store';
import { historyFileAt } from '../main/core/notify/status-history';
import { openSystemKeychain } from '../main/core/platform/system-keychain';
import { KEYCHAIN_SERVICE } from '../main/core/platform/keychain';
import { CliError, exitWith, parseCli, parsePort } from '../mock-api/cli-args';
import { DEMO_ACCOUNTS_TEXT } from '../mock-api/demo-accounts';
import { DEMO_USER, MockFlashbackApi } from '../mock-api/server';
import { MIN_POLL_INTERVAL_SECONDS } from '../shared/contract';
import { PreviewServer } from './server';
import { systemClock, type Clock } from '../main/core/platform/clock';

/** A clock that reads `start` now and runs on from there; its timers are the system's. */
function runningFrom(start: number): Clock {
  const offset = start - Date.now();
  return { ...systemClock, now: () => Date.now() + offset };
}

const HELP = `npm run preview -- [options]

Runs the app's real core in Node and serves the popover, a tray strip and a notification
feed on 127.0.0.1, for any browser: the way to try Flashback Tray where Electron cannot run.

Options:
  --api URL         a Flashback API to use (https://, or http:// on this computer);
                    without it, a built-in mock API with a demo scenario starts and the
                    preview signs in to its demo account
  --port N          port for the preview page (default 0: any free port, printed at start)
  --data-dir DIR    where settings and logs go (default: a new temporary folder)
  --fake-update V   pretend version V (e.g. 9.9.9) is released, to see the update states
  --fake-update-fails N
                    the first N downloads of that version fail, to see a failed
                    download said in words and tried again at the next check
  --clock ISO       start the app's clock (and the built-in mock's) at this time, e.g.
                    2026-12-01T23:07:00Z, and let it run from there: times of day on
                    demand, for tests and screenshots
  --help            show this help

${DEMO_ACCOUNTS_TEXT}

Stop it with Ctrl+C.`;

let values: { api?: string; port?: string; 'data-dir'?: string; 'fake-update'?: string; 'fake-update-fails'?: string; clock?: string; help?: boolean };
let clock: Clock | undefined;
let port: number;
try {
  values = parseCli({
    api: { type: 'string' },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'fake-update': { type: 'string' },
    'fake-update-fails': { type: 'string', default: '0' },
    clock: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values['fake-update'] !== undefined && !/^\d+\.\d+\.\d+$/.test(values['fake-update'])) throw new CliError(`--fake-update must be a version like 9.9.9, not “${values['fake-update']}”.`);
  if (!/^\d{1,3}$/.test(values['fake-update-fails'] ?? '0')) throw new CliError(`--fake-update-fails must be a number of downloads like 2, not “${values['fake-update-fails']}”.`);
  if (values.clock !== undefined) {
    const start = Date.parse(values.clock);
    if (!/^\d{4}-\d\d-\d\dT/.test(values.clock) || Number.isNaN(start)) throw new CliError(`--clock must be a date and time like 2026-12-01T23:07:00Z, not “${values.clock}”.`);
    clock = runningFrom(start);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  if (values.api !== undefined && !isAllowedApiBaseUrl(values.api)) throw new CliError(`--api must be an https:// URL (or http:// on this computer), not “${values.api}”.`);
  port = parsePort(values.port);
} catch (error) {
  exitWith(error);
}

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(here, '..');
const dataDir = values['data-dir'] ? resolve(values['data-dir']) : await mkdtemp(join(tmpdir(), 'flashback-preview-'));
const log = new FileLogger({ path: join(dataDir, 'logs', 'preview.log') });
const mock = values.api ? undefined : new MockFlashbackApi(clock ? { now: () => clock.now() } : {});
const apiBaseUrl = values.api ?? (await mock!.start());
mock?.startScenario(5000);

const preview = new PreviewServer({
  port,
  fakeUpdateVersion: values['fake-update'],
  fakeUpdateFails: Number(values['fake-update-fails'] ?? '0'),
  demoAccounts: mock ? DEMO_ACCOUNTS_TEXT : undefined,
  settingsStore: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
  historyFile: historyFileAt(join(dataDir, 'history.json')),
  // Its own keychain service per data folder: the preview never sees (nor sweeps, see
  // accounts/keychain-janitor.ts) the installed app's sign-ins, nor another preview's.
  keychain: await openSystemKeychain(process.platform, `${KEYCHAIN_SERVICE}-preview-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`),
  log,
  distDir,
  clock,
  assetsDir: join(distDir, 'assets'),
  afterStart: async (controller) => {
    if (controller.state.settings.apiBaseUrl !== apiBaseUrl) await controller.dispatch('updateSettings', [{ apiBaseUrl }]);
    // The demo's statuses change every few seconds: poll at the fastest allowed interval to show it.
    if (mock) await controller.dispatch('updateSettings', [{ pollIntervalSeconds: MIN_POLL_INTERVAL_SECONDS }]);
    // The built-in mock's port is new every run: its demo account is added when this data folder has none on it.
    if (mock && !controller.state.accounts.some((account) => account.apiBaseUrl === apiBaseUrl)) await controller.dispatch('addAccount', [apiBaseUrl, DEMO_USER.email, DEMO_USER.password ?? '']);
  },
});
const url = await preview.start().catch(async (error: unknown) => {
  await mock?.stop();
  // A folder made for this run only: nothing left behind when it could not start.
  if (!values['data-dir']) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  exitWith(error);
});
const stop = () => {
  void Promise.all([preview.stop(), mock?.stop()])
    // What stopping logged is on disk, and nothing later writes there: then a folder made for
    // this run only (no --data-dir) goes with it.
    .then(() => log.close())
    .then(() => (values['data-dir'] ? undefined : rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })))
    .finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Ctrl+C is handled before the address is printed: a signal sent the moment the address shows
// (a script, a test) finds the handler there, and the folder made for the run goes.
console.log(`Flashback API: ${apiBaseUrl}${mock ? ' (built-in mock, demo scenario)' : ''}`);
console.log(`Data folder: ${dataDir}`);
console.log(`Preview: ${url}`);

