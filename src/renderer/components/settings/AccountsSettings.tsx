import type { AccountState } from '../../../shared/accounts';
import { clip } from '../../../shared/format';
import { accountStatus } from '../../account-scope';

interface AccountsSettingsProps {
  accounts: AccountState[];
  onAdd(): void;
  onSignIn(accountId: string): void;
  onSignOut(accountId: string): void;
  onRemove(accountId: string): void;
}

/**
 * Settings → Accounts: every account alike, with its server and state, "Sign in" where it
 * needs one, "Sign out" where it is signed in, "Remove" for any of them, and "Add account".
 */
export function AccountsSettings({ accounts, onAdd, onSignIn, onSignOut, onRemove }: AccountsSettingsProps) {
  return (
    <fieldset class="accounts">
      <legend>Accounts</legend>
      <ul class="account-list">
        {accounts.map((account) => {
          const name = clip(account.label, 120);
          const signedOut = account.auth === 'expired' || account.auth === 'signed-out';
          return (
            <li key={account.id} class="account-row">
              <span class="account-text">
                <bdi>{account.label}</bdi>
                <span class="muted small">
                  {' '}
                  {new URL(account.apiBaseUrl).host} · {accountStatus(account)}
                </span>
              </span>
              {signedOut ? (
                <button type="button" class="secondary" aria-label={`Sign in to ${name}`} onClick={() => onSignIn(account.id)}>
                  Sign in
                </button>
              ) : null}
              {account.auth === 'signed-in' && !account.secretKept ? (
                <button type="button" class="secondary" aria-label={`Sign out of ${name}`} onClick={() => onSignOut(account.id)}>
                  Sign out
                </button>
              ) : null}
              <button type="button" class="secondary" aria-label={`Remove ${name}`} onClick={() => onRemove(account.id)}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onAdd}>
        Add account
      </button>
    </fieldset>
  );
}
