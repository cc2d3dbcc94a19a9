import { describe, expect, it } from 'vitest';
import { trayIconState } from '../../../src/main/core/desktop/tray-model';
import { bucketKey } from '../../../src/shared/accounts';
import { makeBuckets } from '../../../src/mock-api/buckets';
import { DEMO_USER, MFA_USER, MOCK_TOTP_CODE, OPS_USER } from '../../../src/mock-api/server';
import { currentId, waitForState } from '../../helpers';
import { harness, ofAccount, secondServer } from './accounts-harness';

describe('adding an account', () => {
  it('signs in on its own server: its own keychain entry and poller, its buckets in the one list, named by account', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const second = await secondServer();
    const added = await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    expect(added).toMatchObject({ ok: true, value: expect.stringMatching(/^acc-/) });
    const state = await waitForState(h.controller, (s) => s.buckets.length === 15);
    const other = state.accounts[1];
    expect(state.accounts[0]!.id).toBe(first);
    expect(other!.id).toMatch(/^acc-[a-z0-9]{8,24}$/);
    // The same email on two servers: each label says which server.
    expect(other!.label).toBe(`${DEMO_USER.email} (${new URL(second.url).host})`);
    expect(ofAccount(state, first)).toHaveLength(12);
    expect(ofAccount(state, other!.id).map((bucket) => bucket.id).sort()).toEqual(second.api.buckets.map((bucket) => bucket.id).sort());
    // Two entries in the keychain, each under its server's origin and its id.
    expect(await h.keychain.get(`${new URL(h.api.url).origin}#${first}`)).toContain('refreshToken');
    expect(await h.keychain.get(`${new URL(second.url).origin}#${other!.id}`)).toContain('refreshToken');
    expect(second.api.stats.bucketRequests).toBeGreaterThan(0);
    // Saved with the settings (no secret in them), both alike; the new account is the current one.
    expect(state.settings.accounts).toEqual([
      { id: first, apiBaseUrl: h.api.url, email: DEMO_USER.email },
      { id: other!.id, apiBaseUrl: second.url, email: DEMO_USER.email },
    ]);
    expect(JSON.stringify(state.settings)).not.toContain('Token');
    expect(state.currentAccount).toBe(other!.id);
  });

  it('two accounts of one workspace on one server see the same bucket: it is listed twice, each keyed by its account', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    await h.controller.dispatch('addAccount', [h.api.url, OPS_USER.email, OPS_USER.password]);
    const state = await waitForState(h.controller, (s) => s.buckets.length === 12 + 4);
    const ops = state.accounts[1]!;
    expect(ops.label).toBe(OPS_USER.email);
    const shared = h.api.buckets[0]!;
    const copies = state.buckets.filter((bucket) => bucket.id === shared.id);
    expect(copies.map(bucketKey).sort()).toEqual([`${first}/${shared.id}`, `${ops.id}/${shared.id}`].sort());
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
    const first = currentId(h.controller);
    const again = await h.controller.dispatch('addAccount', [h.api.url, DEMO_USER.email.toUpperCase(), DEMO_USER.password]);
    expect(again.ok || again.error.code).toBe('ACCOUNT_EXISTS');
    const wrong = await h.controller.dispatch('addAccount', [h.api.url, OPS_USER.email, 'not-the-password']);
    expect(wrong.ok || wrong.error.code).toBe('INVALID_PASSWORD');
    expect(h.controller.state.accounts.map((account) => account.id)).toEqual([first]);
    expect(h.controller.state.currentAccount).toBe(first);
    expect(h.controller.state.auth.kind).toBe('signed-in');
    expect(h.controller.state.settings.accounts.map((account) => account.id)).toEqual([first]);
    expect(h.controller.state.draft).toBeNull();
    expect(await h.keychain.list()).toEqual([`${new URL(h.api.url).origin}#${first}`]);
  });

  it('with a second step, the new account is a draft until the code is in; abandoning it leaves nothing', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const before = h.controller.state;
    const added = await h.controller.dispatch('addAccount', [h.api.url, MFA_USER.email, MFA_USER.password!]);
    const draft = added.ok ? added.value : '';
    expect(h.controller.state.draft).toMatchObject({ id: draft, auth: { kind: 'mfa-required' } });
    // The current account, its state and the accounts are what they were.
    expect(h.controller.state).toMatchObject({ currentAccount: first, auth: before.auth, accounts: before.accounts, buckets: before.buckets });
    expect((await h.controller.dispatch('cancelSignIn', [draft])).ok).toBe(true);
    expect(h.controller.state).toMatchObject({ draft: null, currentAccount: first, auth: before.auth, accounts: before.accounts, settings: before.settings });
    expect(await h.keychain.list()).toEqual([`${new URL(h.api.url).origin}#${first}`]);

    const again = await h.controller.dispatch('addAccount', [h.api.url, MFA_USER.email, MFA_USER.password!]);
    const verified = await h.controller.dispatch('verifyMfa', [again.ok ? again.value : '', 'GOOGLE_AUTH', MOCK_TOTP_CODE]);
    expect(verified.ok).toBe(true);
    const state = await waitForState(h.controller, (s) => s.accounts.length === 2 && s.buckets.length === 24);
    expect(state.accounts[1]).toMatchObject({ id: again.ok ? again.value : '', label: MFA_USER.email, auth: 'signed-in' });
    expect(state.draft).toBeNull();
  });

  it('by token: adds on the server typed, checked against that server, and leaves the others alone', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const second = await secondServer();
    const firstKey = await h.keychain.get(`${new URL(h.api.url).origin}#${first}`);
    h.api.resetStats();
    const added = await h.controller.dispatch('addAccountWithToken', [second.url, second.api.issueAccessToken()]);
    const id = added.ok ? added.value : '';
    const state = await waitForState(h.controller, (s) => s.buckets.length === 15);
    expect(state.accounts.map((account) => [account.id, account.apiBaseUrl, account.auth])).toEqual([
      [first, h.api.url, 'signed-in'],
      [id, second.url, 'signed-in'],
    ]);
    expect(h.api.stats.bucketRequests).toBe(0);
    expect(await h.keychain.get(`${new URL(h.api.url).origin}#${first}`)).toBe(firstKey);
    expect(JSON.parse((await h.keychain.get(`${new URL(second.url).origin}#${id}`))!)).toMatchObject({ method: 'token' });
    // A token of another server is refused, and nothing stays.
    const wrong = await h.controller.dispatch('addAccountWithToken', [second.url, h.api.issueAccessToken()]);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'TOKEN_REJECTED' } });
    expect(h.controller.state.accounts).toHaveLength(2);
    expect(h.controller.state.draft).toBeNull();
    expect(await h.keychain.list()).toHaveLength(2);
  });

  it('a bucket id with a slash, shaped like another account\'s key, never aliases that account\'s bucket', async () => {
    const h = await harness({ mock: { buckets: makeBuckets(2, { seed: 4 }) } });
    const first = currentId(h.controller);
    const shared = h.api.buckets[0]!;
    const tricky = await secondServer([{ ...shared, id: `${first}/${shared.id}`, name: 'tricky' }]);
    const added = await h.controller.dispatch('addAccountWithToken', [tricky.url, tricky.api.issueAccessToken()]);
    const id = added.ok ? added.value : '';
    const state = await waitForState(h.controller, (s) => s.buckets.length === 3);
    const keys = state.buckets.map(bucketKey);
    expect(new Set(keys).size).toBe(3);
    expect(keys).toContain(`${id}/${first}/${shared.id}`);
    const trickyView = state.buckets.find((bucket) => bucket.name === 'tricky')!;
    expect(trickyView.account).toBe(id);
    expect(state.buckets.find((bucket) => bucketKey(bucket) === `${first}/${shared.id}`)?.account).toBe(first);
  });
});

describe('accounts at work', () => {
  it('one account failing marks only that account; the others stay current and its list stays, stale', async () => {
    const h = await harness();
    const first = currentId(h.controller);
    const second = await secondServer();
    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    await waitForState(h.controller, (s) => s.buckets.length === 15);
    await h.controller.dispatch('useAccount', [first]);
    second.api.injectFault({ type: 'status', status: 500 }, 5);
    await h.controller.dispatch('refresh', []);
    const state = await waitForState(h.controller, (s) => s.accounts[1]?.problem !== undefined);
    expect(state.accounts[1]).toMatchObject({ stale: true, phase: 'error' });
    expect(state.accounts[0]!.problem).toBeUndefined();
    // Each has its own schedule: the failing account's retry is its next poll, the healthy one polls at its interval.
    await h.controller.dispatch('useAccount', [state.accounts[1]!.id]);
    const failing = h.controller.state.sync;
    expect(failing.error?.retryAt).toBe(failing.nextPollAt);
    await h.controller.dispatch('useAccount', [first]);
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
    const first = currentId(h.controller);
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
    const first = currentId(h.controller);
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
