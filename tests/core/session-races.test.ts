import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/main/core/api/api-client';
import { AppController } from '../../src/main/core/app/controller';
import { systemClock, type Clock } from '../../src/main/core/platform/clock';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MIN_REFRESH_INTERVAL_MS } from '../../src/main/core/session/refresh-timer';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/contract';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { waitForState } from '../helpers';

/**
 * Work that outlives its reason (issue 12): a refresh or sign-in step that finishes after
 * sign-out, an address change or dispose must not act. Requests to chosen paths are held
 * at a gate until the test has moved on, then released.
 */
class Gate {
  private waiting: Array<() => void> = [];
  held = 0;
  constructor(private readonly pathPart: string) {}
  readonly fetch: FetchLike = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes(this.pathPart)) {
      this.held++;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    return fetch(input, init);
  };
  release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function mock(): Promise<MockFlashbackApi> {
  const api = new MockFlashbackApi();
  await api.start();
  stops.push(() => api.stop());
  return api;
}

function controller(options: { api: MockFlashbackApi; keychain?: MemoryKeychain; fetch?: FetchLike; clock?: Clock; settings?: Partial<Settings> }) {
  const log = new MemoryLogger();
  const app = new AppController({
    settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: options.api.url, ...options.settings }),
    keychain: options.keychain ?? new MemoryKeychain(),
    log,
    fetch: options.fetch,
    clock: options.clock,
    random: () => 0.5,
    requestTimeoutMs: 2000,
  });
  stops.push(() => app.dispose());
  return { app, log };
}

const until = (check: () => boolean) =>
  new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = () => (check() ? resolve() : Date.now() - started > 3000 ? reject(new Error('never happened')) : setTimeout(tick, 5));
    tick();
  });

describe('a refresh that finishes late', () => {
  it('after sign-out and a new sign-in: does not expire the new session nor delete its keychain entry', async () => {
    const api = await mock();
    const gate = new Gate('/user/refresh');
    const keychain = new MemoryKeychain();
    const { app, log } = controller({ api, keychain, fetch: gate.fetch });
    await app.start();
    await app.dispatch('addAccount', [api.url, DEMO_USER.email, DEMO_USER.password]);
    await waitForState(app, (s) => s.sync.lastSuccessAt !== undefined);
    const id = app.state.currentAccount!;
    api.expireAccessTokens();
    api.revokeRefreshTokens();
    const refreshing = app.dispatch('refresh', []);
    await until(() => gate.held === 1);
    await app.dispatch('signOut', [id]);
    expect(await app.dispatch('signIn', [id, DEMO_USER.email, DEMO_USER.password])).toEqual({ ok: true, value: undefined });
    const account = `${new URL(api.url).origin}#${id}`;
    const newEntry = await keychain.get(account);
    gate.release();
    await refreshing;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.state.auth.kind).toBe('signed-in');
    expect(await keychain.get(account)).toBe(newEntry);
    expect(log.lines.join('\n')).not.toContain('session ended');
  });

  it('after its account was removed: the other account stays signed in', async () => {
    const first = await mock();
    const second = await mock();
    const gate = new Gate(`${new URL(first.url).host}/user/refresh`);
    const keychain = new MemoryKeychain();
    const { app } = controller({ api: first, keychain, fetch: gate.fetch });
    await app.start();
    await app.dispatch('addAccount', [first.url, DEMO_USER.email, DEMO_USER.password]);
    await waitForState(app, (s) => s.sync.lastSuccessAt !== undefined);
    const firstId = app.state.currentAccount!;
    const added = await app.dispatch('addAccountWithToken', [second.url, second.issueAccessToken()]);
    const secondId = added.ok ? added.value : '';
    const secondAccount = `${new URL(second.url).origin}#${secondId}`;
    first.expireAccessTokens();
    first.revokeRefreshTokens();
    const refreshing = app.dispatch('refresh', []);
    await until(() => gate.held === 1);
    await app.dispatch('removeAccount', [firstId]);
    expect(app.state.auth.kind).toBe('signed-in');
    gate.release();
    await refreshing;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.state).toMatchObject({ currentAccount: secondId, auth: { kind: 'signed-in', method: 'token' } });
    expect(await keychain.list()).toEqual([secondAccount]);
  });

  it('after sign-out: ends quietly, without a TypeError and without writing the keychain again', async () => {
    const api = await mock();
    const gate = new Gate('/user/refresh');
    const keychain = new MemoryKeychain();
    const { app, log } = controller({ api, keychain, fetch: gate.fetch });
    await app.start();
    await app.dispatch('addAccount', [api.url, DEMO_USER.email, DEMO_USER.password]);
    await waitForState(app, (s) => s.sync.lastSuccessAt !== undefined);
    const account = `${new URL(api.url).origin}#${app.state.currentAccount}`;
    api.expireAccessTokens();
    const refreshing = app.dispatch('refresh', []);
    await until(() => gate.held === 1);
    await app.dispatch('signOut', [app.state.currentAccount]);
    gate.release();
    const result = await refreshing;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result).not.toMatchObject({ error: { code: 'UNEXPECTED' } });
    expect(log.lines.join('\n')).not.toMatch(/TypeError|failed/);
    expect(app.state.auth).toEqual({ kind: 'signed-out' });
    expect(await keychain.get(account)).toBeNull();
  });
});

describe('a sign-in that finishes late', () => {
  it('after sign-out: is cancelled and stores nothing', async () => {
    const api = await mock();
    const gate = new Gate('/user/login');
    const keychain = new MemoryKeychain();
    const { app } = controller({ api, keychain, fetch: gate.fetch });
    await app.start();
    const signingIn = app.dispatch('addAccount', [api.url, DEMO_USER.email, DEMO_USER.password]);
    await until(() => gate.held === 1);
    await app.dispatch('cancelSignIn', [app.state.draft!.id]);
    gate.release();
    expect(await signingIn).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(app.state).toMatchObject({ auth: { kind: 'signed-out' }, draft: null, accounts: [] });
    expect(await keychain.list()).toEqual([]);
    expect(api.stats.bucketRequests).toBe(0);
  });

  it('after dispose: does nothing at all', async () => {
    const api = await mock();
    const gate = new Gate('/user/login');
    const keychain = new MemoryKeychain();
    const { app } = controller({ api, keychain, fetch: gate.fetch });
    await app.start();
    const signingIn = app.dispatch('addAccount', [api.url, DEMO_USER.email, DEMO_USER.password]);
    await until(() => gate.held === 1);
    app.dispose();
    gate.release();
    expect(await signingIn).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await keychain.list()).toEqual([]);
    expect(api.stats.bucketRequests).toBe(0);
  });
});

describe('refresh scheduling', () => {
  it('never schedules a refresh sooner than the minimum, even for a token that expires in one second', async () => {
    const api = await mock();
    api.tokenTtlSeconds = 1;
    const delays: number[] = [];
    const clock: Clock = { ...systemClock, setTimeout: (callback, ms) => (delays.push(ms), systemClock.setTimeout(callback, ms)) };
    const { app } = controller({ api, clock });
    await app.start();
    await app.dispatch('addAccount', [api.url, DEMO_USER.email, DEMO_USER.password]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.min(...delays.filter((ms) => ms !== 60_000))).toBeGreaterThanOrEqual(MIN_REFRESH_INTERVAL_MS);
    expect(api.stats.requests['POST /user/refresh'] ?? 0).toBeLessThanOrEqual(1);
  });
});
