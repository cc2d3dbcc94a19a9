import { accountEmail, keychainKeyOf, MAX_ACCOUNTS, type SavedAccount } from '../../../shared/accounts';
import type { Settings } from '../../../shared/contract';
import type { Keychain } from '../platform/keychain';
import type { Logger } from '../platform/logger';
import { parseStoredCredentials } from '../session/stored-credentials';

/** The id the first account had before every account was alike (only read from old settings files). */
const LEGACY_FIRST_ACCOUNT = 'primary';

interface Migrated {
  settings: Settings;
  /** The settings changed: save them before anything is swept from the keychain. */
  changed: boolean;
  /** The first account's history moves from its old key to its new one. */
  history?: { from: string; to: string };
  /** False when the old entry could not be read or copied: sweeping now could lose a live sign-in. */
  sweepSafe: boolean;
}

/**
 * Settings and keychain as the release before this one left them: the first account was
 * `settings.apiBaseUrl` with its sign-in under that address's origin alone, and `accounts`
 * held only the others. Here the first account becomes an entry like the others (a new id, its
 * secret copied under the new key, first in the list), so it comes back signed in. The old
 * entry is left to the sweep that follows the save. Run twice (a crash between save and
 * sweep), it finds the account already listed and only lets the old entry go.
 */
export async function migrateLegacyAccount(settings: Settings, keychain: Keychain, newId: () => string, log: Logger): Promise<Migrated> {
  const shownAccount = settings.shownAccount === LEGACY_FIRST_ACCOUNT ? null : settings.shownAccount;
  const unchanged = (sweepSafe: boolean): Migrated => ({ settings: { ...settings, shownAccount }, changed: shownAccount !== settings.shownAccount, sweepSafe });
  let origin: string;
  let text: string | null;
  try {
    origin = new URL(settings.apiBaseUrl).origin;
    text = await keychain.get(origin);
  } catch (error) {
    log.warn('the sign-in of the first account could not be read to move it; trying again at the next start', error);
    return unchanged(false);
  }
  const stored = parseStoredCredentials(text);
  if (!stored) return unchanged(true);
  const email = accountEmail(stored.email ?? '');
  const known = settings.accounts.find((account) => new URL(account.apiBaseUrl).origin === origin && email !== '' && account.email.toLowerCase() === email.toLowerCase());
  if (known) return unchanged(true);
  const account: SavedAccount = { id: newId(), apiBaseUrl: settings.apiBaseUrl, email };
  try {
    await keychain.set(keychainKeyOf(account), text!);
  } catch (error) {
    log.warn('the sign-in of the first account could not be moved to its new keychain entry; trying again at the next start', error);
    return unchanged(false);
  }
  log.info('the first account is now an account like the others (its sign-in moved to its own keychain entry)');
  return {
    settings: {
      ...settings,
      accounts: [account, ...settings.accounts].slice(0, MAX_ACCOUNTS),
      shownAccount: settings.shownAccount === LEGACY_FIRST_ACCOUNT ? account.id : settings.shownAccount,
    },
    changed: true,
    history: { from: origin, to: keychainKeyOf(account) },
    sweepSafe: true,
  };
}
