import type { AppState, AuthState, BucketView, SyncState, Workspace } from '../../../shared/contract';
import type { AccountRuntime } from './account-runtime';
import { accountSummaries, allWorkspaces } from './account-summaries';
import { INITIAL_SYNC, type PauseReason } from '../sync/bucket-sync';
import type { StateFields, StateStore } from '../view/state-store';

const SIGNED_OUT: AuthState = { kind: 'signed-out' };

/** Several accounts' names are merged anew each time: the same names are no change. */
function sameWorkspaces(a: readonly Workspace[], b: readonly Workspace[]): boolean {
  return a === b || (a.length === b.length && a.every((workspace, i) => workspace.id === b[i]!.id && workspace.name === b[i]!.name));
}

/** What the publisher reads of the account set. */
export interface AccountsSeen {
  readonly runtimes: readonly AccountRuntime[];
  readonly current: AccountRuntime | undefined;
  readonly draft: AccountRuntime | undefined;
  readonly pauseReasons: ReadonlySet<PauseReason>;
  secretKept(runtime: AccountRuntime): boolean;
}

/**
 * The accounts as the one app state has them, made from the accounts' parts every time one
 * changes: every account's buckets in one list, every workspace, a summary per account, the
 * current account's sign-in and sync at the top level, and the draft apart. Unchanged parts
 * keep their identity, so the store's patch (the difference) carries only what changed. While
 * the accounts start (their sign-ins are restored first) only the draft, names and list go out.
 */
export class AccountStatePublisher {
  starting = true;
  private draftShown: AppState['draft'] = null;
  /** The accounts' lists the last merged list was made of, and that list: the same lists again are the same list. */
  private merged: { from: BucketView[][]; list: BucketView[] } | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly set: AccountsSeen,
  ) {}

  /** `quiet`: only a calm sync's times moved (see StateStore). */
  publish(quiet = false): void {
    const { store, set } = this;
    const fields: StateFields = { draft: this.draftState(), buckets: this.allBuckets() };
    const workspaces = allWorkspaces(set.runtimes);
    if (!sameWorkspaces(workspaces, store.state.workspaces)) fields.workspaces = workspaces;
    if (!this.starting) {
      const current = set.current?.part;
      fields.auth = current?.auth ?? SIGNED_OUT;
      fields.sync = current?.sync ?? this.noAccountSync();
      fields.currentAccount = set.current?.id ?? null;
      fields.accounts = accountSummaries(set.runtimes, store.state.accounts, (runtime) => set.secretKept(runtime));
    }
    store.update(fields, { quiet });
  }

  /** With no account, the sync line still says when updates are paused. */
  private noAccountSync(): SyncState {
    if (this.set.pauseReasons.size === 0) return INITIAL_SYNC;
    const phase = this.set.pauseReasons.has('offline') ? 'offline' : 'paused';
    return this.store.state.sync.phase === phase ? this.store.state.sync : { ...INITIAL_SYNC, phase };
  }

  private draftState(): AppState['draft'] {
    const draft = this.set.draft;
    const shown = this.draftShown;
    if (!draft) return (this.draftShown = null);
    if (shown && shown.id === draft.id && shown.auth === draft.part.auth) return shown;
    return (this.draftShown = { id: draft.id, apiBaseUrl: draft.apiBaseUrl, auth: draft.part.auth });
  }

  /**
   * One list: a single account's own array as it is (no copy), several accounts' one after
   * another, made again only when one of their lists changed: a poll that changed nothing
   * (every publish of its times) costs no copy, and the store's difference none either.
   */
  private allBuckets(): BucketView[] {
    const lists = this.set.runtimes.map((runtime) => runtime.part.buckets).filter((list) => list.length > 0);
    if (lists.length === 1) return lists[0]!;
    if (lists.length === 0) return this.store.state.buckets.length === 0 ? this.store.state.buckets : [];
    const merged = this.merged;
    if (merged && merged.from.length === lists.length && merged.from.every((list, i) => list === lists[i])) return merged.list;
    this.merged = { from: lists, list: ([] as BucketView[]).concat(...lists) };
    return this.merged.list;
  }
}
