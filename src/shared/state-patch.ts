import { bucketKey } from './accounts';
import type { AppState, BucketsPatch, BucketView, StatePatch, StateSnapshot } from './contract';
import { moved as movedTo, movedKey, placesInOrder, StatusMoves, type StatusFields } from './status-moves';

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

/** Places being noted while the page is idle (`notePlaces`), and how far. */
const noting = new WeakMap<readonly BucketView[], { at: Map<string, number>; next: number }>();

/**
 * Notes where the buckets of `buckets` sit while `hasTime()` says so (the page's idle time
 * after a new list), so a large list's first patch does not stop to make the map. True when
 * the map is complete.
 */
export function notePlaces(buckets: readonly BucketView[], hasTime: () => boolean): boolean {
  if (places.has(buckets)) return true;
  let work = noting.get(buckets);
  if (!work) noting.set(buckets, (work = { at: new Map(), next: 0 }));
  while (work.next < buckets.length) {
    for (const end = Math.min(buckets.length, work.next + 500); work.next < end; work.next++) work.at.set(bucketKey(buckets[work.next]!), work.next);
    if (work.next < buckets.length && !hasTime()) return false;
  }
  places.set(buckets, work.at);
  noting.delete(buckets);
  return true;
}

function placesOf(buckets: readonly BucketView[]): ReadonlyMap<string, number> {
  notePlaces(buckets, () => true);
  return places.get(buckets)!;
}

/**
 * What a patch did to a list: the list it was made from, the buckets it dropped (removed, or
 * replaced) and those it added (new, or replacements). Kept for the newest list of a line only
 * (the record of the list before is dropped, so no chain of old lists stays alive), so that
 * what is derived from a list (its index, its counts) can follow a patch in time in proportion
 * to the patch, not to the list.
 */
interface ListChange {
  from: readonly BucketView[];
  dropped: readonly BucketView[];
  added: readonly BucketView[];
}

const changes = new WeakMap<readonly BucketView[], ListChange>();

/** How `list` was made from the list before it by `applyPatch`; undefined for any other list. */
export function listChange(list: readonly BucketView[]): ListChange | undefined {
  return changes.get(list);
}

function record(out: readonly BucketView[], change: ListChange): void {
  changes.delete(change.from);
  changes.set(out, change);
}

function applyBuckets(buckets: readonly BucketView[], patch: BucketsPatch): BucketView[] {
  const { moved } = patch;
  if (patch.upsert.length === 0 && patch.remove.length === 0 && !moved) return buckets as BucketView[];
  if (patch.remove.length === 0) {
    const at = placesOf(buckets);
    const where = patch.upsert.map((bucket) => at.get(bucketKey(bucket)));
    if (where.every((place) => place !== undefined) && new Set(where).size === where.length) {
      const out = buckets.slice();
      const dropped = where.map((place) => buckets[place!]!);
      const added = patch.upsert.slice();
      patch.upsert.forEach((bucket, i) => (out[where[i]!] = bucket));
      // The places stay: the moved buckets are found, and replaced, where they are.
      if (moved)
        for (const group of moved)
          for (const place of placesInOrder(group, buckets, at)) {
            const next = movedTo(out[place]!, group);
            // Upserted and moved by one patch (a hand-made one): the upsert's entry becomes the moved bucket.
            if (out[place] !== buckets[place]) added[added.indexOf(out[place]!)] = next;
            else {
              dropped.push(buckets[place]!);
              added.push(next);
            }
            out[place] = next;
          }
      places.set(out, at);
      record(out, { from: buckets, dropped, added });
      return out;
    }
  }
  const upserts = new Map(patch.upsert.map((bucket) => [bucketKey(bucket), bucket]));
  const removed = new Set(patch.remove);
  const moves = new Map<string, StatusFields>();
  if (moved) for (const group of moved) for (const id of group.ids) moves.set(movedKey(group, id), group);
  const out: BucketView[] = [];
  const dropped: BucketView[] = [];
  const added: BucketView[] = [];
  for (const bucket of buckets) {
    const key = bucketKey(bucket);
    if (removed.has(key)) {
      dropped.push(bucket);
      continue;
    }
    let replacement = upserts.get(key);
    if (replacement) upserts.delete(key);
    const move = moves.get(key);
    if (move) replacement = movedTo(replacement ?? bucket, move);
    if (replacement) {
      out.push(replacement);
      dropped.push(bucket);
      added.push(replacement);
    } else out.push(bucket);
  }
  for (const bucket of upserts.values()) {
    const move = moves.get(bucketKey(bucket));
    const next = move ? movedTo(bucket, move) : bucket;
    out.push(next);
    added.push(next);
  }
  record(out, { from: buckets, dropped, added });
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
  /** Buckets the view holds whose status alone changed since: key → its id and latest fields (a group, shared by its ids). */
  private readonly moves = new Map<string, { id: string; fields: StatusFields }>();
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
      this.moves.delete(id);
      this.removed.add(id);
    }
    for (const bucket of patch.buckets.upsert) {
      const key = bucketKey(bucket);
      this.removed.delete(key);
      this.moves.delete(key);
      this.upserts.set(key, bucket);
    }
    for (const group of patch.buckets.moved ?? [])
      for (const id of group.ids) {
        const key = movedKey(group, id);
        // A bucket sent whole since the view's version is sent whole again, with its new status.
        const upserted = this.upserts.get(key);
        if (upserted) this.upserts.set(key, movedTo(upserted, group));
        else this.moves.set(key, { id, fields: group });
      }
  }

  /** Buckets carried: compared with the list's length to pick patch or snapshot. */
  get weight(): number {
    return this.upserts.size + this.removed.size + this.moves.size;
  }

  toPatch(): StatePatch {
    const patch: StatePatch = { base: this.base, version: this.version, ...this.fields };
    if (!this.touchedBuckets) return patch;
    patch.buckets = { upsert: [...this.upserts.values()], remove: [...this.removed] };
    const moves = new StatusMoves();
    for (const { id, fields } of this.moves.values()) moves.add(id, fields);
    const moved = moves.toArray();
    if (moved) patch.buckets.moved = moved;
    return patch;
  }
}

/** How many whole buckets a patch carries (a moved status is a key, not a bucket): compared with the list's length to pick patch or snapshot for a view that shows. */
export function wholeBuckets(patch: StatePatch): number {
  return patch.buckets ? patch.buckets.upsert.length + patch.buckets.remove.length : 0;
}
