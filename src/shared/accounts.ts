/**
 * Accounts: one kind for every account, the first included. Each is an entry
 * `{id, apiBaseUrl, email}` in one saved list (`settings.accounts`), its secret in the
 * keychain under `keychainKeyOf` and its buckets keyed by `bucketKey`; neither key can alias
 * another account's, because an account id never holds the separator that follows it.
 */
import type { AuthState, SyncPhase } from './domain';

/** Accounts the settings file keeps. */
export const MAX_ACCOUNTS = 11;

/** An account: how to reach it and who it is. No secret here. */
export interface SavedAccount {
  /** `acc-` and 8 to 24 lowercase letters or digits. */
  id: string;
  apiBaseUrl: string;
  /** As the server gave it (see accountEmail); empty when it is not known (an account added by token). */
  email: string;
}

/** One account as the views see it. */
export interface AccountState {
  id: string;
  /** The email, with the server's host when two accounts share an email; the host alone when the email is not known. */
  label: string;
  apiBaseUrl: string;
  email?: string;
  auth: AuthState['kind'];
  phase: SyncPhase;
  /** What is wrong with this account, in words (an ended session, a failed poll, a sign-out not finished); absent when nothing. */
  problem?: string;
  /** Its list is older than its last attempt. */
  stale: boolean;
  /** Signed out here, but the keychain still holds its sign-in (it refused to delete it): the app keeps trying. */
  secretKept?: true;
}

/** An account being added: outside the accounts until its sign-in succeeds (its second step shows from here). */
export interface DraftState {
  id: string;
  apiBaseUrl: string;
  auth: AuthState;
}

export const ACCOUNT_ID = /^acc-[a-z0-9]{8,24}$/;

/** The longest email the app keeps (RFC 5321's limit on a path). */
export const MAX_EMAIL_LENGTH = 320;

/**
 * An email as the app keeps it: whatever the server or the person said (a display form such
 * as `QA Team <qa@example.com>` included), as data. Only control characters go and it is
 * cut to a bounded length, so it always reads back from the settings file as it was saved.
 */
export function accountEmail(value: string): string {
  return [...value.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, '')].slice(0, MAX_EMAIL_LENGTH).join('');
}

/**
 * A bucket's identity in the app: its account's id, `/`, its id. Every bucket the core
 * sends names its account; an account id never contains `/`, so the first `/` splits a key
 * and no bucket id (one with `/` in it, or shaped like a key) can alias another account's.
 * Used for the list's keys, patches, focus, history and web-app links.
 */
export function bucketKey(bucket: { id: string; account?: string }): string {
  return bucket.account === undefined ? bucket.id : `${bucket.account}/${bucket.id}`;
}

/** True when `key` is `bucketKey(bucket)`, without making the key (a search through 100,000 rows makes no strings). */
export function hasKey(bucket: { id: string; account?: string }, key: string): boolean {
  const account = bucket.account;
  if (account === undefined) return bucket.id === key;
  return key.length === account.length + 1 + bucket.id.length && key.charCodeAt(account.length) === 47 && key.startsWith(account) && key.endsWith(bucket.id);
}

/** The account and the bucket id of a key; undefined for anything that is not a key. */
export function splitBucketKey(key: string): { account: string; id: string } | undefined {
  const slash = key.indexOf('/');
  const account = key.slice(0, Math.max(slash, 0));
  return slash > 0 && ACCOUNT_ID.test(account) ? { account, id: key.slice(slash + 1) } : undefined;
}

/** An account's keychain entry: its server's origin, `#`, its id (neither can hold a `#`). */
export function keychainKeyOf(account: { id: string; apiBaseUrl: string }): string {
  return `${new URL(account.apiBaseUrl).origin}#${account.id}`;
}

/** The account a bucket belongs to ('' for a bucket that names none: not one the core sends). */
export function accountOf(bucket: { account?: string }): string {
  return bucket.account ?? '';
}
