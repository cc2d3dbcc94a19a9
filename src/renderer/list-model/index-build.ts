import type { BucketView } from '../../shared/contract';
import { byOrder } from '../../shared/bucket-order';
import type { BucketComparator } from '../../shared/list-order';
import { nextTask } from '../../shared/next-task';
import { withBuckets } from './bucket-index';
import { indexOne, type IndexedBucket, type WorkspaceNames } from './bucket-query';
import { cellKey, Cells, cellsOf, type Cell } from './index-cells';

/** A list already keyed (keyed-lines.ts): its entries in the list's order, and its cells in ascending key order (none for an order without cells). */
interface KeyedList {
  entries: IndexedBucket[];
  cells: Cell<IndexedBucket>[] | undefined;
}

/** Buckets keyed (or a cell sorted, or a run sorted) between two looks at the clock: a few ms on a slow machine. */
const RUN = 5000;
/** Work goes on in one task while it has taken less than this; then the page gets a turn. */
const TASK_BUDGET_MS = 12;

/** Entries a merge places between two looks at the clock (the last merges of 100,000 are not one task each). */
const MERGE_STEP = RUN;

type Turn = () => Promise<boolean>;

/** Two sorted runs as one, MERGE_STEP entries between turns; undefined when `turn()` says stop. */
async function merge(a: readonly IndexedBucket[], b: readonly IndexedBucket[], compare: BucketComparator, turn: Turn): Promise<IndexedBucket[] | undefined> {
  const out: IndexedBucket[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    if (!(await turn())) return undefined;
    for (const end = Math.min(out.length, k + MERGE_STEP); k < end && i < a.length && j < b.length; ) out[k++] = compare(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!;
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** `entries` sorted: runs of RUN sorted a turn each, then merged pairwise; undefined when `turn()` says stop. */
async function runsMerged(entries: readonly IndexedBucket[], compare: BucketComparator, turn: Turn): Promise<IndexedBucket[] | undefined> {
  let runs: IndexedBucket[][] = [];
  for (let start = 0; start < entries.length; start += RUN) {
    if (!(await turn())) return undefined;
    runs.push(entries.slice(start, start + RUN).sort(compare));
  }
  while (runs.length > 1) {
    const next: IndexedBucket[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const merged = i + 1 < runs.length ? await merge(runs[i]!, runs[i + 1]!, compare, turn) : runs[i]!;
      if (!merged) return undefined;
      next.push(merged);
    }
    runs = next;
  }
  return runs[0] ?? [];
}

/** How many leading characters all the members' name keys share (one native `startsWith` for most members). */
function sharedPrefix(members: readonly IndexedBucket[]): number {
  const first = members[0]!.sortName;
  let prefix = first;
  for (let i = 1; i < members.length && prefix.length > 0; i++) {
    const name = members[i]!.sortName;
    if (name.startsWith(prefix)) continue;
    let at = 0;
    while (at < prefix.length && name.charCodeAt(at) === first.charCodeAt(at)) at++;
    prefix = first.slice(0, at);
  }
  return prefix.length;
}

/**
 * The list's sorted index in `compare`'s order (the same as `indexBuckets`), made a few milliseconds per task so
 * the page keeps drawing and answering keys while 100,000 buckets are keyed and sorted, the page getting a
 * turn whenever a task has worked for TASK_BUDGET_MS (always first: the task that rendered the list's first screen ends).
 * The entries are keyed RUN per step, unless `keyed` holds them already (keyed as the snapshot's lines were
 * parsed, keyed-lines.ts). In an order with cells (index-cells.ts), each cell is then ordered on its own: one
 * whose members came in order is taken as it is, a small one sorted, a larger one split by the first
 * character its members' name keys do not share (those keys sort by it), and one whose keys are all the same
 * sorted in runs and merged. Another order: runs of RUN sorted, then merged pairwise (MERGE_STEP entries at a
 * time). Undefined when `cancelled()` turned true on the way (a newer list came).
 */
export async function indexInSlices(
  buckets: readonly BucketView[],
  names: WorkspaceNames,
  cancelled: () => boolean,
  yieldTask: () => Promise<void> = nextTask,
  compare: BucketComparator = byOrder,
  keyed?: KeyedList,
): Promise<IndexedBucket[] | undefined> {
  let taskStart = Number.NEGATIVE_INFINITY;
  /** False when a newer list came meanwhile. */
  const turn = async () => {
    if (performance.now() - taskStart >= TASK_BUDGET_MS) {
      await yieldTask();
      taskStart = performance.now();
    }
    return !cancelled();
  };
  const cellOf = cellsOf(compare);
  let pending: Cell<IndexedBucket>[];
  if (keyed) {
    if (!(await turn())) return undefined;
    if (!keyed.cells) return runsMerged(keyed.entries, compare, turn);
    pending = keyed.cells.slice().reverse();
  } else {
    const entries: IndexedBucket[] = new Array(buckets.length);
    const cells = new Cells<IndexedBucket>(compare);
    for (let start = 0; start < buckets.length; start += RUN) {
      if (!(await turn())) return undefined;
      for (let i = start; i < Math.min(buckets.length, start + RUN); i++) {
        const entry = (entries[i] = indexOne(buckets[i]!, names));
        if (cellOf) cells.add(cellOf(entry), entry);
      }
    }
    if (!cellOf) return runsMerged(entries, compare, turn);
    pending = cells.inOrder().reverse();
  }
  /** The index, and the buckets in its order, made as the entries are placed (see `bucketsOf`). */
  const entries: IndexedBucket[] = new Array(buckets.length);
  const shown: BucketView[] = new Array(buckets.length);
  let at = 0;
  // Cells still to order, the next one last.
  for (let cell = pending.pop(); cell; cell = pending.pop()) {
    if (!(await turn())) return undefined;
    let sorted: IndexedBucket[] | undefined = cell.members;
    if (cell.ordered) {
      // Taken as they came, their buckets beside them.
      const cellBuckets = cell.buckets;
      for (let i = 0; i < sorted.length; i++, at++) {
        shown[at] = cellBuckets[i]!;
        entries[at] = sorted[i]!;
      }
      continue;
    }
    if (sorted.length <= RUN) sorted.sort(compare);
    else {
      const shared = sharedPrefix(sorted);
      // Split at the first character the keys do not share (a key that ends there first); all the same key: runs.
      const split = new Cells<IndexedBucket>(compare);
      for (let i = 0; i < sorted.length; i++) split.add(sorted[i]!.sortName.length > shared ? cellKey(0, sorted[i]!.sortName.charCodeAt(shared), 1) : 0, sorted[i]!);
      const parts = split.inOrder();
      if (parts.length > 1) {
        for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]!);
        continue;
      }
      sorted = await runsMerged(sorted, compare, turn);
      if (!sorted) return undefined;
    }
    for (let i = 0; i < sorted.length; i++) {
      shown[at] = sorted[i]!.bucket;
      entries[at++] = sorted[i]!;
    }
  }
  withBuckets(entries, shown);
  return entries;
}
