import type { Bucket, BucketsPatch, BucketView } from '../../shared/contract';

export type BucketChange =
  | { type: 'added'; bucket: BucketView }
  | { type: 'removed'; bucket: BucketView }
  | { type: 'status-changed'; bucket: BucketView; previousStatus: string | undefined; status: string | undefined };

export interface TrackerUpdate {
  /** True for the first list after start, sign-in or a new workspace filter: no changes reported. */
  baseline: boolean;
  views: BucketView[];
  changes: BucketChange[];
  /** What the views need: new or changed buckets, and the ids gone (from the previous list, or from nothing). */
  delta: BucketsPatch;
}

const VIEW_FIELDS = ['name', 'storageType', 'bucket', 'key', 'status', 'workspaceId', 'createdAt'] as const;

/** True when the bucket shows exactly what its previous view shows. */
function sameAsView(bucket: Bucket, view: BucketView): boolean {
  for (const field of VIEW_FIELDS) if (bucket[field] !== view[field]) return false;
  return true;
}

/** Only the documented fields travel to the views; unknown extras stay with the API layer. */
function toView(bucket: Bucket): BucketView {
  const view: BucketView = { id: bucket.id };
  if (bucket.name !== undefined) view.name = bucket.name;
  if (bucket.storageType !== undefined) view.storageType = bucket.storageType;
  if (bucket.bucket !== undefined) view.bucket = bucket.bucket;
  if (bucket.key !== undefined) view.key = bucket.key;
  if (bucket.status !== undefined) view.status = bucket.status;
  if (bucket.workspaceId !== undefined) view.workspaceId = bucket.workspaceId;
  if (bucket.createdAt !== undefined) view.createdAt = bucket.createdAt;
  return view;
}

/**
 * Remembers the last list and turns each new one into changes, keyed by bucket id:
 * `added` (became available), `removed` (taken by a mirror repository or deleted),
 * `status-changed`. It also keeps, per bucket, since when its current status was seen.
 */
export class BucketTracker {
  private known: Map<string, BucketView> | undefined;

  reset(): void {
    this.known = undefined;
  }

  update(buckets: readonly Bucket[], nowIso: string): TrackerUpdate {
    const previous = this.known;
    const changes: BucketChange[] = [];
    const views: BucketView[] = [];
    const changed: BucketView[] = [];
    const removedIds: string[] = [];
    let found = 0;
    for (const bucket of buckets) {
      const before = previous?.get(bucket.id);
      if (before) found++;
      // Unchanged buckets keep their view object: no allocation, and views compare by identity.
      if (before && sameAsView(bucket, before)) {
        views.push(before);
        continue;
      }
      const view = toView(bucket);
      if (!before) {
        view.statusSince = nowIso;
        if (previous) changes.push({ type: 'added', bucket: view });
      } else if (before.status !== view.status) {
        view.statusSince = nowIso;
        view.previousStatus = before.status;
        changes.push({ type: 'status-changed', bucket: view, previousStatus: before.status, status: view.status });
      } else {
        if (before.statusSince !== undefined) view.statusSince = before.statusSince;
        if (before.previousStatus !== undefined) view.previousStatus = before.previousStatus;
      }
      changed.push(view);
      views.push(view);
    }
    // Ids are unique, so every previous bucket was seen exactly when `found` equals its size.
    const membershipSame = previous !== undefined && found === previous.size && found === buckets.length;
    if (membershipSame) {
      for (const view of changed) previous.set(view.id, view);
    } else {
      const next = new Map<string, BucketView>();
      for (const view of views) next.set(view.id, view);
      if (previous) {
        for (const [id, before] of previous) {
          if (next.has(id)) continue;
          changes.push({ type: 'removed', bucket: before });
          removedIds.push(id);
        }
      }
      this.known = next;
    }
    return { baseline: previous === undefined, views, changes, delta: { upsert: changed, remove: removedIds } };
  }
}
