import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInState } from './fixtures';

const signedOut = signedInState({ auth: { kind: 'signed-out' }, buckets: [] });
const mfa = (methods: Array<'GOOGLE_AUTH' | 'MAGIC_LINK' | 'PASSKEY'>, magicLinkSent?: boolean) =>
  signedInState({ buckets: [], auth: { kind: 'mfa-required', email: 'ada@example.com', methods, ...(magicLinkSent ? { magicLinkSent } : {}) } });

describe('the second sign-in step', () => {
  it('offers the account’s methods, primary first, and sends the authenticator code with its type', async () => {
    const bridge = await renderApp(mfa(['GOOGLE_AUTH', 'MAGIC_LINK']));
    expect((screen.getByRole('radio', { name: 'Authenticator app' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.input(screen.getByLabelText('Verification code'), { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(bridge.commands('verifyMfa')).toEqual([['acc-ada0000001', 'GOOGLE_AUTH', '123 456']]));
  });

  it('keeps the user on the code step with the server’s message after a wrong code', async () => {
    const bridge = await renderApp(mfa(['GOOGLE_AUTH']));
    bridge.results.verifyMfa = { ok: false, error: { code: 'REJECTED', message: 'Invalid verification code.' } };
    fireEvent.input(screen.getByLabelText('Verification code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Invalid verification code.'));
    expect(screen.getByLabelText('Verification code').getAttribute('aria-describedby')).toBe('mfa-error');
  });

  it('mails a magic link, then takes the pasted link', async () => {
    const bridge = await renderApp(mfa(['MAGIC_LINK']));
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    await waitFor(() => expect(bridge.commands('sendMagicLink')).toEqual([['acc-ada0000001']]));
    bridge.pushState(mfa(['MAGIC_LINK'], true));
    const field = await screen.findByLabelText('Link or code from the email');
    fireEvent.input(field, { target: { value: 'https://app.example/verify?token=ml_0123456789' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(bridge.commands('verifyMfa')).toEqual([['acc-ada0000001', 'MAGIC_LINK', 'https://app.example/verify?token=ml_0123456789']]));
    expect(screen.getByRole('button', { name: 'Send another link' })).toBeTruthy();
  });

  it('says passkeys are not supported yet and offers the other methods', async () => {
    await renderApp(mfa(['PASSKEY', 'GOOGLE_AUTH']));
    expect(screen.getByTestId('passkey-note').textContent).toContain('Passkeys are not supported in the tray app yet');
    expect(screen.getByLabelText('Verification code')).toBeTruthy();
  });

  it('explains what to do when a passkey is the only method', async () => {
    await renderApp(mfa(['PASSKEY']));
    expect(screen.getByTestId('passkey-note').textContent).toMatch(/Add an authenticator app or email links .* paste an access token/);
    expect(screen.queryByRole('button', { name: 'Verify' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Use a different account' })).toBeTruthy();
  });
});

describe('an account without a password', () => {
  it('offers to email a link to set one (NO_PASSWORD_SET)', async () => {
    const bridge = await renderApp(signedOut);
    bridge.results.signIn = { ok: false, error: { code: 'NO_PASSWORD_SET', message: 'This account was made with Google, GitHub or Microsoft sign-in.' } };
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'anything' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Email me a link to set a password' }));
    await waitFor(() => expect(bridge.commands('requestPasswordReset')).toEqual([['https://backend.flashback.tech', 'ada@example.com']]));
    expect(await screen.findByText(/sent a password reset link to ada@example.com/)).toBeTruthy();
  });
});
