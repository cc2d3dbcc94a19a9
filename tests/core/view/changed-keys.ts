import { bucketKey } from '../../../src/shared/accounts';
import type { BucketsPatch } from '../../../src/shared/contract';
import { movedKey } from '../../../src/shared/status-moves';

/** The keys of the buckets a patch changes: those it carries whole, and those whose status it moves. */
export function changedKeys(patch: BucketsPatch | undefined): string[] {
  if (!patch) return [];
  return [...patch.upsert.map(bucketKey), ...(patch.moved ?? []).flatMap((group) => group.ids.map((id) => movedKey(group, id)))];
}
