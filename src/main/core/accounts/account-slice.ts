import type { AuthState, BucketsPatch, BucketView, SyncState, Workspace } from '../../../shared/contract';
import { INITIAL_SYNC, type SyncStore } from '../sync/bucket-sync';

/** What changed in one account's part of the state. */
export interface SliceChange {
  auth?: AuthState;
  sync?: SyncState;
  workspaces?: Workspace[];
  delta?: BucketsPatch;
}

export interface SliceOwner {
  /** Something changed: the owner merges it into the app's state (see account-set.ts). */
  publish(slice: AccountSlice, change: SliceChange): void;
  /** A sync that only moves times (see StateStore.deferSync). */
  defer(slice: AccountSlice, sync: SyncState): void;
}

/**
 * One account's part of the app's state: its sign-in, sync, workspaces and buckets. Its
 * BucketSync writes here as it would to the whole store; every change goes to the owner,
 * which merges the accounts. After `close` (the account removed, the app quitting) nothing
 * written here reaches the app's state.
 */
export class AccountSlice implements SyncStore {
  buckets: readonly BucketView[] = [];
  workspaces: Workspace[] = [];
  auth: AuthState = { kind: 'signing-in' };
  private published: SyncState = INITIAL_SYNC;
  private deferred: SyncState | undefined;
  private closed = false;

  constructor(private readonly owner: SliceOwner) {}

  get state(): { buckets: readonly BucketView[]; sync: SyncState } {
    return { buckets: this.buckets, sync: this.published };
  }

  get sync(): SyncState {
    return this.deferred ?? this.published;
  }

  update(fields: { sync?: SyncState; workspaces?: Workspace[] }, buckets?: { views: BucketView[]; delta: BucketsPatch }): void {
    if (this.closed) return;
    const sync = fields.sync ?? this.deferred;
    this.deferred = undefined;
    const change: SliceChange = {};
    if (sync !== undefined && sync !== this.published) change.sync = this.published = sync;
    if (fields.workspaces !== undefined && fields.workspaces !== this.workspaces) change.workspaces = this.workspaces = fields.workspaces;
    if (buckets && (buckets.delta.upsert.length > 0 || buckets.delta.remove.length > 0)) {
      this.buckets = buckets.views;
      change.delta = buckets.delta;
    }
    if (change.sync || change.workspaces || change.delta) this.owner.publish(this, change);
  }

  deferSync(sync: SyncState): void {
    if (this.closed) return;
    this.deferred = sync;
    this.owner.defer(this, sync);
  }

  setAuth(auth: AuthState): void {
    if (this.closed || auth === this.auth) return;
    this.auth = auth;
    this.owner.publish(this, { auth });
  }

  close(): void {
    this.closed = true;
  }
}
