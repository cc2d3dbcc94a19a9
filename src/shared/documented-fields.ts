import type { Bucket, BucketView } from './contract';
import { sameApartFromStatus } from './status-moves';

/** The documented fields `bucket` holds, its id counted; `asView` counts a view's own fields too (its account, "since" and "was"). */
function documentedCount(bucket: BucketView, asView: boolean): number {
  let documented = 1;
  if (bucket.name !== undefined) documented++;
  if (bucket.storageType !== undefined) documented++;
  if (bucket.bucket !== undefined) documented++;
  if (bucket.key !== undefined) documented++;
  if (bucket.status !== undefined) documented++;
  if (bucket.workspaceId !== undefined) documented++;
  if (bucket.createdAt !== undefined) documented++;
  if (asView && bucket.account !== undefined) documented++;
  if (asView && bucket.statusSince !== undefined) documented++;
  if (asView && bucket.previousStatus !== undefined) documented++;
  return documented;
}

/** Whether `bucket` has exactly `count` keys. Counted with `for…in`, which allocates nothing: one beyond (an extra, or a documented one set to undefined) tells. */
function keysAre(bucket: object, count: number): boolean {
  let keys = 0;
  for (const _key in bucket) if (++keys > count) return false;
  return keys === count;
}

/**
 * Whether `bucket` (checked by api/bucket-schema.ts) holds the documented fields and nothing
 * else: such a bucket, freshly parsed, can become its own view (see BucketTracker.prepare)
 * instead of being copied field by field.
 */
export function onlyDocumented(bucket: Bucket): boolean {
  return keysAre(bucket, documentedCount(bucket, false));
}

/**
 * Whether `bucket` just parsed is `was` (the same bucket in the last list, perhaps made a view
 * since) field for field, with no field either holds beyond those: then `was` can stand for it
 * (the core's api/hashed-list.ts), as it does for the same bytes.
 */
export function sameAsParsed(bucket: Bucket, was: BucketView): boolean {
  return bucket.id === was.id && bucket.status === was.status && sameApartFromStatus(bucket, was) && onlyDocumented(bucket) && keysAre(was, documentedCount(was, true));
}
