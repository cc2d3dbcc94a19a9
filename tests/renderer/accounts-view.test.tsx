import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountState } from '../../src/shared/accounts';
import { pickBanner } from '../../src/renderer/components/frame/Banner';
import { bucket, NOW, renderApp, signedInState } from './fixtures';

afterEach(cleanup);

const ops: AccountState = { id: 'acc-opsaccount1', label: 'ops@example.com', apiBaseUrl: 'https://backend.flashback.tech', email: 'ops@example.com', auth: 'signed-in', phase: 'idle', stale: false };

/** Two accounts: ada's three buckets (the fixture's) and ops's two, one of them the same bucket as ada's Alpha. */
function twoAccounts(opsOverrides: Partial<AccountState> = {}) {
  const base = signedInState();
  return signedInState({
    accounts: [...base.accounts, { ...ops, ...opsOverrides }],
    buckets: [...base.buckets.map((each) => ({ ...each, account: 'acc-ada0000001' })), bucket('a', { name: 'Alpha', account: ops.id }), bucket('d', { name: 'Delta', account: ops.id, workspaceId: 'workspace-ops' })],
  });
}

describe('several accounts in the popover', () => {
  it('names the account on every row, and the header menu shows one account or all', async () => {
    const bridge = await renderApp(twoAccounts());
    const list = screen.getByRole('list', { name: 'Available buckets, 5' });
    const alphas = within(list).getAllByRole('listitem').filter((row) => row.getAttribute('aria-label')?.startsWith('Alpha'));
    expect(alphas.map((row) => row.getAttribute('aria-label'))).toEqual(['Alpha, ONLINE, ada@example.com', 'Alpha, ONLINE, ops@example.com']);
    expect(alphas.map((row) => row.dataset.bucketId)).toEqual(['acc-ada0000001/a', `${ops.id}/a`]);
    fireEvent.click(screen.getByRole('button', { name: 'Accounts: showing All accounts' }));
    fireEvent.click(screen.getByRole('menuitemradio', { name: /ops@example\.com/ }));
    expect(bridge.commands('updateSettings').at(-1)).toEqual([{ shownAccount: ops.id }]);
    expect(bridge.commands('useAccount').at(-1)).toEqual([ops.id]);
    act(() => bridge.pushState({ ...twoAccounts(), settings: { ...twoAccounts().settings, shownAccount: ops.id } }));
    const only = screen.getByRole('list', { name: 'Available buckets, 2' });
    // One account shown: its rows need no name.
    expect(within(only).getAllByRole('listitem').map((row) => row.getAttribute('aria-label'))).toEqual(['Alpha, ONLINE', 'Delta, ONLINE']);
  });

  it('history and the web app go by the bucket key, so the same bucket in two accounts stays apart', async () => {
    const state = twoAccounts();
    const bridge = await renderApp({ ...state, settings: { ...state.settings, webAppBucketUrl: 'https://app.example/buckets/{id}' } });
    const row = screen.getByRole('listitem', { name: 'Alpha, ONLINE, ops@example.com' });
    fireEvent.click(within(row).getByRole('link', { name: 'Open Alpha in the web app' }));
    expect(bridge.commands('openInWebApp').at(-1)).toEqual([`${ops.id}/a`]);
    fireEvent.click(within(row).getByRole('button', { name: 'Details of Alpha' }));
    await waitFor(() => expect(bridge.commands('getHistory').at(-1)).toEqual([`${ops.id}/a`]));
    expect(bridge.commands('getBucketNodes')).toEqual([[`${ops.id}/a`]]);
  });

  it('Settings lists the accounts: "Sign in" makes that account current and opens the sign-in; "Remove" names the account', async () => {
    const bridge = await renderApp(twoAccounts({ auth: 'expired', problem: 'Your session ended.' }));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const accounts = screen.getByRole('group', { name: 'Accounts' });
    fireEvent.click(within(accounts).getByRole('button', { name: 'Remove ops@example.com' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(bridge.commands('removeAccount')).toEqual([[ops.id]]);
    fireEvent.click(within(accounts).getByRole('button', { name: 'Sign in to ops@example.com' }));
    expect(bridge.commands('useAccount')).toEqual([[ops.id]]);
    await waitFor(() => expect(screen.getByRole('heading', { name: /Sign in/ })).toBeTruthy());
  });

  it('adding an account: the form, then the draft\'s second step (the current account untouched); cancelling drops the draft', async () => {
    const bridge = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Accounts: showing ada@example.com' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Add account…' }));
    const form = screen.getByRole('form', { name: 'Add an account' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Email' }), { target: { value: 'ops@example.com' } });
    fireEvent.input(within(form).getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.submit(form);
    await waitFor(() => expect(bridge.commands('addAccount')).toEqual([['https://backend.flashback.tech', 'ops@example.com', 'secret']]));
    // The account being added is a draft with a second step; the current account is as it was.
    const draft = { id: 'acc-pending0001', apiBaseUrl: 'https://backend.flashback.tech', auth: { kind: 'mfa-required' as const, email: 'ops@example.com', methods: ['GOOGLE_AUTH' as const] } };
    act(() => bridge.pushState(signedInState({ draft })));
    expect(screen.getByRole('heading', { name: 'Two-step verification' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Verification code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(bridge.commands('verifyMfa')).toEqual([['acc-pending0001', 'GOOGLE_AUTH', '123456']]));
    fireEvent.click(screen.getByRole('button', { name: 'Use a different account' }));
    expect(bridge.commands('cancelSignIn')).toEqual([['acc-pending0001']]);
    expect(bridge.commands('removeAccount')).toEqual([]);
  });

  it('adding by token: the token goes to the server typed', async () => {
    const bridge = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Accounts: showing ada@example.com' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Add account…' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Server' }), { target: { value: 'https://staging.example.com' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Access token' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Access token' }), { target: { value: 'eyJhbGciOiJIUzI1NiJ9.payload.signature' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Add an account with an access token' }));
    await waitFor(() => expect(bridge.commands('addAccountWithToken')).toEqual([['https://staging.example.com', 'eyJhbGciOiJIUzI1NiJ9.payload.signature']]));
    expect(bridge.commands('signInWithToken')).toEqual([]);
  });

  it('every account, the first too, can be removed or signed out from Settings', async () => {
    const bridge = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const accounts = screen.getByRole('group', { name: 'Accounts' });
    fireEvent.click(within(accounts).getByRole('button', { name: 'Remove ada@example.com' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(bridge.commands('removeAccount')).toEqual([['acc-ada0000001']]);
    fireEvent.click(within(accounts).getByRole('button', { name: 'Sign out of ada@example.com' }));
    expect(bridge.commands('signOut')).toEqual([['acc-ada0000001']]);
  });

  it('Remove asks first, in place: the focus moves to it, it says what goes and what stays; Escape and Cancel keep the account', async () => {
    const bridge = await renderApp(twoAccounts());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const accounts = screen.getByRole('group', { name: 'Accounts' });
    fireEvent.click(within(accounts).getByRole('button', { name: 'Remove ops@example.com' }));
    const question = screen.getByRole('alertdialog', { name: /^Remove ops@example\.com\s?\?/ });
    expect(question.textContent).toMatch(/saved sign-in is deleted from this computer’s keychain/);
    expect(question.textContent).toMatch(/stay on Flashback/);
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Remove' })));
    expect(bridge.commands('removeAccount')).toEqual([]);
    // Escape steps back from the question only: Settings stays open, the focus goes back to Remove.
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('group', { name: 'Accounts' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove ops@example.com' })));
    fireEvent.click(screen.getByRole('button', { name: 'Remove ops@example.com' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(bridge.commands('removeAccount')).toEqual([]);
    expect(bridge.commands('hidePopover')).toEqual([]);
  });

  it('a problem of another account gets its own banner, named, and its "Sign in" is for that account', () => {
    const banner = pickBanner(twoAccounts({ auth: 'expired', problem: 'Your session ended. Sign in again.' }), NOW);
    expect(banner).toMatchObject({ text: 'ops@example.com: Your session ended. Sign in again.', action: { run: 'sign-in' }, account: ops.id });
    const own = signedInState({ accounts: twoAccounts().accounts, sync: { ...signedInState().sync, error: { kind: 'server', message: 'Flashback had a problem.' } } });
    expect(pickBanner(own, NOW)?.text).toMatch(/^ada@example\.com: Flashback had a problem\./);
    expect(pickBanner(signedInState(), NOW)).toBeUndefined();
  });
});
