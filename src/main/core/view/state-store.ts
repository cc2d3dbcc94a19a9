import type { AppState, StatePatch, StateSnapshot } from '../../../shared/contract';
import { diffBuckets } from './bucket-diff';

type StateListener = (patch: StatePatch, state: AppState) => void;

export type StateFields = Partial<AppState>;
const FIELDS = ['auth', 'sync', 'settings', 'workspaces', 'notices', 'update', 'accounts', 'currentAccount', 'draft', 'desktop'] as const;

/**
 * The app's state, numbered, and the only way to change it. It holds one state; what views
 * are sent is derived from it: each change becomes one patch, the difference between the
 * state views were last told about and the new one (fields compared by identity, the list by
 * `diffBuckets`). A quiet change (a poll that only moved the "last checked" time) is held
 * back and goes out with the next real change or when a view opens, so it sends nothing.
 */
export class StateStore {
  private told: AppState;
  private latest: AppState;
  private version = 0;
  private readonly listeners = new Set<StateListener>();
  private closed = false;

  constructor(initial: AppState) {
    this.told = this.latest = initial;
  }

  /** The state, including any change held back. */
  get state(): AppState {
    return this.latest;
  }

  /** The state the views have been told about (version `currentVersion`). */
  get published(): AppState {
    return this.told;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** The whole state for a view that (re)loads; anything held back is published first. */
  snapshot(): StateSnapshot {
    this.flushDeferred();
    return { version: this.version, state: this.told };
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes fields (a new list is a new `buckets` array); `quiet` holds the change back (see the class comment). */
  update(fields: StateFields, options: { quiet?: boolean } = {}): void {
    if (this.closed) return;
    let next: AppState | undefined;
    for (const key of Object.keys(fields) as (keyof AppState)[]) {
      const value = fields[key];
      if (value === undefined || value === this.latest[key]) continue;
      next ??= { ...this.latest };
      (next as unknown as Record<string, unknown>)[key] = value;
    }
    if (next) this.latest = next;
    if (!options.quiet) this.publish();
  }

  flushDeferred(): void {
    this.publish();
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  /** Tells the views what changed since they were last told: the patch is the difference of the two states. */
  private publish(): void {
    const before = this.told;
    const after = this.latest;
    if (before === after || this.closed) return;
    const patch: StatePatch = { base: this.version, version: this.version + 1 };
    let changed = false;
    for (const field of FIELDS) {
      if (after[field] === before[field]) continue;
      (patch as unknown as Record<string, unknown>)[field] = after[field];
      changed = true;
    }
    const buckets = diffBuckets(before.buckets, after.buckets);
    if (buckets.upsert.length > 0 || buckets.remove.length > 0 || buckets.moved) {
      patch.buckets = buckets;
      changed = true;
    }
    this.told = after;
    if (!changed) return;
    this.version = patch.version;
    for (const listener of this.listeners) listener(patch, after);
  }
}
