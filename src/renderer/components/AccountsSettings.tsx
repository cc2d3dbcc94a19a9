import type { AccountState } from '../../shared/accounts';
import { PRIMARY_ACCOUNT } from '../../shared/accounts';
import { clip } from '../../shared/format';
import { accountStatus } from '../account-scope';

export interface AccountsSettingsProps {
  accounts: AccountState[];
  onAdd(): void;
  onSignIn(accountId: string): void;
  onRemove(accountId: string): void;
}

/**
 * Settings → Accounts: every account with its server and state, "Sign in" where it needs
 * one, "Remove" (the first account is signed out: its address stays for the next sign-in),
 * and "Add account".
 */
export function AccountsSettings({ accounts, onAdd, onSignIn, onRemove }: AccountsSettingsProps) {
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
              {account.auth !== 'signed-out' || account.id !== PRIMARY_ACCOUNT ? (
                <button type="button" class="secondary" aria-label={`${account.id === PRIMARY_ACCOUNT ? 'Sign out of' : 'Remove'} ${name}`} onClick={() => onRemove(account.id)}>
                  {account.id === PRIMARY_ACCOUNT ? 'Sign out' : 'Remove'}
                </button>
              ) : null}
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
