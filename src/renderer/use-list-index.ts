import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { BucketView } from '../shared/contract';
import type { BucketIndex, IndexedBucket, WorkspaceNames } from './bucket-query';
import { afterNextFrame } from '../shared/after-frame';
import { FIRST_SCREEN_FROM, FIRST_SCREEN_ROWS, firstScreen } from '../shared/bucket-order';

export type ListIndex =
  | { indexed: IndexedBucket[]; firstScreen?: undefined }
  /** The full index is made right after the frame that shows these rows. */
  | { indexed?: undefined; firstScreen: BucketView[] };

/**
 * The list's sorted index. The first large list a view gets (on opening, after a reload)
 * shows its first screen in the frame it arrives in, and the full index (a key and a sort
 * for every bucket) is made right after that frame. Any filter, a list the index already
 * holds, or `settle()` (the keyboard entered the list) takes the full index at once.
 */
export function useListIndex(index: BucketIndex, buckets: readonly BucketView[], names: WorkspaceNames, filtered: boolean): ListIndex & { settle(): void } {
  const [complete, setComplete] = useState<readonly BucketView[] | undefined>(undefined);
  const early = !filtered && complete !== buckets && index.empty && buckets.length >= FIRST_SCREEN_FROM;
  const result = useMemo<ListIndex>(
    () => (early ? { firstScreen: firstScreen(buckets, FIRST_SCREEN_ROWS) } : { indexed: index.update(buckets, names) }),
    [early, buckets, names],
  );
  useEffect(() => (early ? afterNextFrame(() => setComplete(buckets)) : undefined), [early, buckets]);
  const settle = useCallback(() => setComplete(buckets), [buckets]);
  return useMemo(() => ({ ...result, settle }), [result, settle]);
}
