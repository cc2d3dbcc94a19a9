import { PRIMARY_ACCOUNT } from '../../../shared/accounts';
import type { AuthState, BucketNode, Settings } from '../../../shared/contract';
import { ApiFailure } from '../api/api-errors';
import { FlashbackApi, type FetchLike } from '../api/api-client';
import { AccountSlice, type SliceOwner } from './account-slice';
import { BucketSync, INITIAL_SYNC, type BucketSyncOptions } from '../sync/bucket-sync';
import type { BucketChange } from '../notify/bucket-changes';
import type { Clock } from '../platform/clock';
import type { Keychain } from '../platform/keychain';
import { prefixedLogger, type Logger } from '../platform/logger';
import type { NotificationRequest } from '../notify/notification-policy';
import { Session } from '../session/session';

export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

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
}

/**
 * One account at work: its API client, its session (credentials in the keychain under its
 * own key), its poller with the single-flight, backoff and pause rules, and its slice of the
 * state. The first account's keychain key is its address's origin (as before several
 * accounts existed); another's is the origin and its id, so two accounts on one server
 * never share an entry.
 */
export class AccountRuntime {
  readonly slice: AccountSlice;
  readonly session: Session;
  readonly sync: BucketSync;
  private api: FlashbackApi;
  private settingsSeen: Settings | undefined;
  private settingsOwn: Settings | undefined;

  constructor(
    readonly id: string,
    private address: string,
    private readonly deps: AccountDeps,
    /** The email saved for an added account (the first account's comes from its sign-in). */
    public savedEmail?: string,
  ) {
    this.slice = new AccountSlice(deps.owner);
    this.api = this.createApi(address);
    // The first account's lines read as they always did; another's say whose they are.
    const log = id === PRIMARY_ACCOUNT ? deps.log : prefixedLogger(deps.log, `[${id}]`);
    this.session = new Session({ api: () => this.api, keychain: deps.keychain, account: this.keychainKey, clock: deps.clock, log });
    const options: BucketSyncOptions = {
      store: this.slice,
      session: this.session,
      api: () => this.api,
      settings: () => this.settings(),
      clock: deps.clock,
      log,
      random: deps.random,
      minRefreshGapMs: deps.minRefreshGapMs,
      notify: (request) => deps.notify({ ...request, account: id }),
      onChanges: (changes, at) => deps.onChanges(this.historyKey, changes, at),
    };
    if (id !== PRIMARY_ACCOUNT) options.account = id;
    this.sync = new BucketSync(options);
    this.session.onChange((auth) => this.authChanged(auth));
  }

  get isPrimary(): boolean {
    return this.id === PRIMARY_ACCOUNT;
  }

  get apiBaseUrl(): string {
    return this.address;
  }

  get client(): FlashbackApi {
    return this.api;
  }

  get keychainKey(): string {
    const origin = originOf(this.address);
    return this.isPrimary ? origin : `${origin}#${this.id}`;
  }

  /** `GET /bucket/{id}/status` for a bucket in this account's list, under its session. */
  bucketNodes(id: string): Promise<BucketNode[]> {
    if (!this.slice.buckets.some((bucket) => bucket.id === id)) return Promise.reject(new ApiFailure('not-found', 'That bucket is no longer in the list.'));
    const signal = this.session.signal;
    return this.session.withAccessToken((bearer) => this.api.bucketStatus(bearer, id, signal));
  }

  /** Where its status history is kept: the same key as its keychain entry. */
  get historyKey(): string {
    return this.keychainKey;
  }

  get email(): string | undefined {
    const auth = this.slice.auth;
    return (auth.kind === 'signed-in' || auth.kind === 'expired' ? auth.email : undefined) ?? this.savedEmail;
  }

  /** The settings this account polls with: another account lists every workspace (the workspace setting is the first account's). */
  settings(): Settings {
    const settings = this.deps.settings();
    if (this.isPrimary || settings.workspaceId === null) return settings;
    if (this.settingsSeen !== settings) {
      this.settingsSeen = settings;
      this.settingsOwn = { ...settings, workspaceId: null };
    }
    return this.settingsOwn!;
  }

  /** The address from the settings file, before anything was restored or polled. */
  retarget(apiBaseUrl: string): void {
    if (apiBaseUrl === this.address) return;
    this.address = apiBaseUrl;
    this.api = this.createApi(apiBaseUrl);
  }

  /** The first account's address changed: a new client, and the saved sign-in of the new origin. */
  async moveTo(apiBaseUrl: string): Promise<void> {
    this.sync.stop();
    this.retarget(apiBaseUrl);
    this.sync.reset();
    this.slice.update({ sync: INITIAL_SYNC });
    await this.session.restore(this.keychainKey);
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

  private createApi(baseUrl: string): FlashbackApi {
    const { fetch, requestTimeoutMs, clock } = this.deps;
    return new FlashbackApi({ baseUrl, fetch, timeoutMs: requestTimeoutMs, now: () => clock.now() });
  }
}
