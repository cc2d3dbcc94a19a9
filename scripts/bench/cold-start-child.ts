// Run in a fresh Node process by the benchmark: start the core against the mock API and
// print how long the first state with buckets took.
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';

const apiBaseUrl = process.env.FLASHBACK_BENCH_API!;
const keychain = new MemoryKeychain();
await keychain.set(new URL(apiBaseUrl).origin, JSON.stringify({ v: 1, method: 'token', accessToken: process.env.FLASHBACK_BENCH_TOKEN }));
const controller = new AppController({ settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl }), keychain, log: new MemoryLogger() });
controller.subscribe((state) => {
  if (state.buckets.length > 0) {
    console.log(`first-state ${performance.now().toFixed(2)}`);
    controller.dispose();
    process.exit(0);
  }
});
await controller.start();
