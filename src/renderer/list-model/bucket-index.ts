import { bucketKey } from '../../shared/accounts';
import type { BucketView } from '../../shared/contract';
import { byOrder } from '../../shared/bucket-order';
import type { BucketComparator } from '../../shared/list-order';
import { listChange } from '../../shared/state-patch';
import { indexBuckets, indexOne, type IndexedBucket, type WorkspaceNames } from './bucket-query';

const ordered = new WeakMap<readonly IndexedBucket[], BucketView[]>();

/**
 * The buckets of an index, in its order: made once per index, and kept by a patch of a few
 * changes (the same splices), so an unfiltered list of 100,000 costs no pass per poll.
 */
export function bucketsOf(entries: readonly IndexedBucket[]): BucketView[] {
  let buckets = ordered.get(entries);
  if (!buckets) ordered.set(entries, (buckets = entries.map((entry) => entry.bucket)));
  return buckets;
}

/** Tells `bucketsOf` the buckets of `entries`, in its order, made beside them (index-build.ts): no pass over the list for them. */
export function withBuckets(entries: readonly IndexedBucket[], buckets: BucketView[]): void {
  ordered.set(entries, buckets);
}

/** Entries a patch takes out or puts in place one by one (binary search, a splice each; a changed bucket is one of each); more are merged in one pass. */
const SPLICE_AT_MOST = 64;

/**
 * Keeps the sorted index across patches: a bucket whose object did not change keeps its
 * entry (patches keep unchanged buckets' identity and place), the few that changed are taken
 * out and put back in place; many are sorted alone and merged in (time in proportion to the
 * list once, not per change). Most of the list changed, or another order: one fresh sort.
 */
export class BucketIndex {
  private entries: IndexedBucket[] = [];
  /** Entries by bucket id, built when the first patch needs it (a list that only arrives once never does). */
  private lookup: Map<string, IndexedBucket> | undefined;
  private names: WorkspaceNames | undefined;
  private source: readonly BucketView[] | undefined;
  private compare: BucketComparator = byOrder;

  /** True until a non-empty list has been indexed (a new page, or after the list was emptied). */
  get empty(): boolean {
    return this.entries.length === 0;
  }

  /**
   * True when `update` would sort the whole list afresh: a new page, other workspace names,
   * another order, or a list most of whose buckets are new objects (a snapshot; a patch keeps the unchanged
   * ones). Judged from 64 buckets spread over the list.
   */
  wouldRebuild(buckets: readonly BucketView[], workspaceNames: WorkspaceNames, compare: BucketComparator = byOrder): boolean {
    if (workspaceNames !== this.names || compare !== this.compare || this.entries.length === 0) return true;
    if (buckets === this.source) return false;
    // A patch of the indexed list: the patch says how much changed, no lookup needed.
    const change = listChange(buckets);
    if (change && change.from === this.source) return change.added.length > buckets.length / 2;
    const byId = this.byId();
    const step = Math.max(1, Math.floor(buckets.length / 64));
    let sampled = 0;
    let kept = 0;
    for (let i = 0; i < buckets.length; i += step) {
      sampled++;
      if (byId.get(bucketKey(buckets[i]!))?.bucket === buckets[i]) kept++;
    }
    return kept * 2 < sampled;
  }

  /** Takes an index made elsewhere (index-build.ts) for `buckets`, sorted by `compare`. */
  adopt(buckets: readonly BucketView[], workspaceNames: WorkspaceNames, entries: IndexedBucket[], compare: BucketComparator = byOrder): void {
    this.source = buckets;
    this.compare = compare;
    this.names = workspaceNames;
    this.entries = entries;
    this.lookup = undefined;
  }

  update(buckets: readonly BucketView[], workspaceNames: WorkspaceNames, compare: BucketComparator = byOrder): IndexedBucket[] {
    if (buckets === this.source && workspaceNames === this.names && compare === this.compare) return this.entries;
    const previous = this.source ?? [];
    const rebuild = workspaceNames !== this.names || compare !== this.compare;
    this.compare = compare;
    this.source = buckets;
    this.names = workspaceNames;
    if (rebuild) return this.rebuild(buckets);
    const change = listChange(buckets);
    if (change?.from === previous) return this.follow(change.dropped, change.added, buckets.length);
    const byId = this.byId();
    const fresh: BucketView[] = [];
    /** Indexed buckets found in the new list, as they are or changed. */
    let found = 0;
    for (let i = 0; i < buckets.length; i++) {
      const bucket = buckets[i]!;
      // A patch leaves unchanged buckets as the same objects in the same places: no lookup for them.
      if (previous[i] === bucket) {
        found++;
        continue;
      }
      const entry = byId.get(bucketKey(bucket));
      if (entry) found++;
      if (entry?.bucket !== bucket) fresh.push(bucket);
    }
    const gone: IndexedBucket[] = [];
    // Only when some indexed bucket was not found does anything need to know which.
    if (found < byId.size) {
      const ids = new Set(buckets.map(bucketKey));
      for (const [id, entry] of byId) if (!ids.has(id)) gone.push(entry);
    }
    for (const bucket of fresh) {
      const old = byId.get(bucketKey(bucket));
      if (old) gone.push(old);
    }
    if (fresh.length === 0 && gone.length === 0) return this.entries;
    if (fresh.length > buckets.length / 2) return this.rebuild(buckets);
    this.entries = fresh.length + gone.length > SPLICE_AT_MOST ? this.merged(fresh, gone) : this.spliced(fresh, gone);
    return this.entries;
  }

  /**
   * A list a patch made from the indexed one (state-patch.ts `listChange`): the patch's
   * buckets are taken out and put back, no pass over the list to find them.
   */
  private follow(dropped: readonly BucketView[], added: readonly BucketView[], length: number): IndexedBucket[] {
    if (dropped.length === 0 && added.length === 0) return this.entries;
    if (added.length > length / 2) return this.rebuild(this.source!);
    // Each dropped bucket's entry is where its own order puts it: a binary search, no map of 100,000 keys.
    const gone: IndexedBucket[] = [];
    for (const bucket of dropped) {
      let entry: IndexedBucket | undefined = this.entries[position(this.entries, indexOne(bucket, this.names!), this.compare)];
      if (entry?.bucket !== bucket) entry = this.byId().get(bucketKey(bucket)); // an order with ties: look it up
      if (entry?.bucket === bucket) gone.push(entry);
    }
    this.entries = added.length + gone.length > SPLICE_AT_MOST ? this.merged(added, gone) : this.spliced(added, gone);
    return this.entries;
  }

  /** A few changes: each taken out and put back in place by binary search (in the list's buckets too, see `bucketsOf`). */
  private spliced(fresh: readonly BucketView[], gone: readonly IndexedBucket[]): IndexedBucket[] {
    const byId = this.lookup;
    const entries = this.entries.slice();
    const shown = ordered.get(this.entries)?.slice();
    for (const entry of gone) {
      const at = position(entries, entry, this.compare);
      if (entries[at] === entry) {
        entries.splice(at, 1);
        shown?.splice(at, 1);
      }
      if (byId?.get(bucketKey(entry.bucket)) === entry) byId.delete(bucketKey(entry.bucket));
    }
    for (const bucket of fresh) {
      const entry = indexOne(bucket, this.names!);
      const at = position(entries, entry, this.compare);
      entries.splice(at, 0, entry);
      shown?.splice(at, 0, bucket);
      byId?.set(bucketKey(bucket), entry);
    }
    if (shown) ordered.set(entries, shown);
    return entries;
  }

  /** Many changes: the new entries sorted alone, then one pass merges them into the kept ones. */
  private merged(fresh: readonly BucketView[], gone: readonly IndexedBucket[]): IndexedBucket[] {
    const byId = this.lookup;
    const out = new Set(gone);
    const added = fresh.map((bucket) => indexOne(bucket, this.names!)).sort(this.compare);
    const entries: IndexedBucket[] = [];
    let next = 0;
    for (const entry of this.entries) {
      if (out.has(entry)) continue;
      while (next < added.length && this.compare(added[next]!, entry) < 0) entries.push(added[next++]!);
      entries.push(entry);
    }
    while (next < added.length) entries.push(added[next++]!);
    for (const entry of gone) if (byId?.get(bucketKey(entry.bucket)) === entry) byId.delete(bucketKey(entry.bucket));
    for (const entry of added) byId?.set(bucketKey(entry.bucket), entry);
    return entries;
  }

  private rebuild(buckets: readonly BucketView[]): IndexedBucket[] {
    this.entries = indexBuckets(buckets, this.names, this.compare);
    this.lookup = undefined;
    return this.entries;
  }

  private byId(): Map<string, IndexedBucket> {
    if (!this.lookup) {
      this.lookup = new Map();
      for (const entry of this.entries) this.lookup.set(bucketKey(entry.bucket), entry);
    }
    return this.lookup;
  }
}

/** First index whose entry sorts at or after `entry`. */
function position(entries: readonly IndexedBucket[], entry: IndexedBucket, compare: BucketComparator): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(entries[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
