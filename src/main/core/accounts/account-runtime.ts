import { keychainKeyOf, type SavedAccount } from '../../../shared/accounts';
import type { AuthState, BucketNode, Settings, StatusChangeRecord } from '../../../shared/contract';
import { ApiFailure } from '../api/api-errors';
import { FlashbackApi, type FetchLike } from '../api/api-client';
import { accountAfter, INITIAL_PART, type AccountPart } from './account-part';
import { ChangeFollowUp } from './change-follow-up';
import { BucketSync } from '../sync/bucket-sync';
import type { RefreshResult, SyncNews } from '../sync/sync-outcome';
import type { BucketChange } from '../notify/bucket-changes';
import type { Clock } from '../platform/clock';
import type { SlicedWork } from '../platform/slices';
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
  /** The account's part changed (`quiet`: only a calm sync's times moved): the set publishes the app's state. */
  changed(account: AccountRuntime, quiet: boolean): void;
  notify(request: NotificationRequest): void;
  /** Changes after the baseline, for the status history, under the account's history key. */
  onChanges(historyKey: string, changes: readonly BucketChange[], at: number): void;
  /** The same for one poll's long list, a checkpoint every few hundred changes (see StatusHistory.recordInSlices); without it, `onChanges` a few hundred at a time. */
  onManyChanges?(historyKey: string, changes: readonly BucketChange[], at: number): SlicedWork<void>;
  /** A bucket's last recorded change under the account's history key (see BucketSyncOptions.lastChange). */
  lastChange?(historyKey: string, bucketId: string): StatusChangeRecord | undefined;
}

/**
 * One account at work, every account alike: its API client, its session (credentials in the
 * keychain under `keychainKeyOf`), its sync, and its part of the state, which it alone changes:
 * from its sync's outcomes and its session's sign-in (see account-part.ts). Its address never
 * changes: another server is another account. After `close` (removed, dropped, quitting) it
 * tells the set nothing more.
 */
export class AccountRuntime {
  part: AccountPart = INITIAL_PART;
  readonly session: Session;
  readonly sync: BucketSync;
  readonly client: FlashbackApi;
  readonly keychainKey: string;
  private readonly followUp: ChangeFollowUp;
  private closed = false;

  constructor(
    readonly id: string,
    readonly apiBaseUrl: string,
    private readonly deps: AccountDeps,
    /** The email saved with the account ('' until known). */
    public savedEmail = '',
  ) {
    this.keychainKey = keychainKeyOf({ id, apiBaseUrl });
    const { fetch, requestTimeoutMs, clock } = deps;
    this.client = new FlashbackApi({ baseUrl: apiBaseUrl, fetch, timeoutMs: requestTimeoutMs, now: () => clock.now() });
    const log = prefixedLogger(deps.log, `[${id}]`);
    this.session = new Session({ api: () => this.client, keychain: deps.keychain, account: this.keychainKey, clock, log });
    this.followUp = new ChangeFollowUp({
      settings: deps.settings,
      log,
      notify: (request) => deps.notify({ ...request, account: id }),
      record: (changes, at) => deps.onChanges(this.historyKey, changes, at),
      recordMany: deps.onManyChanges && ((changes, at) => deps.onManyChanges!(this.historyKey, changes, at)),
    });
    this.sync = new BucketSync({
      account: id,
      session: this.session,
      api: () => this.client,
      settings: deps.settings,
      clock,
      log,
      random: deps.random,
      minRefreshGapMs: deps.minRefreshGapMs,
      lastChange: (bucketId) => deps.lastChange?.(this.historyKey, bucketId),
      report: (news) => this.apply(news),
    });
    this.session.onChange((auth) => this.authChanged(auth));
  }

  /** Polls now; resolves with the outcome once its list, history and notifications are done. */
  async refreshNow(): Promise<RefreshResult> {
    const result = await this.sync.refreshNow();
    await this.followUp.idle();
    return result;
  }

  /** Shows a list got some other way (the check of a pasted token) as a fresh baseline. */
  adopt(buckets: Parameters<BucketSync['adopt']>[0]): void {
    this.sync.reset();
    this.sync.adopt(buckets);
  }

  /** `GET /bucket/{id}/status` for a bucket in this account's list, under its session. */
  bucketNodes(id: string): Promise<BucketNode[]> {
    if (!this.part.buckets.some((bucket) => bucket.id === id)) return Promise.reject(new ApiFailure('not-found', 'That bucket is no longer in the list.'));
    const signal = this.session.signal;
    return this.session.withAccessToken((bearer) => this.client.bucketStatus(bearer, id, signal));
  }

  /** Where its status history is kept: the same key as its keychain entry. */
  get historyKey(): string {
    return this.keychainKey;
  }

  get email(): string | undefined {
    const auth = this.part.auth;
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

  /** Signed out: the list and names go, the sync line starts over. */
  clear(): void {
    this.sync.reset();
    this.set({ ...this.part, sync: INITIAL_PART.sync }, false);
  }

  /** From now on nothing of this account reaches the app's state. */
  close(): void {
    this.closed = true;
  }

  dispose(): void {
    this.close();
    this.sync.stop();
    this.session.dispose();
  }

  /** The one way news from the sync becomes state, and the outcomes the account acts on. */
  private apply(news: SyncNews): void {
    // The generation a list belongs to, taken before a view or listener can end it.
    const signal = this.session.signal;
    if (news.kind === 'reset') this.followUp.reset();
    const { part, quiet } = accountAfter(this.part, news);
    this.set(part, quiet);
    if (news.kind === 'changed' || news.kind === 'unchanged') this.followUp.after(news, signal);
  }

  private set(part: AccountPart, quiet: boolean): void {
    if (this.closed || part === this.part) return;
    this.part = part;
    this.deps.changed(this, quiet);
  }

  private authChanged(auth: AuthState): void {
    const previous = this.part.auth;
    if (auth === previous) return;
    this.set({ ...this.part, auth }, false);
    if (auth.kind === 'expired' && previous.kind !== 'expired') {
      this.sync.sessionEnded();
      this.followUp.sessionExpired(auth.message, this.deps.clock.now());
    }
  }
}
