import { useCallback, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { BucketView, ListOrder } from '../../shared/contract';
import type { BucketIndex } from '../list-model/bucket-index';
import type { IndexedBucket, WorkspaceNames } from '../list-model/bucket-query';
import { FIRST_SCREEN_FROM, FIRST_SCREEN_ROWS } from '../../shared/bucket-order';
import { comparatorFor, firstScreenIn } from '../../shared/list-order';
import { indexInSlices } from '../list-model/index-build';
import { takeIndex } from '../list-model/keyed-lines';

type ListIndex =
  | { indexed: IndexedBucket[]; firstScreen?: undefined; pending?: undefined }
  /** The full index is being made a slice per task; meanwhile these rows, and how many more match. */
  | { indexed?: undefined; firstScreen: BucketView[]; pending: number };

/**
 * The list's sorted index in the chosen order (`order`, sorted once per list or order change,
 * never per keystroke), and the one way a large list shows its first screen. A list the
 * index can patch is patched at once. A large snapshot on the Electron wire comes indexed
 * already (made as it was decoded, keyed-lines.ts), and is shown whole. Another large list it would sort afresh (a new view, a
 * snapshot, another order) shows its first rows among the buckets `keep` passes (the view's
 * account and filters) in the frame it arrives in, every match counted, while the full index
 * is made a slice per task (index-build.ts). `settle()` (the keyboard entered the list) takes
 * the full index at once.
 */
export function useListIndex(index: BucketIndex, buckets: readonly BucketView[], names: WorkspaceNames, keep: ((bucket: BucketView) => boolean) | undefined, order: ListOrder = 'problems'): ListIndex & { settle(): void } {
  const compare = comparatorFor(order);
  const [built, setBuilt] = useState<{ buckets: readonly BucketView[]; compare: unknown } | undefined>(undefined);
  // A list indexed as the wire decoded it (keyed-lines.ts) comes with its whole index: no first screen.
  const ready = takeIndex(buckets, names, compare);
  if (ready) index.adopt(buckets, names, ready, compare);
  const early = (built?.buckets !== buckets || built.compare !== compare) && buckets.length >= FIRST_SCREEN_FROM && index.wouldRebuild(buckets, names, compare);
  const result = useMemo<ListIndex>(() => {
    if (!early) return { indexed: index.update(buckets, names, compare) };
    const screen = firstScreenIn(order, buckets, FIRST_SCREEN_ROWS, keep);
    return { firstScreen: screen.rows, pending: screen.matched - screen.rows.length };
  }, [early, buckets, names, compare, early ? keep : undefined]);
  // Begun as the first screen is committed, not after a frame: the build's first step is a turn
  // (index-build.ts), so the first screen is painted at the next frame all the same, and no frame is waited for.
  useLayoutEffect(() => {
    if (!early) return undefined;
    let cancelled = false;
    void indexInSlices(buckets, names, () => cancelled, undefined, compare).then((entries) => {
      if (!entries || cancelled) return;
      index.adopt(buckets, names, entries, compare);
      setBuilt({ buckets, compare });
    });
    return () => void (cancelled = true);
  }, [early, buckets, names, compare]);
  const settle = useCallback(() => setBuilt({ buckets, compare }), [buckets, compare]);
  return useMemo(() => ({ ...result, settle }), [result, settle]);
}
