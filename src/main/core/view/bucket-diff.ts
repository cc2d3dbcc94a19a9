import { bucketKey } from '../../../shared/accounts';
import type { BucketsPatch, BucketView } from '../../../shared/contract';
import { onlyStatusMoved, StatusMoves } from '../../../shared/status-moves';

/**
 * What a view must do to turn `before` into `after`: the buckets new or changed, and the keys
 * gone. Views are never changed in place (an unchanged bucket keeps its object, see
 * notify/bucket-changes.ts), so identity decides what changed and keys are computed only for
 * what did. One pass of comparisons when the order held; two identity sets otherwise. A
 * bucket in its place whose status alone changed goes as its id in `moved`
 * (shared/status-moves.ts), not whole.
 */
export function diffBuckets(before: readonly BucketView[], after: readonly BucketView[]): BucketsPatch {
  if (before === after) return { upsert: [], remove: [] };
  // A first list (100,000 buckets at sign-in): every bucket is new, nothing to look up.
  if (before.length === 0) return { upsert: after.slice(), remove: [] };
  if (before.length === after.length) {
    const upsert: BucketView[] = [];
    const moves = new StatusMoves();
    let inPlace = true;
    for (let i = 0; i < after.length && inPlace; i++) {
      const next = after[i]!;
      const previous = before[i]!;
      if (next === previous) continue;
      if (onlyStatusMoved(previous, next)) moves.add(next.id, next);
      else if (next.id === previous.id && next.account === previous.account) upsert.push(next);
      else inPlace = false;
    }
    if (inPlace) {
      const moved = moves.toArray();
      return moved ? { upsert, remove: [], moved } : { upsert, remove: [] };
    }
  }
  const kept = new Set(before);
  const upsert = after.filter((bucket) => !kept.has(bucket));
  const stays = new Set(after);
  const replaced = new Set(upsert.map(bucketKey));
  const remove: string[] = [];
  for (const bucket of before) {
    if (stays.has(bucket)) continue;
    const key = bucketKey(bucket);
    if (!replaced.has(key)) remove.push(key);
  }
  return { upsert, remove };
}
