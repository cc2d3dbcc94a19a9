import type { BucketView } from '../../shared/contract';
import { comparatorFor, type BucketComparator } from '../../shared/list-order';
import type { WatchLines } from '../../shared/wire';
import { indexOne, workspaceNamesOf, type IndexedBucket, type WorkspaceNames } from './bucket-query';
import { indexInSlices } from './index-build';
import { Cells, cellsOf } from './index-cells';

/**
 * A large snapshot indexed as the wire decodes it (shared/wire.ts `WatchLines`): its buckets
 * keyed for the index a line at a time, right as each line is parsed and its buckets are fresh
 * in the cache (every pass of its own over 100,000 buckets spread through memory costs the
 * page tens of milliseconds of cache misses), and once the last line is in, the cells ordered
 * a slice per task (index-build.ts) before the snapshot is handed on. The page then takes the
 * list with its whole index and renders it once: no first screen, no second render.
 */
interface IndexedList {
  names: WorkspaceNames;
  compare: BucketComparator;
  entries: IndexedBucket[];
}

const indexedLists = new WeakMap<readonly BucketView[], IndexedList>();

/** Indexes a snapshot's lines with the workspace names and the order its own state holds. */
export const indexLines: WatchLines = (head) => {
  const names = workspaceNamesOf(head.state.workspaces);
  const compare = comparatorFor(head.state.settings.listOrder);
  const cellOf = cellsOf(compare);
  const cells = new Cells<IndexedBucket>(compare);
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
    async done(buckets, yieldTask) {
      const keyed = { entries: lines.length === 1 ? lines[0]! : ([] as IndexedBucket[]).concat(...lines), cells: cellOf ? cells.inOrder() : undefined };
      const entries = await indexInSlices(buckets, names, () => false, yieldTask, compare, keyed);
      if (entries) indexedLists.set(buckets, { names, compare, entries });
    },
  };
};

/** The list's whole index, made as it was decoded, for these names in this order; forgotten here once taken. */
export function takeIndex(buckets: readonly BucketView[], names: WorkspaceNames, compare: BucketComparator): IndexedBucket[] | undefined {
  const indexed = indexedLists.get(buckets);
  if (!indexed || indexed.names !== names || indexed.compare !== compare) return undefined;
  indexedLists.delete(buckets);
  return indexed.entries;
}
