import { useEffect, useMemo, useState } from 'preact/hooks';
import type { BucketView } from '../shared/contract';
import { FIRST_SCREEN_FROM } from '../shared/bucket-order';
import { nextTask } from '../shared/next-task';
import { filterOptions, type FilterOptions } from './bucket-query';

/**
 * The values the filter menus offer. A large list's (a pass over every bucket) are made in a
 * task of their own right after the list is shown, so neither a first list nor a poll's
 * patch waits for them; the menus keep the last values meanwhile.
 */
export function useOptions(buckets: readonly BucketView[]): FilterOptions {
  const small = buckets.length < FIRST_SCREEN_FROM;
  const now = useMemo(() => (small ? filterOptions(buckets) : undefined), [small ? buckets : undefined]);
  const [later, setLater] = useState<FilterOptions>(() => filterOptions([]));
  useEffect(() => {
    if (small) return undefined;
    let cancelled = false;
    void nextTask().then(() => cancelled || setLater(filterOptions(buckets)));
    return () => void (cancelled = true);
  }, [small ? undefined : buckets]);
  return now ?? later;
}
