import { byOrder } from '../../shared/bucket-order';
import { byName, type BucketComparator } from '../../shared/list-order';
import type { BucketView } from '../../shared/contract';
import type { IndexedBucket } from './bucket-query';

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
export function cellsOf(compare: BucketComparator): ((entry: IndexedBucket) => number) | undefined {
  if (compare === byOrder) return (entry) => cellKey(entry.problem ? 0 : 1, entry.sortName.charCodeAt(0) || 0, entry.sortName.charCodeAt(1) || 0);
  if (compare === byName) return (entry) => cellKey(0, entry.sortName.charCodeAt(0) || 0, entry.sortName.charCodeAt(1) || 0);
  return undefined;
}

export interface Cell {
  /** In the order they were added. */
  members: IndexedBucket[];
  /** The members' buckets, in the same order: a cell taken as it came gives the index its buckets without a look at each entry. */
  buckets: BucketView[];
  /** Whether they came in the order's order (each no later than the next): no sort needed. */
  ordered: boolean;
}

/** Slots of the table: rank, first and second code unit each ASCII. */
const TABLE = 2 * 128 * 128;

/**
 * Entries by cell key, each cell keeping the order entries came in and noting whether that is
 * `compare`'s order (one comparison per entry, with the member added just before it): a cell
 * of ASCII characters found in a table (no hashing per entry), any other in a map.
 */
export class Cells {
  private readonly table: Array<Cell | undefined> = new Array<Cell | undefined>(TABLE);
  private readonly other = new Map<number, Cell>();

  constructor(private readonly compare: BucketComparator) {}

  add(key: number, entry: IndexedBucket): void {
    const first = (key >>> SECOND_BITS) & 0xffff;
    const second = key & SECOND_MAX;
    let cell: Cell | undefined;
    if (first < 128 && second < 128) {
      const slot = (key >= RANK_UNIT ? 128 * 128 : 0) + first * 128 + second;
      cell = this.table[slot];
      if (!cell) {
        this.table[slot] = { members: [entry], buckets: [entry.bucket], ordered: true };
        return;
      }
    } else {
      cell = this.other.get(key);
      if (!cell) {
        this.other.set(key, { members: [entry], buckets: [entry.bucket], ordered: true });
        return;
      }
    }
    const members = cell.members;
    if (cell.ordered && this.compare(members[members.length - 1]!, entry) > 0) cell.ordered = false;
    members.push(entry);
    cell.buckets.push(entry.bucket);
  }

  /** The cells in ascending key order. */
  inOrder(): Cell[] {
    const keyed: Array<[key: number, cell: Cell]> = [...this.other];
    const table = this.table;
    for (let slot = 0; slot < TABLE; slot++) {
      const cell = table[slot];
      if (cell) keyed.push([cellKey(slot >= 128 * 128 ? 1 : 0, (slot >> 7) & 127, slot & 127), cell]);
    }
    return keyed.sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);
  }
}
