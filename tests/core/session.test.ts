import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain, type Keychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';
import { LOGIN_MESSAGES } from '../../src/main/core/session/sign-in-errors';
import { MFA_USER, DEMO_USER } from '../../src/mock-api/server';
import { currentId, keychainKey, startHarness, waitForState, type Harness } from '../helpers';

let h: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.stop();
  h = undefined;
});

/** A keychain that fails on demand (locked, denied, missing). */
class FlakyKeychain extends MemoryKeychain {
  failReads = false;
  failWrites = false;
  override readonly storage = 'session-only' as const;
  override async get(account: string) {
    if (this.failReads) throw Object.assign(new Error('locked'), { name: 'KeychainError', message: 'The system keychain refused to read your sign-in (it may be locked or access was denied).' });
    return super.get(account);
  }
  override async set(account: string, secret: string) {
    if (this.failWrites) throw Object.assign(new Error('denied'), { name: 'KeychainError', message: 'The system keychain refused to save your sign-in (it may be locked or access was denied).' });
    return super.set(account, secret);
  }
}

/** A keychain that claims to be the OS one, so session-only fallbacks are visible. */
class PretendSystemKeychain extends FlakyKeychain {
  override readonly storage = 'session-only' as const;
}
Object.defineProperty(PretendSystemKeychain.prototype, 'storage', { get: () => 'keychain' });

describe('sign-in with email and password', () => {
  it('signs in, stores tokens in the keychain under the API origin and the account id, and polls', async () => {
    h = await startHarness();
    expect(h.controller.state.auth).toMatchObject({ kind: 'signed-in', email: DEMO_USER.email, method: 'password' });
    const stored = JSON.parse((await h.keychain.get(keychainKey(h)))!);
    expect(stored).toMatchObject({ v: 1, method: 'password', email: DEMO_USER.email });
    expect(stored.accessToken).toMatch(/^eyJ/);
    expect(stored.refreshToken).toMatch(/^rt_/);
    expect(h.controller.state.buckets).toHaveLength(12);
  });

  it.each([
    ['nobody@flashback.test', 'x', 'USER_NOT_FOUND', LOGIN_MESSAGES.USER_NOT_FOUND],
    [DEMO_USER.email, 'wrong', 'INVALID_PASSWORD', 'That password is not right. Check it and try again.'],
    ['inactive@flashback.test', 'inactive-password', 'USER_INACTIVE', "This Flashback account is not active. Ask your organisation's administrator to activate it."],
    ['oauth@flashback.test', 'whatever', 'NO_PASSWORD_SET', LOGIN_MESSAGES.NO_PASSWORD_SET],
  ])('explains a refused login for %s (%s)', async (email, password, code, message) => {
    h = await startHarness({ signIn: false });
    const result = await h.controller.dispatch('addAccount', [h.api.url, email, password]);
    expect(result).toEqual({ ok: false, error: { code, message } });
    expect(h.controller.state).toMatchObject({ auth: { kind: 'signed-out' }, accounts: [], draft: null });
    expect(await h.keychain.list()).toEqual([]);
  });

  it('explains that the server cannot be reached', async () => {
    h = await startHarness({ signIn: false });
    const url = h.api.url;
    await h.api.stop();
    const result = await h.controller.dispatch('addAccount', [url, DEMO_USER.email, DEMO_USER.password]);
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    if (!result.ok) expect(result.error.message).toMatch(/^Can't reach Flashback: .*Check your connection and try again\.$/);
  });

  it('asks for the MFA code and finishes with /mfa/verify-login', async () => {
    h = await startHarness({ signIn: false });
    const added = await h.controller.dispatch('addAccount', [h.api.url, MFA_USER.email, MFA_USER.password!]);
    const draft = added.ok ? added.value : '';
    expect(h.controller.state.draft).toEqual({ id: draft, apiBaseUrl: h.api.url, auth: { kind: 'mfa-required', email: MFA_USER.email, methods: ['GOOGLE_AUTH', 'MAGIC_LINK', 'PASSKEY'] } });
    expect(h.controller.state.accounts).toEqual([]);
    const wrong = await h.controller.dispatch('verifyMfa', [draft, 'GOOGLE_AUTH', '000000']);
    expect(wrong).toEqual({ ok: false, error: { code: 'REJECTED', message: 'Invalid verification code.' } });
    expect(h.controller.state.draft?.auth.kind).toBe('mfa-required');
    expect(await h.controller.dispatch('verifyMfa', [draft, 'GOOGLE_AUTH', '123 456'])).toEqual({ ok: true, value: undefined });
    await waitForState(h.controller, (s) => s.auth.kind === 'signed-in' && s.buckets.length === 12);
  });

  it('can abandon the code step and start over', async () => {
    h = await startHarness({ signIn: false });
    const added = await h.controller.dispatch('addAccount', [h.api.url, MFA_USER.email, MFA_USER.password!]);
    const draft = added.ok ? added.value : '';
    await h.controller.dispatch('cancelSignIn', [draft]);
    expect(h.controller.state).toMatchObject({ auth: { kind: 'signed-out' }, draft: null, accounts: [] });
    expect(await h.controller.dispatch('verifyMfa', [draft, 'GOOGLE_AUTH', '123456'])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACCOUNT' } });
  });
});

describe('staying signed in', () => {
  it('refreshes the access token before it expires, with the bearer and both body spellings', async () => {
    // Tokens that live 200 s are inside the 5-minute margin at once: the first poll renews first.
    h = await startHarness({ mock: { tokenTtlSeconds: 200 } });
    const account = keychainKey(h);
    await vi.waitFor(() => expect(h!.api.stats.requests['POST /user/refresh']).toBe(1), { timeout: 3000 });
    expect(h.api.stats.refreshBodies).toEqual(['refreshToken,refresh_token']);
    expect(h.api.stats.refreshAuthorizations).toEqual([expect.stringMatching(/^Bearer eyJ/)]);
    const oldToken = h.api.stats.refreshAuthorizations[0]!.slice('Bearer '.length);
    await vi.waitFor(async () => expect(JSON.parse((await h!.keychain.get(account))!).accessToken).not.toBe(oldToken));
    expect(h.controller.state.auth.kind).toBe('signed-in');
  });

  it('refreshes once on a 401 and retries the request', async () => {
    h = await startHarness();
    h.api.expireAccessTokens();
    await h.controller.dispatch('refresh', []);
    const state = await waitForState(h.controller, (s) => !s.sync.inFlight);
    expect(state.sync.phase).toBe('idle');
    expect(h.api.stats.requests['POST /user/refresh']).toBe(1);
  });

  it('ends the session with a reason when the refresh is rejected, keeps the list and stops polling', async () => {
    h = await startHarness();
    const ids = h.controller.state.buckets.map((b) => b.id);
    h.api.expireAccessTokens();
    h.api.revokeRefreshTokens();
    await h.controller.dispatch('refresh', []);
    const state = await waitForState(h.controller, (s) => s.auth.kind === 'expired');
    expect(state.auth).toEqual({ kind: 'expired', message: 'Your Flashback session has ended. Sign in again to resume updates.', email: DEMO_USER.email });
    expect(state.buckets.map((b) => b.id)).toEqual(ids);
    expect(state.sync.stale).toBe(true);
    expect(state.sync.nextPollAt).toBeUndefined();
    expect(h.notifier.shown).toEqual([expect.objectContaining({ title: 'Flashback Tray: please sign in again', view: 'sign-in' })]);
    expect(await h.keychain.get(keychainKey(h))).toBeNull();
    const requests = h.api.stats.bucketRequests;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.api.stats.bucketRequests).toBe(requests);
  });

  it('restores a saved session after a restart, without signing in again', async () => {
    h = await startHarness();
    h.controller.dispose();
    const restarted = new AppController({
      settingsStore: new MemorySettingsStore(h.controller.state.settings),
      keychain: h.keychain,
      log: new MemoryLogger(),
      random: () => 0.5,
    });
    h.api.resetStats();
    await restarted.start();
    const state = await waitForState(restarted, (s) => s.buckets.length === 12);
    expect(state.auth).toMatchObject({ kind: 'signed-in', email: DEMO_USER.email });
    expect(h.api.stats.requests['POST /user/login']).toBeUndefined();
    restarted.dispose();
  });
});

describe('paste a token', () => {
  it('validates a pasted token with one request before storing it', async () => {
    h = await startHarness({ signIn: false });
    const token = h.api.issueAccessToken();
    h.api.resetStats();
    expect(await h.controller.dispatch('addAccountWithToken', [h.api.url, `Bearer ${token}`])).toMatchObject({ ok: true });
    expect(h.controller.state.auth).toMatchObject({ kind: 'signed-in', method: 'token' });
    expect(h.controller.state.buckets).toHaveLength(12);
    expect(h.api.stats.bucketRequests).toBe(1);
    expect(JSON.parse((await h.keychain.get(keychainKey(h)))!)).toMatchObject({ method: 'token', accessToken: token });
  });

  it('refuses a bad token with a clear message and stores nothing', async () => {
    h = await startHarness({ signIn: false });
    const result = await h.controller.dispatch('addAccountWithToken', [h.api.url, 'eyJhbGciOiJub25lIn0.e30.not-a-real-token']);
    expect(result).toEqual({ ok: false, error: { code: 'TOKEN_REJECTED', message: 'Flashback did not accept this token. Copy a fresh one from the web app and try again.' } });
    expect(h.controller.state).toMatchObject({ auth: { kind: 'signed-out' }, accounts: [], draft: null });
    expect(await h.keychain.list()).toEqual([]);
  });

  it('refuses text that is not a token before any request', async () => {
    h = await startHarness({ signIn: false });
    h.api.resetStats();
    const result = await h.controller.dispatch('addAccountWithToken', [h.api.url, 'hello world']);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(h.api.stats.bucketRequests).toBe(0);
  });

  it('expires a pasted token the server stops accepting', async () => {
    h = await startHarness({ signIn: false });
    await h.controller.dispatch('addAccountWithToken', [h.api.url, h.api.issueAccessToken()]);
    h.api.expireAccessTokens();
    await h.controller.dispatch('refresh', []);
    const state = await waitForState(h.controller, (s) => s.auth.kind === 'expired');
    expect(state.auth).toMatchObject({ message: 'Flashback no longer accepts your pasted access token. Paste a new one or sign in with your password.' });
  });
});

describe('sign out', () => {
  it('logs out at the server and removes the keychain item', async () => {
    h = await startHarness();
    const key = keychainKey(h);
    expect(await h.controller.dispatch('signOut', [currentId(h.controller)])).toEqual({ ok: true, value: undefined });
    expect(h.controller.state.auth.kind).toBe('signed-out');
    expect(h.controller.state.buckets).toEqual([]);
    expect(await h.keychain.get(key)).toBeNull();
    await vi.waitFor(() => expect(h!.api.stats.requests['POST /user/logout']).toBe(1));
  });

  it('works offline too', async () => {
    h = await startHarness();
    const account = keychainKey(h);
    await h.api.stop();
    expect(await h.controller.dispatch('signOut', [currentId(h.controller)])).toEqual({ ok: true, value: undefined });
    expect(h.controller.state.auth.kind).toBe('signed-out');
    expect(await h.keychain.get(account)).toBeNull();
  });
});

describe('a keychain that fails', () => {
  it('keeps the sign-in in memory and says it will not survive a restart', async () => {
    const keychain = new PretendSystemKeychain();
    keychain.failWrites = true;
    h = await startHarness({ keychain: keychain as Keychain });
    expect(h.controller.state.auth).toMatchObject({
      kind: 'signed-in',
      storage: 'session-only',
      storageProblem: 'The system keychain refused to save your sign-in (it may be locked or access was denied). Your sign-in will not survive a restart.',
    });
    expect(h.controller.state.buckets).toHaveLength(12);
  });

  it('starts signed out with a message, and removes the item, when the saved sign-in is garbage', async () => {
    const keychain = new MemoryKeychain();
    h = await startHarness({ signIn: false, keychain });
    const saved = { id: 'acc-garbage01', apiBaseUrl: h.api.url, email: DEMO_USER.email };
    const account = `${new URL(h.api.url).origin}#${saved.id}`;
    await keychain.set(account, '{"v":1,"accessTok');
    h.controller.dispose();
    const restarted = new AppController({ settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, apiBaseUrl: h.api.url, accounts: [saved] }), keychain, log: new MemoryLogger() });
    await restarted.start();
    expect(restarted.state.auth).toEqual({ kind: 'signed-out', message: 'Your saved sign-in could not be read. Sign in again to continue.' });
    expect(await keychain.get(account)).toBeNull();
    restarted.dispose();
  });

  it('starts signed out with a message when the keychain cannot be read', async () => {
    const keychain = new PretendSystemKeychain();
    keychain.failReads = true;
    h = await startHarness({ keychain: keychain as Keychain, signIn: false, settings: { accounts: [{ id: 'acc-unreadable', apiBaseUrl: 'http://127.0.0.1:9', email: DEMO_USER.email }] } });
    expect(h.controller.state.auth).toEqual({
      kind: 'signed-out',
      message: 'The system keychain refused to read your sign-in (it may be locked or access was denied). Sign in to continue.',
    });
  });
});
