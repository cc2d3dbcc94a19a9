import type { BucketView } from '../../shared/contract';
import { byOrder } from '../../shared/bucket-order';
import { byName, type BucketComparator } from '../../shared/list-order';
import { nextTask } from '../../shared/next-task';
import { withBuckets } from './bucket-index';
import { indexOne, type IndexedBucket, type WorkspaceNames } from './bucket-query';

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

/**
 * For an order whose first keys are the rank (by default, problems first) and the name key, the cell
 * an entry goes in: cells in ascending order hold the entries in the order's order, so only each
 * cell's members are sorted among themselves (as `sortedByCells` in bucket-query.ts). Undefined
 * for an order without cells (most recently changed).
 */
function cellsOf(compare: BucketComparator): ((entry: IndexedBucket) => number) | undefined {
  if (compare === byOrder) return (entry) => (entry.problem ? 0 : 0x10000) + (entry.sortName.charCodeAt(0) || 0);
  if (compare === byName) return (entry) => entry.sortName.charCodeAt(0) || 0;
  return undefined;
}

/**
 * Entries by cell key (-1 up to 0x1ffff), each cell keeping the order entries came in: a cell of
 * an ASCII character found in a table (no hashing per entry), any other in a map.
 */
class Cells {
  private readonly table: Array<IndexedBucket[] | undefined> = new Array<IndexedBucket[] | undefined>(256).fill(undefined);
  private readonly other = new Map<number, IndexedBucket[]>();

  add(key: number, entry: IndexedBucket): void {
    const char = key & 0xffff;
    if (char < 128) {
      const slot = (key >> 16) * 128 + char;
      const cell = this.table[slot];
      if (cell) cell.push(entry);
      else this.table[slot] = [entry];
      return;
    }
    const cell = this.other.get(key);
    if (cell) cell.push(entry);
    else this.other.set(key, [entry]);
  }

  /** The cells in ascending key order. */
  inOrder(): IndexedBucket[][] {
    const keyed: Array<[key: number, cell: IndexedBucket[]]> = [...this.other];
    this.table.forEach((cell, slot) => cell && keyed.push([(slot >> 7) * 0x10000 + (slot & 127), cell]));
    return keyed.sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);
  }
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
 * Whether `members` are in `compare`'s order already (a stable sort leaves them as they are: lists often
 * come so), RUN comparisons between turns and none past the first pair out of order; undefined when
 * `turn()` says stop.
 */
async function alreadyInOrder(members: readonly IndexedBucket[], compare: BucketComparator, turn: Turn): Promise<boolean | undefined> {
  for (let start = 1; start < members.length; start += RUN) {
    if (start > 1 && !(await turn())) return undefined;
    for (let i = start; i < Math.min(members.length, start + RUN); i++) if (compare(members[i - 1]!, members[i]!) > 0) return false;
  }
  return true;
}

/**
 * The list's sorted index in `compare`'s order (the same as `indexBuckets`), made a few milliseconds per task so
 * the page keeps drawing and answering keys while 100,000 buckets are keyed and sorted, the page getting a
 * turn whenever a task has worked for TASK_BUDGET_MS (always first: the task that rendered the list's first screen ends).
 * In an order with cells (`cellsOf`), RUN buckets keyed and put in their cells per step, then each cell
 * sorted on its own (a cell already in order, as lists often come, costs one comparison per entry; no
 * merge passes); a cell larger than RUN is split by the first character its members' name keys do not
 * share (those keys sort by it), and one whose keys are all the same is sorted in runs and merged.
 * Another order: runs of RUN keyed and sorted, then merged pairwise (MERGE_STEP entries at a time).
 * Undefined when `cancelled()` turned true on the way (a newer list came).
 */
export async function indexInSlices(buckets: readonly BucketView[], names: WorkspaceNames, cancelled: () => boolean, yieldTask: () => Promise<void> = nextTask, compare: BucketComparator = byOrder): Promise<IndexedBucket[] | undefined> {
  let taskStart = Number.NEGATIVE_INFINITY;
  /** False when a newer list came meanwhile. */
  const turn = async () => {
    if (performance.now() - taskStart >= TASK_BUDGET_MS) {
      await yieldTask();
      taskStart = performance.now();
    }
    return !cancelled();
  };
  const entries: IndexedBucket[] = new Array(buckets.length);
  const cellOf = cellsOf(compare);
  const cells = new Cells();
  for (let start = 0; start < buckets.length; start += RUN) {
    if (!(await turn())) return undefined;
    for (let i = start; i < Math.min(buckets.length, start + RUN); i++) {
      const entry = (entries[i] = indexOne(buckets[i]!, names));
      if (cellOf) cells.add(cellOf(entry), entry);
    }
  }
  if (!cellOf) return runsMerged(entries, compare, turn);
  /** Cells still to sort, the next one last. */
  const pending = cells.inOrder().reverse();
  /** The buckets in the index's order, made as the entries are placed (see `bucketsOf`). */
  const shown: BucketView[] = new Array(buckets.length);
  let at = 0;
  for (let cell = pending.pop(); cell; cell = pending.pop()) {
    if (!(await turn())) return undefined;
    let sorted: IndexedBucket[] | undefined = cell;
    if (cell.length <= RUN) cell.sort(compare);
    else {
      const ordered = await alreadyInOrder(cell, compare, turn);
      if (ordered === undefined) return undefined;
      if (ordered) {
        for (let i = 0; i < cell.length; i++) {
          shown[at] = cell[i]!.bucket;
          entries[at++] = cell[i]!;
        }
        continue;
      }
      const shared = sharedPrefix(cell);
      // Split at the first character the keys do not share (a key that ends there first); all the same key: runs.
      const split = new Cells();
      for (let i = 0; i < cell.length; i++) split.add(cell[i]!.sortName.length > shared ? cell[i]!.sortName.charCodeAt(shared) : -1, cell[i]!);
      const parts = split.inOrder();
      if (parts.length > 1) {
        for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]!);
        continue;
      }
      sorted = await runsMerged(cell, compare, turn);
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
