import { useEffect } from 'preact/hooks';
import { searchText, type IndexedBucket } from './bucket-query';

/**
 * Makes the search text of every bucket while the popover is idle after a new list, so the
 * first render does not wait for it and the first keystroke does not pay for it either.
 * Stops as soon as the list changes again; nothing is scheduled while no list (or only a
 * first screen, see use-list-index.ts) is there.
 */
export function useSearchWarmup(indexed: readonly IndexedBucket[] | undefined): void {
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function' || !indexed?.length) return;
    let next = 0;
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      while (next < indexed.length && deadline.timeRemaining() > 1) {
        for (const end = Math.min(indexed.length, next + 500); next < end; next++) searchText(indexed[next]!);
      }
      if (next < indexed.length) handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
  }, [indexed]);
}
