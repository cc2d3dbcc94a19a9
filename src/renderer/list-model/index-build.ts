import type { BucketView } from '../../shared/contract';
import { byOrder } from '../../shared/bucket-order';
import type { BucketComparator } from '../../shared/list-order';
import { nextTask } from '../../shared/next-task';
import { indexOne, type IndexedBucket, type WorkspaceNames } from './bucket-query';

/** Buckets keyed and sorted in one go: about 10 ms on a slow machine. */
const RUN = 5000;
/** Work goes on in one task while it has taken less than this; then the page gets a turn. */
const TASK_BUDGET_MS = 12;

/** Entries a merge places between two looks at the clock (the last merges of 100,000 are not one task each). */
const MERGE_STEP = RUN;

/** Two sorted runs as one, MERGE_STEP entries between turns; undefined when `turn()` says stop. */
async function merge(a: readonly IndexedBucket[], b: readonly IndexedBucket[], compare: BucketComparator, turn: () => Promise<boolean>): Promise<IndexedBucket[] | undefined> {
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

/**
 * The list's sorted index in `compare`'s order (the same as `indexBuckets`), made a few milliseconds per task so
 * the page keeps drawing and answering keys while 100,000 buckets are keyed and sorted:
 * runs of RUN keyed and sorted, then merged pairwise (MERGE_STEP entries at a time), the page getting a
 * turn whenever a task has worked for TASK_BUDGET_MS (always first: the list's first screen
 * is drawn before).
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
  let runs: IndexedBucket[][] = [];
  for (let start = 0; start < buckets.length; start += RUN) {
    if (!(await turn())) return undefined;
    const run: IndexedBucket[] = [];
    for (let i = start; i < Math.min(buckets.length, start + RUN); i++) run.push(indexOne(buckets[i]!, names));
    runs.push(run.sort(compare));
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
