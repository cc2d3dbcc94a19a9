import type { BucketView } from '../shared/contract';
import { bucketDisplayName, isProblem } from '../shared/format';
import { byKey, indexOne, nameKey, type WorkspaceNames } from './bucket-query';

/** From this many buckets on, a new list shows its first screen before the full index is made. */
export const FIRST_SCREEN_FROM = 2000;
/** Rows in a first screen: more than a tall detached window shows, with the list's margin. */
export const FIRST_SCREEN_ROWS = 48;

/**
 * The first character of the bucket's name key (see `nameKey`), without making the key for
 * plain ASCII names: lower-cased, and '0' for a digit run the key pads.
 */
export function leadOf(name: string): number {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name)) return nameKey(name).charCodeAt(0) || 0;
  if (name.length === 0) return 0;
  const code = name.charCodeAt(0);
  if (code >= 65 && code <= 90) return code + 32;
  if (code < 48 || code > 57) return code;
  let run = 1;
  while (run < 12 && isDigit(name.charCodeAt(run))) run++;
  return run < 12 ? 48 : code;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * The first `rows` buckets of the sorted list (problems first, then by name, then by id),
 * exactly as the full index will order them, at a fraction of its cost: each bucket is put
 * in a cell by its problem flag and the first character of its name key (no key made), and
 * only the buckets in the cells that hold the first rows get a key and a sort.
 */
export function firstScreen(buckets: readonly BucketView[], workspaceNames: WorkspaceNames, rows: number): BucketView[] {
  const cells = new Int32Array(buckets.length);
  /** How many buckets each cell holds: ASCII leads in a table, any other lead in a map. */
  const ascii = new Uint32Array(2 * 128);
  const other = new Map<number, number>();
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    const lead = leadOf(bucketDisplayName(bucket));
    const rank = isProblem(bucket) ? 0 : 1;
    cells[i] = rank * CELLS_PER_RANK + lead;
    if (lead < 128) ascii[rank * 128 + lead]!++;
    else other.set(cells[i]!, (other.get(cells[i]!) ?? 0) + 1);
  }
  const counted: Array<[cell: number, count: number]> = [...other];
  ascii.forEach((count, at) => count && counted.push([(at >> 7) * CELLS_PER_RANK + (at & 127), count]));
  counted.sort((a, b) => a[0] - b[0]);
  let last = 0;
  let seen = 0;
  for (const [cell, count] of counted) {
    last = cell;
    if ((seen += count) >= rows) break;
  }
  const candidates = [];
  for (let i = 0; i < buckets.length; i++) if (cells[i]! <= last) candidates.push(indexOne(buckets[i]!, workspaceNames));
  return candidates
    .sort(byKey)
    .slice(0, rows)
    .map((entry) => entry.bucket);
}

/** A lead is a UTF-16 code unit; problems' cells all come before the others'. */
const CELLS_PER_RANK = 0x10000;
