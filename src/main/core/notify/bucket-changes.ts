import type { Bucket, BucketView, StatusChangeRecord } from '../../../shared/contract';
import { onlyDocumented } from '../../../shared/documented-fields';
import { sameApartFromStatus } from '../../../shared/status-moves';
import { historyText } from './history-bounds';
import { StaleWork } from '../platform/lifetime';
import { CHECKPOINT_EVERY, runToEnd, type SlicedWork } from '../platform/slices';

export type BucketChange =
  | { type: 'added'; bucket: BucketView }
  | { type: 'removed'; bucket: BucketView }
  | { type: 'status-changed'; bucket: BucketView; previousStatus: string | undefined; status: string | undefined };

interface TrackerUpdate {
  /** True for the first list after start, sign-in or a new workspace filter: no changes reported. */
  baseline: boolean;
  views: BucketView[];
  changes: BucketChange[];
}

/** True when the bucket shows exactly what its previous view shows. */
function sameAsView(bucket: Bucket, view: BucketView): boolean {
  return bucket.status === view.status && sameApartFromStatus(bucket, view);
}

/**
 * Only the documented fields travel to the views; unknown extras stay with the API layer.
 * `fresh`: the bucket was parsed for this list and nothing else holds it: one with only the
 * documented fields becomes the view itself (no second object per changed bucket).
 */
function toView(bucket: Bucket, account: string | undefined, fresh: boolean): BucketView {
  if (fresh && onlyDocumented(bucket)) {
    const view: BucketView = bucket;
    if (account !== undefined) view.account = account;
    return view;
  }
  const view: BucketView = { id: bucket.id };
  if (account !== undefined) view.account = account;
  if (bucket.name !== undefined) view.name = bucket.name;
  if (bucket.storageType !== undefined) view.storageType = bucket.storageType;
  if (bucket.bucket !== undefined) view.bucket = bucket.bucket;
  if (bucket.key !== undefined) view.key = bucket.key;
  if (bucket.status !== undefined) view.status = bucket.status;
  if (bucket.workspaceId !== undefined) view.workspaceId = bucket.workspaceId;
  if (bucket.createdAt !== undefined) view.createdAt = bucket.createdAt;
  return view;
}

/** A known bucket: its view, and the update that last saw it (catches a repeated id without hashing it twice). */
interface Entry {
  view: BucketView;
  seen: number;
}

/** An update worked out but not yet made (see `BucketTracker.prepare`). */
export interface PreparedUpdate {
  readonly generation: number;
  readonly known: Map<string, Entry> | undefined;
  readonly order: Entry[];
  readonly replaced: Entry[];
  readonly replacements: BucketView[];
  readonly update: TrackerUpdate;
}

/**
 * Remembers the last list and turns each new one into changes, keyed by bucket id:
 * `added` (became available), `removed` (taken by a mirror repository or deleted),
 * `status-changed`. It also keeps, per bucket, since when its current status was seen.
 */
export class BucketTracker {
  private known: Map<string, Entry> | undefined;
  /** The entries in the order of the last list. */
  private order: Entry[] = [];
  private stamp = 0;
  /** What was known before the last reset: the next baseline keeps its times (a sign-in or workspace change is no change of status). */
  private remembered: Map<string, Entry> | undefined;
  /** The views last returned: a list of the same buckets, none changed, returns this very array. */
  private shown: BucketView[] | undefined;
  /** Counts commits and resets: a prepared update is made only on what it was prepared from. */
  private generation = 0;

  /**
   * `account`: set on every view (and in the removed keys); see shared/accounts.ts.
   * `recall`: a bucket's last recorded change (the status history), so a baseline's "since"
   * is when that status began, as its history says, rather than when the app looked.
   */
  constructor(
    private readonly account?: string,
    private readonly recall?: (bucketId: string) => StatusChangeRecord | undefined,
  ) {}

  reset(): void {
    this.remembered = this.known ?? this.remembered;
    this.known = undefined;
    this.order = [];
    this.shown = undefined;
    this.generation++;
  }

  /**
   * Each item of `buckets` is replaced by its view (a repeated id's item excepted): what the
   * api layer keeps to recognise the next list (hashed-list.ts) is then the views, not a
   * second copy of every bucket, and a bucket whose bytes did not change comes back as its
   * very view, which needs no comparing.
   */
  update(buckets: Bucket[], nowIso: string): TrackerUpdate {
    return this.commit(runToEnd(this.prepare(buckets, nowIso)));
  }

  /**
   * `update`'s work, a checkpoint every few hundred buckets (run it with `runInSlices`):
   * nothing the tracker believes changes until `commit`, so a poll cancelled between slices
   * leaves it as it was (only `buckets`' items may already be views: that list is dropped
   * with the poll). `from`: where each bucket was in the previous list, when the api layer
   * knows (-1 where not): a hint, checked by id like the same place, which spares a list in
   * another order a lookup by id per bucket. Where it says -1 the bucket was parsed for this
   * list alone, and may become its own view.
   */
  *prepare(buckets: Bucket[], nowIso: string, from?: Int32Array): SlicedWork<PreparedUpdate> {
    const generation = this.generation;
    const previous = this.known;
    const previousOrder = this.order;
    const changes: BucketChange[] = [];
    const views: BucketView[] = [];
    const order: Entry[] = [];
    /** Entries whose view is replaced at commit (`replaced[i]` gets `replacements[i]`). */
    const replaced: Entry[] = [];
    const replacements: BucketView[] = [];
    let found = 0;
    let added = 0;
    let created = 0;
    // A stamp of its own even if never committed: entries marked by a dropped update mean nothing to the next.
    const stamp = ++this.stamp;
    /** Ids new in this list: a repeated one keeps its first occurrence (known ids are caught by their stamp). */
    let newIds: Set<string> | undefined;
    for (let i = 0; i < buckets.length; i++) {
      if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
      const bucket = buckets[i]!;
      // The server usually keeps its order: the same place last time finds the bucket without hashing its id.
      const hint = from?.[i] ?? -1;
      let entry = previousOrder[hint >= 0 ? hint : i];
      if (entry === undefined || (entry.view !== bucket && entry.view.id !== bucket.id)) entry = previous?.get(bucket.id);
      const before = entry?.view;
      if (entry) {
        if (entry.seen === stamp) continue;
        entry.seen = stamp;
        found++;
        // Unchanged buckets keep their view object: no allocation, and views compare by identity.
        if (entry.view === bucket || sameAsView(bucket, entry.view)) {
          buckets[i] = entry.view;
          views.push(entry.view);
          order.push(entry);
          continue;
        }
      } else {
        newIds ??= new Set();
        if (newIds.has(bucket.id)) continue;
        newIds.add(bucket.id);
        added++;
      }
      const view = toView(bucket, this.account, hint < 0 && from !== undefined);
      created++;
      if (!before) {
        view.statusSince = nowIso;
        if (previous) changes.push({ type: 'added', bucket: view });
        else this.seed(view, nowIso);
        entry = { view, seen: stamp };
      } else {
        if (before.status !== view.status) {
          view.statusSince = nowIso;
          // Kept in the state until the next change (shown as "Was …"): at most as long as the history keeps it.
          view.previousStatus = before.status === undefined ? before.status : historyText(before.status);
          changes.push({ type: 'status-changed', bucket: view, previousStatus: before.status, status: view.status });
        } else {
          if (before.statusSince !== undefined) view.statusSince = before.statusSince;
          if (before.previousStatus !== undefined) view.previousStatus = before.previousStatus;
        }
        replaced.push(entry!);
        replacements.push(view);
      }
      buckets[i] = view;
      views.push(view);
      order.push(entry!);
    }
    // Every previous bucket was seen exactly when `found` equals its size; then the map stays as it is.
    let known = previous;
    if (previous === undefined || found !== previous.size || added > 0) {
      known = new Map<string, Entry>();
      for (let i = 0; i < order.length; i++) {
        if (i % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) yield;
        known.set(order[i]!.view.id, order[i]!);
      }
      if (previous) {
        let i = 0;
        for (const entry of previous.values()) {
          if (++i % CHECKPOINT_EVERY === 0) yield;
          if (entry.seen === stamp) continue;
          changes.push({ type: 'removed', bucket: entry.view });
        }
      }
    }
    // The same buckets, none changed, perhaps in another order: the views' list as it was, so
    // the store's difference is no work at all (see view/bucket-diff.ts).
    const same = previous !== undefined && created === 0 && found === previous.size && this.shown?.length === views.length;
    return { generation, known, order, replaced, replacements, update: { baseline: previous === undefined, views: same ? this.shown! : views, changes } };
  }

  /** Whether `prepared` was made from what the tracker knows now (no update or reset since). */
  isCurrent(prepared: PreparedUpdate): boolean {
    return prepared.generation === this.generation;
  }

  /** Makes a prepared update what the tracker knows; one made before another update or a reset is refused. */
  commit(prepared: PreparedUpdate): TrackerUpdate {
    if (!this.isCurrent(prepared)) throw new StaleWork('the bucket list changed while this one was compared');
    this.generation++;
    const { replaced, replacements } = prepared;
    for (let i = 0; i < replaced.length; i++) replaced[i]!.view = replacements[i]!;
    if (this.known === undefined) this.remembered = undefined;
    this.known = prepared.known;
    this.order = prepared.order;
    this.shown = prepared.update.views;
    return prepared.update;
  }

  /**
   * A bucket in a baseline: since when its status holds. The same status as before the reset
   * keeps that time; otherwise the history's last change, when it led to this status.
   */
  private seed(view: BucketView, nowIso: string): void {
    const earlier = this.remembered?.get(view.id)?.view;
    if (earlier && earlier.status === view.status) {
      if (earlier.statusSince !== undefined) view.statusSince = earlier.statusSince;
      if (earlier.previousStatus !== undefined) view.previousStatus = earlier.previousStatus;
      return;
    }
    const last = this.recall?.(view.id);
    if (!last || last.kind === 'removed' || last.at > nowIso) return;
    if (last.to !== (view.status === undefined ? undefined : historyText(view.status))) return;
    view.statusSince = last.at;
    if (last.kind === 'status' && last.from !== undefined) view.previousStatus = last.from;
  }
}
