import type { AppState, BucketsPatch, BucketView, StatePatch, StateSnapshot } from './contract';

const TOP_LEVEL = ['auth', 'sync', 'settings', 'workspaces', 'notices', 'update'] as const;

/** What a view does with a patch, given the version it holds. */
export function patchFits(version: number, patch: StatePatch): 'apply' | 'ignore' | 'resync' {
  if (patch.base === version) return 'apply';
  return patch.version <= version ? 'ignore' : 'resync';
}

/**
 * The state after `patch`. Costs time in proportion to the list once (one pass that copies
 * it, replacing and dropping by id) plus the patch, never per change over the list.
 */
export function applyPatch(snapshot: StateSnapshot, patch: StatePatch): StateSnapshot {
  const next: AppState = { ...snapshot.state };
  for (const field of TOP_LEVEL) if (patch[field] !== undefined) (next as unknown as Record<string, unknown>)[field] = patch[field];
  if (patch.buckets) next.buckets = applyBuckets(snapshot.state.buckets, patch.buckets);
  return { version: patch.version, state: next };
}

function applyBuckets(buckets: readonly BucketView[], patch: BucketsPatch): BucketView[] {
  if (patch.upsert.length === 0 && patch.remove.length === 0) return buckets as BucketView[];
  const upserts = new Map(patch.upsert.map((bucket) => [bucket.id, bucket]));
  const removed = new Set(patch.remove);
  const out: BucketView[] = [];
  for (const bucket of buckets) {
    if (removed.has(bucket.id)) continue;
    const replacement = upserts.get(bucket.id);
    if (replacement) {
      out.push(replacement);
      upserts.delete(bucket.id);
    } else out.push(bucket);
  }
  for (const bucket of upserts.values()) out.push(bucket);
  return out;
}

/** One patch from `first.base` to `second.version` (the second must start where the first ends). */
export function mergePatches(first: StatePatch, second: StatePatch): StatePatch {
  const pending = new PendingPatch(first);
  pending.add(second);
  return pending.toPatch();
}

/**
 * Patches collected while a view is hidden, merged as they come: each costs time in
 * proportion to its own size (the bucket changes live in maps keyed by id).
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
      this.removed.delete(bucket.id);
      this.upserts.set(bucket.id, bucket);
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
