import { focusOnMount } from '../../focus';
import { useState } from 'preact/hooks';
import type { AuthState, CommandResult, SupportedMfaMethod } from '../../../shared/contract';

type MfaAuth = Extract<AuthState, { kind: 'mfa-required' }>;

interface SecondStepViewProps {
  auth: MfaAuth;
  verifyMfa(method: SupportedMfaMethod, code: string): Promise<CommandResult>;
  sendMagicLink(): Promise<CommandResult>;
  /** Abandons the sign-in waiting for its second step. */
  startOver(): void;
}

const LABELS: Record<SupportedMfaMethod, string> = { GOOGLE_AUTH: 'Authenticator app', MAGIC_LINK: 'Email link' };

/**
 * The second step of a sign-in, as the account allows it: a 6-digit authenticator code, or a
 * link mailed by Flashback whose address (or code) the user pastes. Passkeys need the
 * browser's WebAuthn, which the tray app does not offer yet: it says so and offers the rest.
 */
export function SecondStepView({ auth, verifyMfa, sendMagicLink, startOver }: SecondStepViewProps) {
  const supported = auth.methods.filter((method): method is SupportedMfaMethod => method !== 'PASSKEY');
  const hasPasskey = auth.methods.includes('PASSKEY');
  const [method, setMethod] = useState<SupportedMfaMethod | undefined>(supported[0]);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<CommandResult>, keepInput = false) {
    setBusy(true);
    setError(undefined);
    const result = await action();
    setBusy(false);
    if (!result.ok) setError(result.error.message);
    else if (!keepInput) setCode('');
  }

  const errorLine = error ? (
    <p class="form-error" role="alert" id="mfa-error">
      {error}
    </p>
  ) : null;

  return (
    <section class="panel" aria-labelledby="mfa-title">
      <h2 id="mfa-title">Two-step verification</h2>
      {hasPasskey ? (
        <p class="muted" data-testid="passkey-note">
          Passkeys are not supported in the tray app yet.{' '}
          {supported.length ? 'Confirm this sign-in another way:' : 'Add an authenticator app or email links to your account in the Flashback web app, or paste an access token instead.'}
        </p>
      ) : null}
      {supported.length > 1 ? (
        <fieldset class="choice">
          <legend>Confirm with</legend>
          {supported.map((value) => (
            <label key={value} class="check">
              <input
                type="radio"
                name="mfa-method"
                value={value}
                checked={method === value}
                onChange={() => {
                  setMethod(value);
                  setError(undefined);
                  setCode('');
                }}
              />
              {LABELS[value]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {method === 'GOOGLE_AUTH' ? (
        <form aria-label="Confirm with an authenticator code" onSubmit={(event) => (event.preventDefault(), run(() => verifyMfa('GOOGLE_AUTH', code)))}>
          <p class="muted">Enter the 6-digit code from your authenticator app for {auth.email}.</p>
          <label>
            Verification code
            <input
              ref={focusOnMount}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,7}"
              required
              value={code}
              aria-describedby={error ? 'mfa-error' : undefined}
              onInput={(event) => setCode((event.currentTarget as HTMLInputElement).value)}
            />
          </label>
          {errorLine}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Verify'}
          </button>
        </form>
      ) : null}
      {method === 'MAGIC_LINK' ? (
        <form aria-label="Confirm with an email link" onSubmit={(event) => (event.preventDefault(), run(() => verifyMfa('MAGIC_LINK', code)))}>
          {auth.magicLinkSent ? (
            <p class="muted" role="status">
              Flashback sent a sign-in link to {auth.email}. Copy the link from the email (or the code in it) and paste it here.
            </p>
          ) : (
            <p class="muted">Flashback can email {auth.email} a sign-in link.</p>
          )}
          <button type="button" class={auth.magicLinkSent ? 'link' : 'primary'} disabled={busy} onClick={() => run(sendMagicLink, true)}>
            {auth.magicLinkSent ? 'Send another link' : 'Send me a link'}
          </button>
          {auth.magicLinkSent ? (
            <>
              <label>
                Link or code from the email
                <input
                  name="magic-link"
                  autoComplete="off"
                  spellcheck={false}
                  required
                  value={code}
                  aria-describedby={error ? 'mfa-error' : undefined}
                  onInput={(event) => setCode((event.currentTarget as HTMLInputElement).value)}
                />
              </label>
              {errorLine}
              <button type="submit" class="primary" disabled={busy}>
                {busy ? 'Checking…' : 'Sign in'}
              </button>
            </>
          ) : (
            errorLine
          )}
        </form>
      ) : null}
      {!method ? errorLine : null}
      <button type="button" class="link" onClick={startOver}>
        Use a different account
      </button>
    </section>
  );
}
