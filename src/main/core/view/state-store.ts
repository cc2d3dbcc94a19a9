import type { AppState, BucketsPatch, BucketView, StatePatch, StateSnapshot, SyncState } from '../../../shared/contract';

type StateListener = (patch: StatePatch, state: AppState) => void;

type Fields = Partial<Omit<AppState, 'buckets'>>;
const FIELDS = ['auth', 'sync', 'settings', 'workspaces', 'notices', 'update', 'accounts', 'currentAccount', 'draft', 'desktop'] as const;

/**
 * The app's state, numbered, and the only way to change it: every change becomes one
 * patch (the fields that changed, the buckets that changed) for the views. A change that
 * only moves the "last checked" time is held back (`deferSync`) and goes out with the next
 * real change or when a view opens, so an unchanged poll sends nothing.
 */
export class StateStore {
  private current: AppState;
  private version = 0;
  private deferred: SyncState | undefined;
  private readonly listeners = new Set<StateListener>();
  private closed = false;

  constructor(initial: AppState) {
    this.current = initial;
  }

  /** The state views have been told about. */
  get state(): AppState {
    return this.current;
  }

  /** The newest sync, including a held-back one: what the next change builds on. */
  get sync(): SyncState {
    return this.deferred ?? this.current.sync;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** The whole state for a view that (re)loads; anything held back is published first. */
  snapshot(): StateSnapshot {
    this.flushDeferred();
    return { version: this.version, state: this.current };
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes fields (compared by identity) and, optionally, the list with what changed in it. */
  update(fields: Fields, buckets?: { views: BucketView[]; delta: BucketsPatch }): void {
    if (this.closed) return;
    if (this.deferred && fields.sync === undefined) fields = { ...fields, sync: this.deferred };
    this.deferred = undefined;
    const patch: StatePatch = { base: this.version, version: this.version + 1 };
    const next: AppState = { ...this.current };
    let changed = false;
    for (const field of FIELDS) {
      const value = fields[field];
      if (value === undefined || value === this.current[field]) continue;
      (next as unknown as Record<string, unknown>)[field] = value;
      (patch as unknown as Record<string, unknown>)[field] = value;
      changed = true;
    }
    if (buckets) {
      next.buckets = buckets.views;
      if (buckets.delta.upsert.length > 0 || buckets.delta.remove.length > 0) {
        patch.buckets = buckets.delta;
        changed = true;
      }
    }
    if (!changed) return;
    this.current = next;
    this.version = patch.version;
    for (const listener of this.listeners) listener(patch, next);
  }

  /** Holds back a sync change that only moves times; see the class comment. */
  deferSync(sync: SyncState): void {
    if (!this.closed) this.deferred = sync;
  }

  flushDeferred(): void {
    if (this.deferred) this.update({ sync: this.deferred });
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
