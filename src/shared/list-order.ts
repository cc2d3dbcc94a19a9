/**
 * The orders people can choose for the list (`settings.listOrder`), each one plain comparator
 * over order entries, chosen once per setting: the index sorts with it once per list change
 * (never per keystroke), wherever the index is made. Pure functions.
 */
import type { BucketView, ListOrder } from './contract';
import { byOrder, firstScreen, keepFirst, orderEntry, type FirstScreen, type OrderEntry } from './bucket-order';

export type BucketComparator = (a: OrderEntry, b: OrderEntry) => number;

/** By name key, then id, then account: problems mixed in. */
export const byName: BucketComparator = (a, b) => {
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  if (a.bucket.id !== b.bucket.id) return a.bucket.id < b.bucket.id ? -1 : 1;
  const x = a.bucket.account ?? '';
  const y = b.bucket.account ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The latest status change first (`statusSince`, ISO strings as the core writes them, which
 * sort as their times do); buckets with no change seen come last; then by name.
 */
export const byRecentChange: BucketComparator = (a, b) => {
  const x = a.bucket.statusSince ?? '';
  const y = b.bucket.statusSince ?? '';
  if (x !== y) return x > y ? -1 : 1;
  return byName(a, b);
};

/** The comparator for a setting: grouped by workspace keeps problems first inside each group. */
export function comparatorFor(order: ListOrder): BucketComparator {
  switch (order) {
    case 'name':
      return byName;
    case 'changed':
      return byRecentChange;
    case 'problems':
    case 'workspace':
      return byOrder;
  }
}

/** Whether a setting shows workspace headings. */
export const groupsByWorkspace = (order: ListOrder): boolean => order === 'workspace';

/**
 * A large list's first screen in the chosen order (see `firstScreen`): by name, cells by the
 * name's first character alone; most recently changed, one pass keeping the `rows` newest
 * (a bucket older than the last kept one costs one string comparison, no name key).
 */
export function firstScreenIn(order: ListOrder, buckets: readonly BucketView[], rows: number, keep?: (bucket: BucketView) => boolean): FirstScreen {
  if (order === 'name') return firstScreen(buckets, rows, keep, byName, () => 1);
  if (order !== 'changed') return firstScreen(buckets, rows, keep);
  const best: OrderEntry[] = [];
  let matched = 0;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    if (keep && !keep(bucket)) continue;
    matched++;
    if (best.length === rows && (bucket.statusSince ?? '') < (best[rows - 1]!.bucket.statusSince ?? '')) continue;
    keepFirst(best, orderEntry(bucket), rows, byRecentChange);
  }
  return { rows: best.map((entry) => entry.bucket), matched };
}
