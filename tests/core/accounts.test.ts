import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { settingsFromJson, validateSettingsPatch } from '../../src/main/core/settings/settings';
import { trayIconState } from '../../src/main/core/desktop/tray-model';
import { bucketKey, PRIMARY_ACCOUNT } from '../../src/shared/accounts';
import { DEFAULT_SETTINGS, type AppState } from '../../src/shared/contract';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MFA_USER, MOCK_TOTP_CODE, MockFlashbackApi, OPS_USER } from '../../src/mock-api/server';
import { startHarness, waitForState, RecordingNotifier, type Harness } from '../helpers';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  stops.push(() => h.stop());
  return h;
}

async function secondServer(buckets = makeBuckets(3, { seed: 5 })): Promise<{ api: MockFlashbackApi; url: string }> {
  const api = new MockFlashbackApi({ buckets });
  const url = await api.start();
  stops.push(() => api.stop());
  return { api, url };
}

const ofAccount = (state: AppState, account: string | undefined) => state.buckets.filter((bucket) => bucket.account === account);

describe('adding an account', () => {
  it('signs in on its own server: its own keychain entry and poller, its buckets in the one list, named by account', async () => {
    const h = await harness();
    const second = await secondServer();
    const added = await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    expect(added).toEqual({ ok: true, value: undefined });
    const state = await waitForState(h.controller, (s) => s.buckets.length === 15);
    const [first, other] = state.accounts;
    expect(first!.id).toBe(PRIMARY_ACCOUNT);
    expect(other!.id).toMatch(/^acc-[a-z0-9]{8,24}$/);
    // The same email on two servers: each label says which server.
    expect(other!.label).toBe(`${DEMO_USER.email} (${new URL(second.url).host})`);
    expect(ofAccount(state, undefined)).toHaveLength(12);
    expect(ofAccount(state, other!.id).map((bucket) => bucket.id).sort()).toEqual(second.api.buckets.map((bucket) => bucket.id).sort());
    // Two entries in the keychain: the first account's under its origin (as always), the new one's under origin and id.
    expect(await h.keychain.get(new URL(h.api.url).origin)).toContain('refreshToken');
    expect(await h.keychain.get(`${new URL(second.url).origin}#${other!.id}`)).toContain('refreshToken');
    expect(second.api.stats.bucketRequests).toBeGreaterThan(0);
    // Saved with the settings (no secret in them), and the first account stays the current one.
    expect(state.settings.accounts).toEqual([{ id: other!.id, apiBaseUrl: second.url, email: DEMO_USER.email }]);
    expect(JSON.stringify(state.settings)).not.toContain('Token');
    expect(state.currentAccount).toBe(other!.id);
  });

  it('two accounts of one workspace on one server see the same bucket: it is listed twice, each keyed by its account', async () => {
    const h = await harness();
    await h.controller.dispatch('addAccount', [h.api.url, OPS_USER.email, OPS_USER.password]);
    const state = await waitForState(h.controller, (s) => s.buckets.length === 12 + 4);
    const ops = state.accounts[1]!;
    expect(ops.label).toBe(OPS_USER.email);
    const shared = h.api.buckets[0]!;
    const copies = state.buckets.filter((bucket) => bucket.id === shared.id);
    expect(copies.map(bucketKey).sort()).toEqual([shared.id, `${ops.id}/${shared.id}`].sort());
    // Each key finds its own account's bucket (web-app links and history go by key).
    await h.controller.dispatch('updateSettings', [{ webAppBucketUrl: 'https://app.flashback.tech/buckets/{id}' }]);
    const opened: string[] = [];
    const withShell = h.controller as unknown as { options: { shell?: object } };
    withShell.options.shell = { hidePopover() {}, quit() {}, openExternal: (url: string) => void opened.push(url) };
    expect((await h.controller.dispatch('openInWebApp', [`${ops.id}/${ops.id}`])).ok).toBe(false);
    expect((await h.controller.dispatch('openInWebApp', [`${ops.id}/${shared.id}`])).ok).toBe(true);
    expect((await h.controller.dispatch('openInWebApp', [`${ops.id}/${h.api.buckets[1]!.id}`])).ok).toBe(false);
    expect(opened).toEqual([`https://app.flashback.tech/buckets/${shared.id}`]);
  });

  it('refuses an account that is already there, and a wrong password leaves nothing behind', async () => {
    const h = await harness();
    const again = await h.controller.dispatch('addAccount', [h.api.url, DEMO_USER.email.toUpperCase(), DEMO_USER.password]);
    expect(again.ok || again.error.code).toBe('ACCOUNT_EXISTS');
    const wrong = await h.controller.dispatch('addAccount', [h.api.url, OPS_USER.email, 'not-the-password']);
    expect(wrong.ok || wrong.error.code).toBe('INVALID_PASSWORD');
    expect(h.controller.state.accounts.map((account) => account.id)).toEqual([PRIMARY_ACCOUNT]);
    expect(h.controller.state.currentAccount).toBe(PRIMARY_ACCOUNT);
    expect(h.controller.state.auth.kind).toBe('signed-in');
    expect(h.controller.state.settings.accounts).toEqual([]);
  });

  it('with a second step, the new account is current until the code is in; starting over drops it', async () => {
    const h = await harness();
    await h.controller.dispatch('addAccount', [h.api.url, MFA_USER.email, MFA_USER.password!]);
    expect(h.controller.state.auth.kind).toBe('mfa-required');
    const pendingId = h.controller.state.currentAccount;
    expect(h.controller.state.accounts.map((account) => account.id)).toEqual([PRIMARY_ACCOUNT]);
    await h.controller.dispatch('signOut', []);
    expect(h.controller.state.currentAccount).toBe(PRIMARY_ACCOUNT);
    expect(h.controller.state.auth.kind).toBe('signed-in');
    expect(await h.keychain.get(`${new URL(h.api.url).origin}#${pendingId}`)).toBeNull();

    await h.controller.dispatch('addAccount', [h.api.url, MFA_USER.email, MFA_USER.password!]);
    const verified = await h.controller.dispatch('verifyMfa', ['GOOGLE_AUTH', MOCK_TOTP_CODE]);
    expect(verified.ok).toBe(true);
    const state = await waitForState(h.controller, (s) => s.accounts.length === 2 && s.buckets.length === 24);
    expect(state.accounts[1]).toMatchObject({ label: MFA_USER.email, auth: 'signed-in' });
  });
});

describe('accounts at work', () => {
  it('one account failing marks only that account; the others stay current and its list stays, stale', async () => {
    const h = await harness();
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    await waitForState(h.controller, (s) => s.buckets.length === 15);
    await h.controller.dispatch('useAccount', [PRIMARY_ACCOUNT]);
    second.api.injectFault({ type: 'status', status: 500 }, 5);
    await h.controller.dispatch('refresh', []);
    const state = await waitForState(h.controller, (s) => s.accounts[1]?.problem !== undefined);
    expect(state.accounts[1]).toMatchObject({ stale: true, phase: 'error' });
    expect(state.accounts[0]!.problem).toBeUndefined();
    // Each has its own schedule: the failing account's retry is its next poll, the healthy one polls at its interval.
    await h.controller.dispatch('useAccount', [state.accounts[1]!.id]);
    const failing = h.controller.state.sync;
    expect(failing.error?.retryAt).toBe(failing.nextPollAt);
    await h.controller.dispatch('useAccount', [PRIMARY_ACCOUNT]);
    const healthy = h.controller.state.sync;
    expect(healthy.error).toBeUndefined();
    // Two reads of the real clock (the poll's end, the list's apply a turn later): equal to the interval within a few ms.
    expect(Date.parse(healthy.nextPollAt!) - Date.parse(healthy.lastSuccessAt!)).toBeGreaterThan(60_000 - 50);
    expect(Date.parse(healthy.nextPollAt!) - Date.parse(healthy.lastSuccessAt!)).toBeLessThanOrEqual(60_000);
    expect(state.sync.error).toBeUndefined();
    expect(state.buckets).toHaveLength(15);
    // The log says whose poll failed.
    expect(h.log.lines.some((line) => line.includes(`[${state.accounts[1]!.id}] poll failed: server`))).toBe(true);
    // The tray says something is wrong even though the current account is fine.
    expect(trayIconState(state)).toBe('error');
  });

  it('sleep pauses every account and waking polls every account at once', async () => {
    const h = await harness();
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    await waitForState(h.controller, (s) => s.buckets.length === 15);
    h.controller.pause('sleep');
    expect(h.controller.state.accounts.map((account) => account.phase)).toEqual(['paused', 'paused']);
    const before = [h.api.stats.bucketRequests, second.api.stats.bucketRequests];
    h.controller.resume('sleep');
    await waitForState(h.controller, () => h.api.stats.bucketRequests > before[0]! && second.api.stats.bucketRequests > before[1]!);
  });

  it('notifications say which account a change belongs to', async () => {
    const h = await harness();
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (s) => s.buckets.length === 15)).accounts[1]!.id;
    second.api.buckets = second.api.buckets.map((bucket, index) => (index === 0 ? { ...bucket, status: 'DISCONNECTED' } : bucket));
    await h.controller.dispatch('refresh', []);
    const shown = h.notifier.shown.at(-1)!;
    expect(shown.body.split('\n').at(-1)).toBe(`${DEMO_USER.email} (${new URL(second.url).host})`);
    expect(shown.bucketId).toBe(`${id}/${second.api.buckets[0]!.id}`);
  });
});

describe('quitting', () => {
  it('while an account is being added: it is not saved and nothing polls afterwards', async () => {
    const h = await harness();
    const second = await secondServer();
    const adding = h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    h.controller.dispose();
    expect((await adding).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second.api.stats.bucketRequests).toBe(0);
    expect(h.controller.state.settings.accounts).toEqual([]);
  });
});

describe('removing an account', () => {
  it('deletes its keychain entry and its buckets, and nothing else', async () => {
    const h = await harness();
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (s) => s.buckets.length === 15)).accounts[1]!.id;
    await h.controller.dispatch('updateSettings', [{ shownAccount: id }]);
    const removed = await h.controller.dispatch('removeAccount', [id]);
    expect(removed.ok).toBe(true);
    const state = h.controller.state;
    expect(await h.keychain.get(`${new URL(second.url).origin}#${id}`)).toBeNull();
    expect(await h.keychain.get(new URL(h.api.url).origin)).toContain('refreshToken');
    expect(state.accounts.map((account) => account.id)).toEqual([PRIMARY_ACCOUNT]);
    expect(state.buckets).toHaveLength(12);
    expect(state.buckets.every((bucket) => bucket.account === undefined)).toBe(true);
    expect(state).toMatchObject({ currentAccount: PRIMARY_ACCOUNT, auth: { kind: 'signed-in' }, settings: { accounts: [], shownAccount: null } });
    // Its poller is gone too.
    const requests = second.api.stats.bucketRequests;
    await h.controller.dispatch('refresh', []);
    expect(second.api.stats.bucketRequests).toBe(requests);
  });

  it('a poll still in flight when its account is removed changes nothing afterwards', async () => {
    const h = await harness();
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

  it('the first account is signed out, and the app goes on with the others', async () => {
    const h = await harness();
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (s) => s.buckets.length === 15)).accounts[1]!.id;
    await h.controller.dispatch('useAccount', [PRIMARY_ACCOUNT]);
    await h.controller.dispatch('removeAccount', [PRIMARY_ACCOUNT]);
    const state = h.controller.state;
    expect(await h.keychain.get(new URL(h.api.url).origin)).toBeNull();
    expect(state.buckets.map((bucket) => bucket.account)).toEqual([id, id, id]);
    expect(state).toMatchObject({ currentAccount: id, auth: { kind: 'signed-in' } });
    expect(state.settings.apiBaseUrl).toBe(h.api.url);
  });
});

describe('settings from before several accounts', () => {
  it('migrate without a new sign-in, and every account comes back after a restart', async () => {
    const api = new MockFlashbackApi();
    const url = await api.start();
    stops.push(() => api.stop());
    const keychain = new MemoryKeychain();
    const log = new MemoryLogger();
    // A settings file as the single-account version wrote it, and its keychain entry.
    const { settings, invalid } = settingsFromJson({ apiBaseUrl: url, pollIntervalSeconds: 60, workspaceId: null, theme: 'dark' });
    expect(invalid).toEqual([]);
    expect(settings).toMatchObject({ accounts: [], shownAccount: null });
    const store = new MemorySettingsStore(settings);
    const first = new AppController({ settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: url }), keychain, log, minRefreshGapMs: 0 });
    await first.start();
    await first.dispatch('signIn', [DEMO_USER.email, DEMO_USER.password]);
    first.dispose();

    const notifier = new RecordingNotifier();
    const app = new AppController({ settingsStore: store, keychain, log, notifier, minRefreshGapMs: 0, newAccountId: () => 'acc-opsaccount1' });
    stops.push(() => app.dispose());
    await app.start();
    expect(app.state.auth).toMatchObject({ kind: 'signed-in', email: DEMO_USER.email });
    await app.dispatch('addAccount', [url, OPS_USER.email, OPS_USER.password]);
    await waitForState(app, (s) => s.buckets.length === 16);
    expect((await store.load()).settings.accounts).toEqual([{ id: 'acc-opsaccount1', apiBaseUrl: url, email: OPS_USER.email }]);
    await app.dispatch('updateSettings', [{ shownAccount: 'acc-opsaccount1' }]);
    app.dispose();

    const again = new AppController({ settingsStore: store, keychain, log, minRefreshGapMs: 0 });
    stops.push(() => again.dispose());
    await again.start();
    const state = await waitForState(again, (s) => s.buckets.length === 16);
    expect(state.accounts.map((account) => [account.id, account.auth])).toEqual([
      [PRIMARY_ACCOUNT, 'signed-in'],
      ['acc-opsaccount1', 'signed-in'],
    ]);
    // The account the list showed is the current one again.
    expect(state).toMatchObject({ currentAccount: 'acc-opsaccount1', auth: { kind: 'signed-in', email: OPS_USER.email } });
  });

  it('a broken account list in the file falls back to none (the first account is untouched); views cannot write it', () => {
    const { settings, invalid } = settingsFromJson({ apiBaseUrl: 'https://backend.flashback.tech', accounts: [{ id: 'acc-x', apiBaseUrl: 'ftp://x', email: 'a@b' }], shownAccount: 'nobody' });
    expect(invalid.sort()).toEqual(['accounts', 'shownAccount']);
    expect(settings).toMatchObject({ apiBaseUrl: 'https://backend.flashback.tech', accounts: [], shownAccount: null });
    expect(validateSettingsPatch({ accounts: [] }).ok).toBe(false);
    expect(validateSettingsPatch({ shownAccount: 'acc-opsaccount1' }).ok).toBe(true);
    expect(validateSettingsPatch({ shownAccount: 'primary' }).ok).toBe(true);
  });
});
