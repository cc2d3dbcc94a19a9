import type { AppState, AuthState, BucketView, SyncState } from '../../../shared/contract';
import type { AccountRuntime } from './account-runtime';
import type { AccountSlice, SliceChange } from './account-slice';
import { accountSummaries, allWorkspaces } from './account-summaries';
import { INITIAL_SYNC, type PauseReason } from '../sync/bucket-sync';
import type { StateStore } from '../view/state-store';

const SIGNED_OUT: AuthState = { kind: 'signed-out' };

type Fields = Partial<Omit<AppState, 'buckets'>>;

/** What the publisher reads of the account set. */
export interface AccountsSeen {
  readonly runtimes: readonly AccountRuntime[];
  readonly current: AccountRuntime | undefined;
  readonly draft: AccountRuntime | undefined;
  readonly pauseReasons: ReadonlySet<PauseReason>;
  secretKept(runtime: AccountRuntime): boolean;
}

/**
 * The accounts as the one app state has them: every account's buckets in one list, a summary
 * per account, the current account's sign-in and sync at the top level, and the draft apart.
 * Nothing is published while the accounts start (their sign-ins are restored first).
 */
export class AccountStatePublisher {
  starting = true;

  constructor(
    private readonly store: StateStore,
    private readonly set: AccountsSeen,
  ) {}

  private summaries() {
    return accountSummaries(this.set.runtimes, this.store.state.accounts, (runtime) => this.set.secretKept(runtime));
  }

  current(): void {
    if (this.starting) return;
    const slice = this.set.current?.slice;
    this.store.update({ auth: slice?.auth ?? SIGNED_OUT, sync: slice?.sync ?? this.noAccountSync(), currentAccount: this.set.current?.id ?? null, accounts: this.summaries() });
  }

  /** With no account, the sync line still says when updates are paused. */
  private noAccountSync(): SyncState {
    if (this.set.pauseReasons.size === 0) return INITIAL_SYNC;
    const phase = this.set.pauseReasons.has('offline') ? 'offline' : 'paused';
    return this.store.state.sync.phase === phase ? this.store.state.sync : { ...INITIAL_SYNC, phase };
  }

  accounts(): void {
    if (!this.starting) this.store.update({ accounts: this.summaries() });
  }

  draft(): void {
    const draft = this.set.draft;
    this.store.update({ draft: draft ? { id: draft.id, apiBaseUrl: draft.apiBaseUrl, auth: draft.slice.auth } : null });
  }

  merge(slice: AccountSlice, change: SliceChange): void {
    if (slice === this.set.draft?.slice) {
      if (change.auth) this.draft();
      return;
    }
    const { store } = this;
    const fields: Fields = {};
    if (!this.starting) {
      if (slice === this.set.current?.slice) {
        if (change.auth) fields.auth = change.auth;
        if (change.sync) fields.sync = change.sync;
      }
      if (change.auth || change.sync) fields.accounts = this.summaries();
    }
    if (change.workspaces) {
      const workspaces = allWorkspaces(this.set.runtimes);
      if (workspaces.length > 0 || store.state.workspaces.length > 0) fields.workspaces = workspaces;
    }
    store.update(fields, change.delta ? { views: this.allBuckets(), delta: change.delta } : undefined);
  }

  defer(slice: AccountSlice, sync: SyncState): void {
    if (slice === this.set.current?.slice && !this.starting) this.store.deferSync(sync);
  }

  /** One list: a single account's own array as it is (no copy), several accounts' one after another. */
  private allBuckets(): BucketView[] {
    const lists = this.set.runtimes.map((runtime) => runtime.slice.buckets).filter((list) => list.length > 0);
    if (lists.length <= 1) return (lists[0] ?? []) as BucketView[];
    return ([] as BucketView[]).concat(...lists);
  }
}
