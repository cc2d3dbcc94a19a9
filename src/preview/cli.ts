import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FileLogger } from '../main/core/logger';
import { isAllowedApiBaseUrl } from '../main/core/settings';
import { JsonFileSettingsStore } from '../main/core/settings-store';
import { openSystemKeychain } from '../main/core/system-keychain';
import { DEMO_USER, MockFlashbackApi } from '../mock-api/server';
import { MIN_POLL_INTERVAL_SECONDS } from '../shared/contract';
import { PreviewServer } from './server';

const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm run preview -- [--api URL] [--port N] [--data-dir DIR]

Runs the app's real core in Node and serves the popover, a tray strip and a notification
feed on 127.0.0.1. Without --api it starts the built-in mock Flashback API with the demo
scenario and signs in as the demo user.`);
  process.exit(0);
}
if (values.api && !isAllowedApiBaseUrl(values.api)) {
  console.error(`--api must be an https:// URL (or http:// on this computer): ${values.api}`);
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(here, '..');
const dataDir = values['data-dir'] ? resolve(values['data-dir']) : await mkdtemp(join(tmpdir(), 'flashback-preview-'));
const log = new FileLogger({ path: join(dataDir, 'logs', 'preview.log') });
const mock = values.api ? undefined : new MockFlashbackApi();
const apiBaseUrl = values.api ?? (await mock!.start());
mock?.startScenario(5000);

const preview = new PreviewServer({
  port: Number(values.port),
  settingsStore: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
  keychain: await openSystemKeychain(),
  log,
  distDir,
  assetsDir: join(distDir, 'assets'),
  afterStart: async (controller) => {
    if (controller.state.settings.apiBaseUrl !== apiBaseUrl) await controller.dispatch('updateSettings', [{ apiBaseUrl }]);
    // The demo's statuses change every few seconds: poll at the fastest allowed interval to show it.
    if (mock) await controller.dispatch('updateSettings', [{ pollIntervalSeconds: MIN_POLL_INTERVAL_SECONDS }]);
    if (mock && controller.state.auth.kind !== 'signed-in') await controller.dispatch('signIn', [DEMO_USER.email, DEMO_USER.password]);
  },
});
const url = await preview.start();
console.log(`Flashback API: ${apiBaseUrl}${mock ? ' (built-in mock, demo scenario)' : ''}`);
console.log(`Data folder: ${dataDir}`);
console.log(`Preview: ${url}`);

const stop = () => {
  void Promise.all([preview.stop(), mock?.stop(), log.flush()]).finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
