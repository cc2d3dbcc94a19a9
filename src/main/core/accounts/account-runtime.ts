import { keychainKeyOf, type SavedAccount } from '../../../shared/accounts';
import type { AuthState, BucketNode, Settings, StatusChangeRecord } from '../../../shared/contract';
import { ApiFailure } from '../api/api-errors';
import { FlashbackApi, type FetchLike } from '../api/api-client';
import { AccountSlice, type SliceOwner } from './account-slice';
import { BucketSync } from '../sync/bucket-sync';
import type { BucketChange } from '../notify/bucket-changes';
import type { Clock } from '../platform/clock';
import type { Keychain } from '../platform/keychain';
import { prefixedLogger, type Logger } from '../platform/logger';
import type { NotificationRequest } from '../notify/notification-policy';
import { Session } from '../session/session';

/** What every account's parts share. */
export interface AccountDeps {
  keychain: Keychain;
  fetch?: FetchLike;
  requestTimeoutMs?: number;
  clock: Clock;
  log: Logger;
  random?: () => number;
  minRefreshGapMs?: number;
  settings(): Settings;
  owner: SliceOwner;
  notify(request: NotificationRequest): void;
  /** Changes after the baseline, for the status history, under the account's history key. */
  onChanges(historyKey: string, changes: readonly BucketChange[], at: number): void;
  /** A bucket's last recorded change under the account's history key (see BucketSyncOptions.lastChange). */
  lastChange?(historyKey: string, bucketId: string): StatusChangeRecord | undefined;
}

/**
 * One account at work, every account alike: its API client, its session (credentials in the
 * keychain under `keychainKeyOf`), its poller with the single-flight, backoff and pause rules,
 * and its slice of the state. Its address never changes: another server is another account.
 */
export class AccountRuntime {
  readonly slice: AccountSlice;
  readonly session: Session;
  readonly sync: BucketSync;
  readonly client: FlashbackApi;
  readonly keychainKey: string;

  constructor(
    readonly id: string,
    readonly apiBaseUrl: string,
    private readonly deps: AccountDeps,
    /** The email saved with the account ('' until known). */
    public savedEmail = '',
  ) {
    this.keychainKey = keychainKeyOf({ id, apiBaseUrl });
    this.slice = new AccountSlice(deps.owner);
    const { fetch, requestTimeoutMs, clock } = deps;
    this.client = new FlashbackApi({ baseUrl: apiBaseUrl, fetch, timeoutMs: requestTimeoutMs, now: () => clock.now() });
    const log = prefixedLogger(deps.log, `[${id}]`);
    this.session = new Session({ api: () => this.client, keychain: deps.keychain, account: this.keychainKey, clock, log });
    this.sync = new BucketSync({
      store: this.slice,
      account: id,
      session: this.session,
      api: () => this.client,
      settings: deps.settings,
      clock,
      log,
      random: deps.random,
      minRefreshGapMs: deps.minRefreshGapMs,
      notify: (request) => deps.notify({ ...request, account: id }),
      onChanges: (changes, at) => deps.onChanges(this.historyKey, changes, at),
      lastChange: (bucketId) => deps.lastChange?.(this.historyKey, bucketId),
    });
    this.session.onChange((auth) => this.authChanged(auth));
  }

  /** `GET /bucket/{id}/status` for a bucket in this account's list, under its session. */
  bucketNodes(id: string): Promise<BucketNode[]> {
    if (!this.slice.buckets.some((bucket) => bucket.id === id)) return Promise.reject(new ApiFailure('not-found', 'That bucket is no longer in the list.'));
    const signal = this.session.signal;
    return this.session.withAccessToken((bearer) => this.client.bucketStatus(bearer, id, signal));
  }

  /** Where its status history is kept: the same key as its keychain entry. */
  get historyKey(): string {
    return this.keychainKey;
  }

  get email(): string | undefined {
    const auth = this.slice.auth;
    const fromSignIn = auth.kind === 'signed-in' || auth.kind === 'expired' || auth.kind === 'mfa-required' ? auth.email : undefined;
    return fromSignIn || this.savedEmail || undefined;
  }

  get saved(): SavedAccount {
    return { id: this.id, apiBaseUrl: this.apiBaseUrl, email: this.savedEmail };
  }

  /** Starts polling when signed in. */
  startIfSignedIn(): void {
    if (this.session.isSignedIn) this.sync.start();
  }

  dispose(): void {
    this.slice.close();
    this.sync.stop();
    this.session.dispose();
  }

  private authChanged(auth: AuthState): void {
    const previous = this.slice.auth;
    this.slice.setAuth(auth);
    if (auth.kind === 'expired' && previous.kind !== 'expired') {
      this.sync.sessionEnded();
      const request = this.sync.sessionExpiredNotice(auth.message);
      if (request) this.deps.notify({ ...request, account: this.id });
    }
  }
}
