import { byOrder, type OrderEntry } from '../../shared/bucket-order';
import { byName, type BucketComparator } from '../../shared/list-order';
import type { BucketView } from '../../shared/contract';

/**
 * Cells: the index's first step. In an order whose first keys are the rank (by default,
 * problems first) and the name key, each entry goes in a cell by its rank and the first two
 * characters of its name key; cells in ascending key order hold the entries in the order's
 * order, so only each cell's members are ordered among themselves, and a cell whose members
 * came in order (lists often come so) is not sorted at all.
 */

/** Bits of a cell key: rank (1), then the first code unit (16), then the second (13, larger ones share the last value). */
const SECOND_BITS = 13;
const SECOND_MAX = (1 << SECOND_BITS) - 1;
const RANK_UNIT = 1 << (16 + SECOND_BITS);

/**
 * A cell's key: ascending keys, ascending entries. Under 2^30, so a small integer (no heap number
 * per entry). Cells may share what the order tells apart (second code units past SECOND_MAX; a
 * missing second character and U+0000), never the other way round.
 */
export function cellKey(rank: number, first: number, second: number): number {
  return rank * RANK_UNIT + first * (1 << SECOND_BITS) + (second < SECOND_MAX ? second : SECOND_MAX);
}

/** The cell key of an entry in `compare`'s order; undefined for an order without cells (most recently changed). */
export function cellsOf(compare: BucketComparator): ((entry: OrderEntry) => number) | undefined {
  if (compare === byOrder) return (entry) => cellKey(entry.problem ? 0 : 1, entry.sortName.charCodeAt(0) || 0, entry.sortName.charCodeAt(1) || 0);
  if (compare === byName) return (entry) => cellKey(0, entry.sortName.charCodeAt(0) || 0, entry.sortName.charCodeAt(1) || 0);
  return undefined;
}

export interface Cell<E extends OrderEntry = OrderEntry> {
  /** In the order they were added. */
  members: E[];
  /** The members' buckets, in the same order: a cell taken as it came gives the index its buckets without a look at each entry. */
  buckets: BucketView[];
  /** Whether they came in the order's order (each no later than the next): no sort needed. */
  ordered: boolean;
}

/**
 * Entries by cell key, each cell keeping the order entries came in and noting whether that is
 * `compare`'s order (one comparison per entry, with the member added just before it). A key is
 * a small integer, so finding its cell hashes nothing.
 */
export class Cells<E extends OrderEntry> {
  private readonly cells = new Map<number, Cell<E>>();

  constructor(private readonly compare: BucketComparator) {}

  add(key: number, entry: E): void {
    const cell = this.cells.get(key);
    if (!cell) {
      this.cells.set(key, { members: [entry], buckets: [entry.bucket], ordered: true });
      return;
    }
    const members = cell.members;
    if (cell.ordered && this.compare(members[members.length - 1]!, entry) > 0) cell.ordered = false;
    members.push(entry);
    cell.buckets.push(entry.bucket);
  }

  /** The cells in ascending key order. */
  inOrder(): Cell<E>[] {
    return [...this.cells].sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);
  }
}
