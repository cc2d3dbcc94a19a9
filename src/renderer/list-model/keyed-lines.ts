import { keepFirst, type FirstScreen, type OrderEntry } from '../../shared/bucket-order';
import type { BucketView } from '../../shared/contract';
import { comparatorFor, type BucketComparator } from '../../shared/list-order';
import type { WatchLines } from '../../shared/wire';
import { indexOne, workspaceNamesOf, type IndexedBucket, type WorkspaceNames } from './bucket-query';
import { Cells, cellsOf, type Cell } from './index-cells';

/**
 * A large snapshot's buckets keyed for the index as the wire parses them, a line at a time
 * (shared/wire.ts `LineWatcher`), while each line's buckets are fresh in the cache: every pass
 * over 100,000 buckets spread through memory costs the page tens of milliseconds of cache
 * misses, so the index's keys and cells are made in the pass that parses them, not in passes
 * of their own after it. The first screen is then read off the first cells, and the full
 * index (index-build.ts) starts at ordering the cells.
 */
export interface KeyedList {
  names: WorkspaceNames;
  compare: BucketComparator;
  /** One per bucket, in the list's order. */
  entries: IndexedBucket[];
  /** In ascending key order (index-cells.ts); undefined for an order without cells. */
  cells: Cell[] | undefined;
}

const keyedLists = new WeakMap<readonly BucketView[], KeyedList>();

/** Keys a snapshot's lines with the workspace names and the order its own state holds. */
export const keyLines: WatchLines = (head) => {
  const names = workspaceNamesOf(head.state.workspaces);
  const compare = comparatorFor(head.state.settings.listOrder);
  const cellOf = cellsOf(compare);
  const cells = new Cells(compare);
  const lines: IndexedBucket[][] = [];
  return {
    line(buckets) {
      const entries: IndexedBucket[] = new Array(buckets.length);
      for (let i = 0; i < buckets.length; i++) {
        const entry = (entries[i] = indexOne(buckets[i]!, names));
        if (cellOf) cells.add(cellOf(entry), entry);
      }
      lines.push(entries);
    },
    done(buckets) {
      keyedLists.set(buckets, { names, compare, entries: lines.length === 1 ? lines[0]! : ([] as IndexedBucket[]).concat(...lines), cells: cellOf ? cells.inOrder() : undefined });
    },
  };
};

/** The list keyed as it was parsed, when it was, with these names for this order. */
export function keyedFor(buckets: readonly BucketView[], names: WorkspaceNames, compare: BucketComparator): KeyedList | undefined {
  const keyed = keyedLists.get(buckets);
  return keyed && keyed.names === names && keyed.compare === compare ? keyed : undefined;
}

/** As `keyedFor`, and forgotten here: the index takes it over (nothing kept twice while the list is shown). */
export function takeKeyed(buckets: readonly BucketView[], names: WorkspaceNames, compare: BucketComparator): KeyedList | undefined {
  const keyed = keyedFor(buckets, names, compare);
  if (keyed) keyedLists.delete(buckets);
  return keyed;
}

/**
 * The first `rows` entries in the order among those `keep` passes (all when absent), and how
 * many it passes in all: read off the first cells (entries in a later cell come after every
 * entry of an earlier one), one comparison for an entry after the last kept.
 */
export function firstScreenOfCells(keyed: KeyedList & { cells: Cell[] }, rows: number, keep?: (bucket: BucketView) => boolean): FirstScreen {
  let matched = keep ? 0 : keyed.entries.length;
  if (keep) for (let i = 0; i < keyed.entries.length; i++) if (keep(keyed.entries[i]!.bucket)) matched++;
  const best: OrderEntry[] = [];
  for (const cell of keyed.cells) {
    if (best.length >= rows) break;
    for (let i = 0; i < cell.members.length; i++) {
      const entry = cell.members[i]!;
      if (!keep || keep(entry.bucket)) keepFirst(best, entry, rows, keyed.compare);
    }
  }
  return { rows: best.map((entry) => entry.bucket), matched };
}
