import { AppController } from '../src/main/core/app/controller';
import type { Notifier, ShellActions } from '../src/main/core/app/controller-options';
import { MemoryKeychain, type Keychain } from '../src/main/core/platform/keychain';
import { MemoryLogger } from '../src/main/core/platform/logger';
import type { NotificationRequest } from '../src/main/core/notify/notification-policy';
import { MemorySettingsStore } from '../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS, type AppState, type Settings } from '../src/shared/contract';
import { DEMO_USER, MockFlashbackApi, type MockApiOptions } from '../src/mock-api/server';

export class RecordingNotifier implements Notifier {
  readonly shown: Array<NotificationRequest & { click: () => void }> = [];
  show(request: NotificationRequest, onClick: () => void): void {
    this.shown.push({ ...request, click: onClick });
  }
}

/** Resolves when `predicate` holds for the controller's state (checked on every change). */
export function waitForState(controller: AppController, predicate: (state: AppState) => boolean, timeoutMs = 5000): Promise<AppState> {
  if (predicate(controller.state)) return Promise.resolve(controller.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`state never matched; last: ${JSON.stringify({ auth: controller.state.auth, sync: controller.state.sync })}`));
    }, timeoutMs);
    const unsubscribe = controller.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}

/** The current account's id (tests that act on "the" account). */
export function currentId(controller: AppController): string {
  const id = controller.state.currentAccount;
  if (id === null) throw new Error('no account');
  return id;
}

export interface Harness {
  api: MockFlashbackApi;
  controller: AppController;
  notifier: RecordingNotifier;
  log: MemoryLogger;
  keychain: Keychain;
  states: AppState[];
  stop(): Promise<void>;
}

/** The real core against the real mock API over HTTP on loopback. */
export async function startHarness(
  options: {
    mock?: MockApiOptions;
    settings?: Partial<Settings>;
    keychain?: Keychain;
    requestTimeoutMs?: number;
    signIn?: boolean;
    shell?: ShellActions;
  } = {},
): Promise<Harness> {
  const api = new MockFlashbackApi(options.mock);
  const url = await api.start();
  const notifier = new RecordingNotifier();
  const log = new MemoryLogger();
  const keychain = options.keychain ?? new MemoryKeychain();
  const controller = new AppController({
    settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: url, ...options.settings }),
    keychain,
    log,
    notifier,
    shell: options.shell,
    random: () => 0.5,
    requestTimeoutMs: options.requestTimeoutMs ?? 2000,
    // Tests click refresh on purpose; the click throttle has its own test.
    minRefreshGapMs: 0,
  });
  const states: AppState[] = [];
  controller.subscribe((state) => states.push(state));
  await controller.start();
  if (options.signIn !== false) {
    const result = await controller.dispatch('addAccount', [url, DEMO_USER.email, DEMO_USER.password]);
    if (!result.ok) throw new Error(result.error.message);
    await waitForState(controller, (state) => state.sync.lastSuccessAt !== undefined);
  }
  return {
    api,
    controller,
    notifier,
    log,
    keychain,
    states,
    async stop() {
      controller.dispose();
      await api.stop();
    },
  };
}

/** The current account's keychain entry (its server's origin and its id, see shared/accounts.ts). */
export function keychainKey(h: Harness): string {
  return `${new URL(h.api.url).origin}#${currentId(h.controller)}`;
}
