import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { pickBanner } from '../../src/renderer/components/frame/Banner';
import { NOW, renderApp, signedInState } from './fixtures';


describe('banners, one at a time, most important first', () => {
  const base = signedInState();
  const error = { kind: 'server' as const, message: "Flashback's server had a problem (HTTP 503).", retryAt: new Date(NOW + 120_000).toISOString() };

  it('session expired beats everything and offers to sign in', () => {
    const banner = pickBanner({ ...base, auth: { kind: 'expired', message: 'Your Flashback session has ended.' }, sync: { ...base.sync, error } }, NOW);
    expect(banner).toMatchObject({ tone: 'error', text: 'Your Flashback session has ended.', action: { run: 'sign-in' } });
  });

  it('offline comes next and says what happens next', () => {
    const banner = pickBanner({ ...base, sync: { ...base.sync, phase: 'offline', error } }, NOW);
    expect(banner?.text).toBe("You're offline; this list is from 40 s ago. It refreshes as soon as you're back online.");
  });

  it('an API error says what went wrong, that the list is kept, and when it retries', () => {
    const banner = pickBanner({ ...base, sync: { ...base.sync, phase: 'error', stale: true, error } }, NOW);
    expect(banner?.text).toBe("Flashback's server had a problem (HTTP 503). Showing the list from 40 s ago. Retrying in 2 min.");
  });

  it('offers no Retry while rate-limited (asking sooner is what the server refused)', () => {
    const limited = { kind: 'rate-limited' as const, message: 'Flashback is receiving too many requests from this account.', retryAt: new Date(NOW + 60_000).toISOString() };
    expect(pickBanner({ ...base, sync: { ...base.sync, phase: 'error', error: limited } }, NOW)).toEqual({
      tone: 'error',
      text: 'Flashback is receiving too many requests from this account. Showing the list from 40 s ago. Retrying in 1 min.',
    });
  });

  it('says why a refresh was refused', async () => {
    const bridge = await renderApp();
    bridge.results.refresh = { ok: false, error: { code: 'rate-limited', message: 'Flashback asked this app to wait before asking again; it will refresh by itself.' } };
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(document.querySelector('.toast[role=alert]')!.textContent).toBe('Flashback asked this app to wait before asking again; it will refresh by itself.'));
  });

  it('a notice (e.g. settings reset) can be dismissed', () => {
    const banner = pickBanner({ ...base, notices: [{ id: 'n1', level: 'warning', message: 'Your settings file was damaged.' }] }, NOW);
    expect(banner).toMatchObject({ tone: 'warning', action: { run: 'dismiss' } });
  });

  it('stale data is marked', () => {
    expect(pickBanner({ ...base, sync: { ...base.sync, stale: true } }, NOW)?.text).toBe('This list may be out of date (from 40 s ago).');
  });

  it('a session-only keychain is said plainly', () => {
    const banner = pickBanner({ ...base, auth: { kind: 'signed-in', method: 'password', storage: 'session-only', storageProblem: 'No system keychain is running.' } }, NOW);
    expect(banner).toMatchObject({ text: 'No system keychain is running.', action: { label: 'Dismiss', run: 'hide' } });
  });

  it('an informational banner, once dismissed, stays hidden (reloads and restarts: localStorage)', async () => {
    await renderApp({ ...base, auth: { kind: 'signed-in', method: 'password', storage: 'session-only', storageProblem: 'No system keychain is running.' } });
    expect(screen.getByText('No system keychain is running.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('No system keychain is running.')).toBeNull();
    // A reload of the popover, or a restart (a new window of the same app), remembers the dismissal.
    expect(localStorage.getItem('flashback.hiddenBanners')).toContain('No system keychain is running.');
    cleanup();
    await renderApp({ ...base, auth: { kind: 'signed-in', method: 'password', storage: 'session-only', storageProblem: 'No system keychain is running.' } });
    expect(screen.queryByText('No system keychain is running.')).toBeNull();
    localStorage.clear();
  });

  it('a refused sign-in (403) offers to sign in again, not to retry forever', () => {
    const refused = { kind: 'auth' as const, message: 'Flashback refused: your account lacks the permission, or your sign-in needs its second step.', retryAt: new Date(NOW + 300_000).toISOString() };
    expect(pickBanner({ ...base, sync: { ...base.sync, phase: 'error', stale: true, error: refused } }, NOW)).toMatchObject({
      text: `${refused.message} Showing the list from 40 s ago. Sign in again; otherwise it tries again in 5 min.`,
      action: { label: 'Sign in again', run: 'sign-in' },
    });
  });

  it('no banner when all is well', () => {
    expect(pickBanner(base, NOW)).toBeUndefined();
  });

  it('the banner is an alert for errors, and its action works', async () => {
    const bridge = await renderApp({ ...base, sync: { ...base.sync, phase: 'error', error } });
    expect(screen.getByRole('alert').textContent).toContain('HTTP 503');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(bridge.commands('refresh')).toHaveLength(1);
  });

  it('dismissing a notice tells main', async () => {
    const bridge = await renderApp({ ...base, notices: [{ id: 'n1', level: 'warning', message: 'Settings were reset.' }] });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(bridge.commands('dismissNotice')).toEqual([['n1']]);
  });

  it('an expired session keeps the list and opens sign-in from the banner', async () => {
    await renderApp({ ...base, auth: { kind: 'expired', message: 'Your Flashback session has ended.', email: 'ada@example.com' }, sync: { ...base.sync, stale: true } });
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('heading', { name: 'Sign in again' })).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Back to buckets' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });
});

describe('sign-in view', () => {
  const signedOut = signedInState({ auth: { kind: 'signed-out' }, buckets: [] });

  it('signs in with email and password and shows errors inline', async () => {
    const bridge = await renderApp(signedOut);
    bridge.results.signIn = { ok: false, error: { code: 'INVALID_PASSWORD', message: 'That password is not right. Check it and try again.' } };
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('That password is not right. Check it and try again.'));
    expect(bridge.commands('signIn')).toEqual([['acc-ada0000001', 'ada@example.com', 'wrong']]);
    expect(screen.getByLabelText('Password').getAttribute('aria-describedby')).toBe('sign-in-error');
  });

  it('asks for the MFA code when the account needs it', async () => {
    const bridge = await renderApp({ ...signedOut, auth: { kind: 'mfa-required', email: 'ada@example.com', methods: ['GOOGLE_AUTH'] } });
    expect(screen.getByRole('heading', { name: 'Two-step verification' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Verification code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(bridge.commands('verifyMfa')).toEqual([['acc-ada0000001', 'GOOGLE_AUTH', '123456']]));
    fireEvent.click(screen.getByRole('button', { name: 'Use a different account' }));
    expect(bridge.commands('cancelSignIn')).toEqual([['acc-ada0000001']]);
  });

  it('accepts a pasted access token on its own tab (arrow keys switch tabs)', async () => {
    const bridge = await renderApp(signedOut);
    const passwordTab = screen.getByRole('tab', { name: 'Email & password' });
    expect(passwordTab.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(passwordTab, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Access token' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.input(screen.getByRole('textbox', { name: 'Access token' }), { target: { value: 'eyJhbGciOiJIUzI1NiJ9.payload.signature' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this token' }));
    await waitFor(() => expect(bridge.commands('signInWithToken')).toEqual([['acc-ada0000001', 'eyJhbGciOiJIUzI1NiJ9.payload.signature']]));
  });

  it('shows a keychain problem when signed out because of it', async () => {
    await renderApp({ ...signedOut, auth: { kind: 'signed-out', message: 'The system keychain refused to read your sign-in. Sign in to continue.' } });
    expect(screen.getByText(/keychain refused/)).toBeTruthy();
  });
});

describe('settings view', () => {
  it('changes settings at once and reports a refused value', async () => {
    const bridge = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.change(screen.getByLabelText('Check for changes every'), { target: { value: '300' } });
    expect(bridge.commands('updateSettings')).toEqual([[{ pollIntervalSeconds: 300 }]]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'A bucket changes status' }));
    expect(bridge.commands('updateSettings').at(-1)).toEqual([{ notifications: { statusChanged: false } }]);
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(bridge.commands('updateSettings').at(-1)).toEqual([{ theme: 'dark' }]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Open at login' }));
    expect(bridge.commands('updateSettings').at(-1)).toEqual([{ launchAtLogin: true }]);
    fireEvent.change(screen.getByLabelText('Workspace'), { target: { value: 'workspace-b' } });
    expect(bridge.commands('updateSettings').at(-1)).toEqual([{ workspaceId: 'workspace-b' }]);
    const refusal = 'The API address must start with https:// (http:// only for this computer) and hold no user name, password, query or #.';
    bridge.results.updateSettings = { ok: false, error: { code: 'INVALID_ARGUMENT', message: refusal } };
    fireEvent.input(screen.getByLabelText('Flashback API address'), { target: { value: 'ftp://nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this address' }));
    // The address is only where new sign-ins start (each account keeps its own): nothing to confirm; the refusal shows under the field.
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(refusal));
    expect(screen.getByLabelText('Flashback API address').closest('form')!.contains(screen.getByRole('alert'))).toBe(true);
  });

  it('follows the theme setting', async () => {
    const bridge = await renderApp();
    expect(document.documentElement.dataset.theme).toBe('system');
    act(() => bridge.pushState({ ...signedInState(), settings: { ...signedInState().settings, theme: 'dark' } }));
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('signs out and quits from settings', async () => {
    const bridge = await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Quit Flashback Tray' }));
    expect(bridge.commands('quit')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out of ada@example.com' }));
    expect(bridge.commands('signOut')).toEqual([['acc-ada0000001']]);
  });
});
