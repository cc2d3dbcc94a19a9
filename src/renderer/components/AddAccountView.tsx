import { useState } from 'preact/hooks';
import type { AuthState, CommandResult, SupportedMfaMethod } from '../../shared/contract';
import { PanelHead } from './PanelHead';
import { SecondStepView } from './SecondStepView';

export interface AddAccountViewProps {
  /** The account being added's sign-in while it is the current account (its second step). */
  auth: AuthState;
  /** True while the current account is the one being added. */
  adding: boolean;
  /** Where the form starts: the first account's server (most people add a colleague's or a second login there). */
  defaultApiBaseUrl: string;
  addAccount(apiBaseUrl: string, email: string, password: string): Promise<CommandResult>;
  verifyMfa(method: SupportedMfaMethod, code: string): Promise<CommandResult>;
  sendMagicLink(): Promise<CommandResult>;
  /** Drops the account being added (if any) and goes back to the list. */
  onCancel(): void;
}

/** "Add account": a server, an email and a password; the second step follows here when the account has one. */
export function AddAccountView({ auth, adding, defaultApiBaseUrl, addAccount, verifyMfa, sendMagicLink, onCancel }: AddAccountViewProps) {
  const [apiBaseUrl, setApiBaseUrl] = useState(defaultApiBaseUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  if (adding && auth.kind === 'mfa-required') {
    return <SecondStepView auth={auth} verifyMfa={verifyMfa} sendMagicLink={sendMagicLink} startOver={onCancel} />;
  }

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await addAccount(apiBaseUrl.trim(), email.trim(), password);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
    else setPassword('');
  }

  const input = (set: (value: string) => void) => (event: Event) => set((event.currentTarget as HTMLInputElement).value);
  return (
    <section class="panel" aria-labelledby="add-account-title">
      <PanelHead id="add-account-title" onBack={onCancel}>
        Add an account
      </PanelHead>
      <p class="muted">Its buckets join the list, named by account.</p>
      <form aria-label="Add an account" onSubmit={(event) => void submit(event)}>
        <label>
          Server
          <input name="apiBaseUrl" type="url" required spellcheck={false} value={apiBaseUrl} onInput={input(setApiBaseUrl)} />
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required value={email} onInput={input(setEmail)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password} aria-describedby={error ? 'add-account-error' : undefined} onInput={input(setPassword)} />
        </label>
        {error ? (
          <p class="form-error" role="alert" id="add-account-error">
            {error}
          </p>
        ) : null}
        <div class="settings-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Add account'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
