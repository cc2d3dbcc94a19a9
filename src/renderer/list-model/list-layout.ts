import { isGroup, type ListItem } from './bucket-query';

export const ROW_HEIGHT = 76;
const GROUP_HEIGHT = 30;

/**
 * Where each item of the windowed list sits. An ungrouped list needs no table (every row is
 * as tall), so a new list of 100,000 costs nothing here; with groups, typed arrays, no maps.
 */
interface ListLayout {
  /** The whole list's height, rows still to come included. */
  height: number;
  /** Buckets among the items. */
  buckets: number;
  top(index: number): number;
  /** 1-based position among the buckets; 0 for a group heading. */
  position(index: number): number;
  /** Item index of the bucket at 0-based position `p` (clamped to the buckets there are). */
  bucketAt(p: number): number | undefined;
  /** Index of the item under `y` (0 above the list, the item count below it). */
  itemAt(y: number): number;
}

/** `pendingRows`: rows not in `items` yet (a first screen, see use-list-index.ts), below them. */
export function listLayout(items: readonly ListItem[], grouped: boolean, pendingRows = 0): ListLayout {
  const count = items.length;
  const clampBucket = (p: number, total: number) => (total === 0 ? undefined : Math.min(total - 1, Math.max(0, p)));
  if (!grouped) {
    return {
      height: (count + pendingRows) * ROW_HEIGHT,
      buckets: count,
      top: (index) => index * ROW_HEIGHT,
      position: (index) => index + 1,
      bucketAt: (p) => clampBucket(p, count),
      itemAt: (y) => Math.min(count, Math.max(0, Math.floor(y / ROW_HEIGHT))),
    };
  }
  const offsets = new Float64Array(count + 1);
  const positions = new Int32Array(count);
  const bucketIndexes = new Int32Array(count);
  let buckets = 0;
  for (let i = 0; i < count; i++) {
    const group = isGroup(items[i]!);
    offsets[i + 1] = offsets[i]! + (group ? GROUP_HEIGHT : ROW_HEIGHT);
    if (!group) {
      bucketIndexes[buckets] = i;
      positions[i] = ++buckets;
    }
  }
  return {
    height: offsets[count]! + pendingRows * ROW_HEIGHT,
    buckets,
    top: (index) => offsets[index]!,
    position: (index) => positions[index]!,
    bucketAt: (p) => {
      const at = clampBucket(p, buckets);
      return at === undefined ? undefined : bucketIndexes[at];
    },
    itemAt: (y) => Math.max(0, upperBound(offsets, y) - 1),
  };
}

/** First index whose offset is greater than `value` (offsets ascend). */
function upperBound(offsets: Float64Array, value: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
