import { useEffect } from 'preact/hooks';
import type { BucketView } from '../../shared/contract';
import { notePlaces } from '../../shared/state-patch';
import { searchText, type IndexedBucket } from '../list-model/bucket-query';

/** Work per idle callback, at most. */
const STEP_MS = 10;

/**
 * While the popover is idle after a new list: notes where each bucket sits (so the list's
 * first patch does not stop to map 100,000 keys, shared/state-patch.ts), then makes the search
 * text of every bucket, so the first render does not wait for it and the first keystroke does
 * not pay for it either. Stops as soon as the list changes again; nothing is scheduled while
 * no list (or only a first screen, see use-list-index.ts) is there.
 */
export function useSearchWarmup(indexed: readonly IndexedBucket[] | undefined, buckets: readonly BucketView[]): void {
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function' || !indexed?.length) return;
    let next = 0;
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      // At most STEP_MS a turn, whatever the idle time: a key pressed meanwhile waits no longer.
      const start = performance.now();
      const hasTime = () => deadline.timeRemaining() > 1 && performance.now() - start < STEP_MS;
      if (notePlaces(buckets, hasTime)) {
        while (next < indexed.length && hasTime()) {
          for (const end = Math.min(indexed.length, next + 500); next < end; next++) searchText(indexed[next]!);
        }
      }
      if (next < indexed.length) handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
  }, [indexed, buckets]);
}
