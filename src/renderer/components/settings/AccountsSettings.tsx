import { useState } from 'preact/hooks';
import type { AccountState } from '../../../shared/accounts';
import { focusOnMount } from '../../focus';
import { Confirm } from '../frame/Confirm';
import { clip } from '../../../shared/format';
import { accountStatus } from '../../list-model/account-scope';

interface AccountsSettingsProps {
  accounts: AccountState[];
  onAdd(): void;
  onSignIn(accountId: string): void;
  onSignOut(accountId: string): void;
  onRemove(accountId: string): void;
}

/**
 * Settings → Accounts: every account alike, with its server and state, "Sign in" where it
 * needs one, "Sign out" where it is signed in, "Remove" for any of them (it asks first,
 * saying what goes and what stays), and "Add account".
 */
export function AccountsSettings({ accounts, onAdd, onSignIn, onSignOut, onRemove }: AccountsSettingsProps) {
  /** The account whose removal is being asked about. */
  const [asking, setAsking] = useState<string | undefined>(undefined);
  /** The account whose question was cancelled: its Remove button gets the focus back. */
  const [cancelled, setCancelled] = useState<string | undefined>(undefined);
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
              {asking === account.id ? (
                <Confirm
                  id={`remove-${account.id}`}
                  confirmLabel="Remove"
                  onConfirm={() => {
                    setAsking(undefined);
                    onRemove(account.id);
                  }}
                  onCancel={() => {
                    setAsking(undefined);
                    setCancelled(account.id);
                  }}
                >
                  Remove <bdi>{account.label}</bdi>? Its saved sign-in is deleted from this computer’s keychain, its buckets leave the list and their status history here is deleted. The account and its buckets stay on Flashback ({new URL(account.apiBaseUrl).host}), and your settings stay; add it again any time.
                </Confirm>
              ) : (
                <>
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
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Remove ${name}`}
                    ref={cancelled === account.id ? focusOnMount : undefined}
                    onClick={() => {
                      setCancelled(undefined);
                      setAsking(account.id);
                    }}
                  >
                    Remove
                  </button>
                </>
              )}
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
