import { useState } from 'preact/hooks';
import { focusOnMount } from '../../focus';
import type { AuthState, CommandResult, SupportedMfaMethod } from '../../../shared/contract';
import { SecondStepView } from './SecondStepView';

type Result = Promise<CommandResult<unknown>>;

interface SignInViewProps {
  auth: AuthState;
  apiBaseUrl: string;
  signIn(email: string, password: string): Result;
  verifyMfa(method: SupportedMfaMethod, code: string): Promise<CommandResult>;
  sendMagicLink(): Promise<CommandResult>;
  requestPasswordReset(apiBaseUrl: string, email: string): Promise<CommandResult>;
  signInWithToken(token: string): Promise<CommandResult>;
  /** Abandons a sign-in waiting for its code. */
  startOver(): void;
  onOpenSettings(): void;
  onBack?: () => void;
  /** Adding an account (the first one too): the form asks for the server, and both tabs add on that server. */
  add?: {
    /** No account yet: the form reads as signing in. */
    first: boolean;
    defaultServer: string;
    submit(apiBaseUrl: string, email: string, password: string): Result;
    submitToken(apiBaseUrl: string, token: string): Result;
  };
}

type Method = 'password' | 'token';

export function SignInView(props: SignInViewProps) {
  const { auth, apiBaseUrl, signIn, verifyMfa, sendMagicLink, requestPasswordReset, signInWithToken, startOver, onOpenSettings, onBack, add } = props;
  const [method, setMethod] = useState<Method>('password');
  const [server, setServer] = useState(add?.defaultServer ?? '');
  const [email, setEmail] = useState(auth.kind === 'expired' ? (auth.email ?? '') : '');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [errorCode, setErrorCode] = useState<string | undefined>(undefined);
  const [resetSentTo, setResetSentTo] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event, run: () => Result) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setErrorCode(undefined);
    const result = await run();
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      setErrorCode(result.error.code);
    } else {
      setPassword('');
      setToken('');
    }
  }

  async function sendReset() {
    const address = email.trim();
    setBusy(true);
    const result = await requestPasswordReset(add ? server.trim() : apiBaseUrl, address);
    setBusy(false);
    if (result.ok) {
      setResetSentTo(address);
      setError(undefined);
      setErrorCode(undefined);
    } else setError(result.error.message);
  }

  const errorLine = error ? (
    <div class="form-error" role="alert" id="sign-in-error">
      <p>{error}</p>
      {errorCode === 'NO_PASSWORD_SET' ? (
        <button type="button" class="secondary" disabled={busy} onClick={() => void sendReset()}>
          Email me a link to set a password
        </button>
      ) : null}
    </div>
  ) : resetSentTo ? (
    <p class="muted" role="status">
      Flashback sent a password reset link to {resetSentTo}. Set a password from the email, then sign in here with it.
    </p>
  ) : null;

  if (auth.kind === 'mfa-required') {
    return <SecondStepView auth={auth} verifyMfa={verifyMfa} sendMagicLink={sendMagicLink} startOver={startOver} />;
  }

  return (
    <section class="panel" aria-labelledby="sign-in-title">
      <div class="panel-head">
        {onBack ? (
          <button type="button" class="icon-button" aria-label="Back to buckets" onClick={onBack}>
            <span aria-hidden="true">←</span>
          </button>
        ) : null}
        <h2 id="sign-in-title">{add && !add.first ? 'Add an account' : auth.kind === 'expired' ? 'Sign in again' : 'Sign in to Flashback'}</h2>
      </div>
      {add && !add.first ? <p class="muted">Its buckets join the list, named by account.</p> : null}
      {add ? (
        <label>
          Server
          <input name="apiBaseUrl" type="url" required spellcheck={false} value={server} onInput={(event) => setServer((event.currentTarget as HTMLInputElement).value)} />
        </label>
      ) : null}
      {auth.kind === 'signed-out' && !auth.message && (!add || add.first) ? (
        <p class="muted">See which storage buckets are still available for mirror repositories, right from your menu bar.</p>
      ) : null}
      {auth.kind === 'signed-out' && auth.message ? <p class="form-error">{auth.message}</p> : null}
      <div class="tabs" role="tablist" aria-label="Sign-in method">
        {(['password', 'token'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`tab-${value}`}
            aria-selected={method === value}
            aria-controls={`panel-${value}`}
            tabIndex={method === value ? 0 : -1}
            onClick={() => {
              setMethod(value);
              setError(undefined);
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                const next = method === 'password' ? 'token' : 'password';
                setMethod(next);
                requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
              }
            }}
          >
            {value === 'password' ? 'Email & password' : 'Access token'}
          </button>
        ))}
      </div>
      {method === 'password' ? (
        <div id="panel-password" role="tabpanel" aria-labelledby="tab-password">
        <form
          aria-label={add && !add.first ? 'Add an account' : 'Sign in with email and password'}
          onSubmit={(event) => submit(event, () => (add ? add.submit(server.trim(), email.trim(), password) : signIn(email.trim(), password)))}
        >
          <label>
            Email
            <input ref={add ? focusOnMount : undefined} name="email" type="email" autoComplete="username" required value={email} onInput={(event) => setEmail((event.currentTarget as HTMLInputElement).value)} />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-describedby={error ? 'sign-in-error' : undefined}
              onInput={(event) => setPassword((event.currentTarget as HTMLInputElement).value)}
            />
          </label>
          {errorLine}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Signing in…' : add && !add.first ? 'Add account' : 'Sign in'}
          </button>
        </form>
        </div>
      ) : (
        <div id="panel-token" role="tabpanel" aria-labelledby="tab-token">
        <form aria-label={add && !add.first ? 'Add an account with an access token' : 'Sign in with an access token'} onSubmit={(event) => submit(event, () => (add ? add.submitToken(server.trim(), token) : signInWithToken(token)))}>
          <label>
            Access token
            <textarea
              name="token"
              rows={3}
              required
              spellcheck={false}
              autoComplete="off"
              value={token}
              aria-describedby="token-hint"
              onInput={(event) => setToken((event.currentTarget as HTMLTextAreaElement).value)}
            />
          </label>
          <p class="muted small" id="token-hint">
            Copy it from the Flashback web app. It works until it expires (usually one hour); signing in with a password keeps you signed in.
          </p>
          {errorLine}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Use this token'}
          </button>
        </form>
        </div>
      )}
      <p class="muted small" hidden={!!add}>
        Server: {apiBaseUrl}
      </p>
    </section>
  );
}
