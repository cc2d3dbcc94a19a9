import { tempDir } from '../setup/temp-dirs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { FileLogger } from '../../src/main/core/platform/logger';
import { JsonFileSettingsStore } from '../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS, type AppState } from '../../src/shared/contract';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { RecordingNotifier, waitForState } from '../helpers';

const MARKER = 'LEAKCANARY';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('secrets stay secret', () => {
  it('no token or password reaches a file, a log line, a state snapshot or a notification during a full session', async () => {
    const dataDir = await tempDir('flashback-leak-');
    const api = new MockFlashbackApi({ tokenMarker: MARKER, tokenTtlSeconds: 3600 });
    const url = await api.start();
    const store = new JsonFileSettingsStore(join(dataDir, 'settings.json'));
    await store.save({ ...DEFAULT_SETTINGS, apiBaseUrl: url });
    const log = new FileLogger({ path: join(dataDir, 'logs', 'main.log') });
    const keychain = new MemoryKeychain();
    const notifier = new RecordingNotifier();
    const controller = new AppController({ settingsStore: store, keychain, log, notifier, random: () => 0.5, requestTimeoutMs: 300, minRefreshGapMs: 0 });
    const snapshots: AppState[] = [];
    const results: unknown[] = [];
    controller.subscribe((state) => snapshots.push(state));
    const run = async (name: Parameters<AppController['dispatch']>[0], args: unknown[]) => {
      results.push(await controller.dispatch(name, args));
    };
    const settle = () => waitForState(controller, (s) => !s.sync.inFlight);

    await controller.start();
    await run('addAccount', [api.url, DEMO_USER.email, DEMO_USER.password]);
    await settle();
    const id = controller.state.currentAccount;
    api.setStatus(api.buckets[0]!.id, 'OFFLINE');
    await run('refresh', []);
    await settle();
    // Refresh on 401, then a series of faults, each logged.
    api.expireAccessTokens();
    await run('refresh', []);
    await settle();
    for (const fault of [{ type: 'status', status: 500 }, { type: 'html' }, { type: 'timeout' }, { type: 'status', status: 429, retryAfter: '1' }] as const) {
      api.injectFault(fault);
      await run('refresh', []);
      await settle();
    }
    // A pasted token that is then rejected, and a session that expires.
    await run('signOut', [id]);
    const pasted = api.issueAccessToken();
    await run('signInWithToken', [id, pasted]);
    await run('signInWithToken', [id, `${pasted}x`]);
    await run('addAccountWithToken', [api.url, `${pasted}y`]);
    api.expireAccessTokens();
    await run('refresh', []);
    await waitForState(controller, (s) => s.auth.kind === 'expired');
    await run('signIn', [id, DEMO_USER.email, 'wrong-password-LEAKCANARY']);
    await run('signIn', [id, DEMO_USER.email, DEMO_USER.password]);
    await settle();
    await run('signOut', [id]);
    controller.dispose();
    await log.flush();
    await api.stop();

    expect(api.stats.requests['POST /user/refresh']).toBeGreaterThan(0);
    expect(snapshots.length).toBeGreaterThan(20);
    expect(notifier.shown.length).toBeGreaterThan(0);
    const haystacks: Array<[string, string]> = [
      ['state snapshots', JSON.stringify(snapshots)],
      ['command results', JSON.stringify(results)],
      ['notifications', JSON.stringify(notifier.shown)],
    ];
    for (const file of await filesUnder(dataDir)) haystacks.push([file, await readFile(file, 'utf8')]);
    expect(haystacks.some(([name]) => name.endsWith('main.log'))).toBe(true);
    for (const [name, text] of haystacks) {
      expect(text.includes(MARKER), `${name} contains a token`).toBe(false);
      expect(text.includes(DEMO_USER.password!), `${name} contains the password`).toBe(false);
      expect(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./.test(text), `${name} contains a JWT`).toBe(false);
    }
    await rm(dataDir, { recursive: true, force: true });
  });
});
