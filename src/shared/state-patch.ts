import { bucketKey } from './accounts';
import type { AppState, BucketsPatch, BucketView, StatePatch, StateSnapshot } from './contract';

const TOP_LEVEL = ['auth', 'sync', 'settings', 'workspaces', 'notices', 'update', 'accounts', 'currentAccount', 'draft', 'desktop'] as const;

/** What a view does with a patch, given the version it holds. */
export function patchFits(version: number, patch: StatePatch): 'apply' | 'ignore' | 'resync' {
  if (patch.base === version) return 'apply';
  return patch.version <= version ? 'ignore' : 'resync';
}

/**
 * The state after `patch`. Costs time in proportion to the list once (one pass that copies
 * it, replacing and dropping by key) plus the patch, never per change over the list; a
 * patch that only changes buckets the list has costs a copy and a lookup per change.
 */
export function applyPatch(snapshot: StateSnapshot, patch: StatePatch): StateSnapshot {
  const next: AppState = { ...snapshot.state };
  for (const field of TOP_LEVEL) if (patch[field] !== undefined) (next as unknown as Record<string, unknown>)[field] = patch[field];
  if (patch.buckets) next.buckets = applyBuckets(snapshot.state.buckets, patch.buckets);
  return { version: patch.version, state: next };
}

/**
 * Where each bucket of a list sits, by key: made on a list's first patch, and handed on to
 * the next list when a patch only replaces buckets (the places stay), so a poll's few
 * changes to 100,000 buckets cost a copy of the array and a lookup each.
 */
const places = new WeakMap<readonly BucketView[], ReadonlyMap<string, number>>();

function placesOf(buckets: readonly BucketView[]): ReadonlyMap<string, number> {
  let at = places.get(buckets);
  if (!at) {
    const made = new Map<string, number>();
    for (let i = 0; i < buckets.length; i++) made.set(bucketKey(buckets[i]!), i);
    places.set(buckets, (at = made));
  }
  return at;
}

function applyBuckets(buckets: readonly BucketView[], patch: BucketsPatch): BucketView[] {
  if (patch.upsert.length === 0 && patch.remove.length === 0) return buckets as BucketView[];
  if (patch.remove.length === 0) {
    const at = placesOf(buckets);
    const where = patch.upsert.map((bucket) => at.get(bucketKey(bucket)));
    if (where.every((place) => place !== undefined)) {
      const out = buckets.slice();
      patch.upsert.forEach((bucket, i) => (out[where[i]!] = bucket));
      places.set(out, at);
      return out;
    }
  }
  const upserts = new Map(patch.upsert.map((bucket) => [bucketKey(bucket), bucket]));
  const removed = new Set(patch.remove);
  const out: BucketView[] = [];
  for (const bucket of buckets) {
    const key = bucketKey(bucket);
    if (removed.has(key)) continue;
    const replacement = upserts.get(key);
    if (replacement) {
      out.push(replacement);
      upserts.delete(key);
    } else out.push(bucket);
  }
  for (const bucket of upserts.values()) out.push(bucket);
  return out;
}

/**
 * Patches collected while a view is hidden, merged as they come: each costs time in
 * proportion to its own size (the bucket changes live in maps keyed by bucket key).
 */
export class PendingPatch {
  private readonly base: number;
  private version: number;
  private readonly fields: Omit<StatePatch, 'base' | 'version' | 'buckets'> = {};
  private readonly upserts = new Map<string, BucketView>();
  private readonly removed = new Set<string>();
  private touchedBuckets = false;

  constructor(first: StatePatch) {
    this.base = first.base;
    this.version = first.base;
    this.add(first);
  }

  add(patch: StatePatch): void {
    this.version = patch.version;
    for (const field of TOP_LEVEL) if (patch[field] !== undefined) (this.fields as Record<string, unknown>)[field] = patch[field];
    if (!patch.buckets) return;
    this.touchedBuckets = true;
    for (const id of patch.buckets.remove) {
      this.upserts.delete(id);
      this.removed.add(id);
    }
    for (const bucket of patch.buckets.upsert) {
      const key = bucketKey(bucket);
      this.removed.delete(key);
      this.upserts.set(key, bucket);
    }
  }

  /** Buckets carried: compared with the list's length to pick patch or snapshot. */
  get weight(): number {
    return this.upserts.size + this.removed.size;
  }

  toPatch(): StatePatch {
    const patch: StatePatch = { base: this.base, version: this.version, ...this.fields };
    if (this.touchedBuckets) patch.buckets = { upsert: [...this.upserts.values()], remove: [...this.removed] };
    return patch;
  }
}

/** How many buckets a patch carries: compared with the list's length to pick patch or snapshot. */
export function patchWeight(patch: StatePatch): number {
  return patch.buckets ? patch.buckets.upsert.length + patch.buckets.remove.length : 0;
}
