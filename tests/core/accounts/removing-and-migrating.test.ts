import { describe, expect, it } from 'vitest';
import { AppController } from '../../../src/main/core/app/controller';
import { MemoryKeychain } from '../../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../../src/main/core/settings/settings-store';
import { settingsFromJson, validateSettingsPatch } from '../../../src/main/core/settings/settings';
import { makeBuckets } from '../../../src/mock-api/buckets';
import { DEMO_USER, MockFlashbackApi, OPS_USER } from '../../../src/mock-api/server';
import { currentId, waitForState, RecordingNotifier } from '../../helpers';
import { harness, secondServer, stopAfter } from './accounts-harness';

describe('quitting', () => {
  it('while an account is being added: it is not saved and nothing polls afterwards', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const second = await secondServer();
    const adding = h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    h.controller.dispose();
    expect((await adding).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second.api.stats.bucketRequests).toBe(0);
    expect(h.controller.state.settings.accounts.map((account) => account.id)).toEqual([first]);
  });
});

describe('removing an account', () => {
  it('deletes its keychain entry and its buckets, and nothing else', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (s) => s.buckets.length === 15)).accounts[1]!.id;
    await h.controller.dispatch('updateSettings', [{ shownAccount: id }]);
    const removed = await h.controller.dispatch('removeAccount', [id]);
    expect(removed.ok).toBe(true);
    const state = h.controller.state;
    expect(await h.keychain.get(`${new URL(second.url).origin}#${id}`)).toBeNull();
    expect(await h.keychain.get(`${new URL(h.api.url).origin}#${first}`)).toContain('refreshToken');
    expect(state.accounts.map((account) => account.id)).toEqual([first]);
    expect(state.buckets).toHaveLength(12);
    expect(state.buckets.every((bucket) => bucket.account === first)).toBe(true);
    expect(state).toMatchObject({ currentAccount: first, auth: { kind: 'signed-in' }, settings: { shownAccount: null } });
    expect(state.settings.accounts.map((account) => account.id)).toEqual([first]);
    // Its poller is gone too.
    const requests = second.api.stats.bucketRequests;
    await h.controller.dispatch('refresh', []);
    expect(second.api.stats.bucketRequests).toBe(requests);
  });

  it('a poll still in flight when its account is removed changes nothing afterwards', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (s) => s.buckets.length === 15)).accounts[1]!.id;
    second.api.buckets = makeBuckets(7, { seed: 9 });
    second.api.injectFault({ type: 'latency', ms: 300 });
    const refresh = h.controller.dispatch('refresh', []);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.controller.dispatch('removeAccount', [id]);
    const versionAfterRemoval = h.states.length;
    await refresh;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(h.controller.state.buckets.filter((bucket) => bucket.account === id)).toEqual([]);
    expect(h.states.slice(versionAfterRemoval).some((state) => state.buckets.some((bucket) => bucket.account === id))).toBe(false);
    expect(h.notifier.shown.filter((request) => request.account === id)).toEqual([]);
  });

  it('the first account is removed like any other, its history with it, and the app goes on with the others', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const second = await secondServer();
    h.api.setStatus(h.api.buckets[0]!.id, 'OFFLINE');
    await h.controller.dispatch('refresh', []);
    const firstKey = `${first}/${h.api.buckets[0]!.id}`;
    expect(((await h.controller.dispatch('getHistory', [firstKey])) as { value: unknown[] }).value).toHaveLength(1);
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (s) => s.buckets.length === 15)).accounts[1]!.id;
    await h.controller.dispatch('useAccount', [first]);
    await h.controller.dispatch('removeAccount', [first]);
    const state = h.controller.state;
    expect(await h.keychain.list()).toEqual([`${new URL(second.url).origin}#${id}`]);
    expect(state.buckets.map((bucket) => bucket.account)).toEqual([id, id, id]);
    expect(state).toMatchObject({ currentAccount: id, auth: { kind: 'signed-in' } });
    expect(state.settings.accounts.map((account) => account.id)).toEqual([id]);
    expect(await h.controller.dispatch('getHistory', [firstKey])).toEqual({ ok: true, value: [] });
    // The last one too: no account, the sign-in screen.
    await h.controller.dispatch('removeAccount', [id]);
    expect(h.controller.state).toMatchObject({ accounts: [], buckets: [], currentAccount: null, auth: { kind: 'signed-out' } });
    expect(await h.keychain.list()).toEqual([]);
  });
});

describe('files written by the release before', () => {
  it('come back signed in, the first account included, without a new sign-in; the old keychain entry goes', async () => {
    const api = new MockFlashbackApi();
    const url = await api.start();
    stopAfter(() => api.stop());
    const origin = new URL(url).origin;
    const keychain = new MemoryKeychain();
    const log = new MemoryLogger();
    // What that release wrote: the first account's sign-in under the origin alone, the added one under origin#id.
    const tokensOf = async (user: { email: string; password: string | null }) => {
      const body = (await (await fetch(`${url}/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }) })).json()) as { accessToken: string; refreshToken: string };
      return JSON.stringify({ v: 1, method: 'password', accessToken: body.accessToken, refreshToken: body.refreshToken, expiresAt: Date.now() + 3_600_000, email: user.email });
    };
    await keychain.set(origin, await tokensOf(DEMO_USER));
    await keychain.set(`${origin}#acc-opsaccount1`, await tokensOf(OPS_USER));
    const file = { apiBaseUrl: url, pollIntervalSeconds: 60, workspaceId: null, theme: 'dark', accounts: [{ id: 'acc-opsaccount1', apiBaseUrl: url, email: OPS_USER.email }], shownAccount: 'primary' };
    const { settings, invalid } = settingsFromJson(file);
    expect(invalid).toEqual([]);
    const store = new MemorySettingsStore(settings);
    const logins = () => api.stats.requests['POST /user/login'] ?? 0;
    const loginsBefore = logins();

    const app = new AppController({ settingsStore: store, keychain, log, notifier: new RecordingNotifier(), minRefreshGapMs: 0, newAccountId: () => 'acc-firstacct1' });
    stopAfter(() => app.dispose());
    await app.start();
    const state = await waitForState(app, (s) => s.buckets.length === 16);
    expect(state.accounts.map((account) => [account.id, account.email, account.auth])).toEqual([
      ['acc-firstacct1', DEMO_USER.email, 'signed-in'],
      ['acc-opsaccount1', OPS_USER.email, 'signed-in'],
    ]);
    expect(state.buckets.every((bucket) => bucket.account !== undefined)).toBe(true);
    expect(state).toMatchObject({ currentAccount: 'acc-firstacct1', notices: [] });
    const saved = (await store.load()).settings;
    expect(saved.accounts).toEqual([
      { id: 'acc-firstacct1', apiBaseUrl: url, email: DEMO_USER.email },
      { id: 'acc-opsaccount1', apiBaseUrl: url, email: OPS_USER.email },
    ]);
    expect(saved).toMatchObject({ shownAccount: 'acc-firstacct1', theme: 'dark' });
    expect((await keychain.list()).sort()).toEqual([`${origin}#acc-firstacct1`, `${origin}#acc-opsaccount1`]);
    expect(logins()).toBe(loginsBefore);
    app.dispose();

    // And again: nothing more to move.
    const again = new AppController({ settingsStore: store, keychain, log, minRefreshGapMs: 0, newAccountId: () => 'acc-never00001' });
    stopAfter(() => again.dispose());
    await again.start();
    const restarted = await waitForState(again, (s) => s.buckets.length === 16);
    expect(restarted.accounts.map((account) => [account.id, account.auth])).toEqual([
      ['acc-firstacct1', 'signed-in'],
      ['acc-opsaccount1', 'signed-in'],
    ]);
    expect(logins()).toBe(loginsBefore);
  });

  it('views cannot write the account list', () => {
    expect(validateSettingsPatch({ accounts: [] }).ok).toBe(false);
    expect(validateSettingsPatch({ shownAccount: 'acc-opsaccount1' }).ok).toBe(true);
  });
});
