/**
 * Several accounts (each an API address and an email, signed in on its own). The first
 * account is the one the app always had: its address is `settings.apiBaseUrl`, its
 * keychain entry is keyed by that address's origin, and its buckets carry no `account`
 * field, so a single-account app and its saved settings are exactly what they were.
 * Accounts added later are listed in `settings.accounts`; their buckets carry `account`.
 */
import type { AuthState, SyncPhase } from './domain';

/** The id of the first account (the one a single-account app has). */
export const PRIMARY_ACCOUNT = 'primary';

/** Accounts beyond the first one, as the settings file keeps them. */
export const MAX_EXTRA_ACCOUNTS = 10;

/** An account added with "Add account": how to reach it and who it is. No secret here. */
export interface SavedAccount {
  /** `acc-` and 8 to 24 lowercase letters or digits. */
  id: string;
  apiBaseUrl: string;
  email: string;
}

/** One account as the views see it. */
export interface AccountState {
  id: string;
  /** The email, with the server's host when two accounts share an email. */
  label: string;
  apiBaseUrl: string;
  email?: string;
  auth: AuthState['kind'];
  phase: SyncPhase;
  /** What is wrong with this account's list, in words (an ended session, a failed poll); absent when nothing. */
  problem?: string;
  /** Its list is older than its last attempt. */
  stale: boolean;
}

export const ACCOUNT_ID = /^acc-[a-z0-9]{8,24}$/;

/** The account a bucket belongs to. */
export function accountOf(bucket: { account?: string }): string {
  return bucket.account ?? PRIMARY_ACCOUNT;
}

/**
 * A bucket's identity in the app: its id, prefixed by its account for accounts beyond the
 * first (two accounts of one workspace see the same bucket ids). Used for the list's keys,
 * patches, focus, history and web-app links.
 */
export function bucketKey(bucket: { id: string; account?: string }): string {
  return bucket.account === undefined ? bucket.id : `${bucket.account}/${bucket.id}`;
}

/** The accounts a person chooses between: every one but a first account nobody signed in to. */
export function listedAccounts(accounts: readonly AccountState[]): AccountState[] {
  return accounts.filter((account) => account.id !== PRIMARY_ACCOUNT || account.auth !== 'signed-out' || accounts.length === 1);
}
