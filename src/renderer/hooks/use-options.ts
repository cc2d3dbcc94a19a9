import { useMemo } from 'preact/hooks';
import type { BucketView } from '../../shared/contract';
import { listStats, statsOptions, type FilterOptions } from '../../shared/list-stats';

/**
 * The values the filter menus offer, from the list's stats (shared/list-stats.ts): counted once per
 * list, and after a poll's patch in time in proportion to its changes, so neither a first
 * list nor a patch waits for a pass over every bucket.
 */
export function useOptions(buckets: readonly BucketView[]): FilterOptions {
  return useMemo(() => statsOptions(listStats(buckets)), [buckets]);
}
