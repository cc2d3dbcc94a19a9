/**
 * The order the list shows buckets in (problems first, then by name as people read it, then by
 * id), and its first screen (what a large list shows while the page sorts it whole, see
 * renderer/hooks/use-list-index.ts). Pure functions.
 */
import type { BucketView } from './contract';
import { bucketDisplayName, isProblem } from './format';

/**
 * From this many buckets on, a new list shows its first screen while the whole list is indexed
 * and sorted a slice per task. A smaller list is decoded and indexed in one go (shared/wire.ts,
 * renderer/hooks/use-list-index.ts): 10,000 buckets take a few tens of ms that way, less than the
 * first screen's pass plus a second render, slices and merges after it.
 */
export const FIRST_SCREEN_FROM = 20_000;
/** Rows in a first screen: more than a tall detached window shows, with the list's margin. */
export const FIRST_SCREEN_ROWS = 48;

/** What the order needs of a bucket, made once per bucket. */
export interface OrderEntry {
  bucket: BucketView;
  problem: boolean;
  /** See `nameKey`. */
  sortName: string;
}

/** Digit runs shorter than this are padded with zeros to it in a name key. */
const PAD_TO = 12;
/** ZEROS[n]: n zeros. */
const ZEROS = Array.from({ length: PAD_TO }, (_, n) => '0'.repeat(n));

/**
 * "Bucket 10" after "bucket 9": lower case, accents dropped, digit runs padded. Made for every
 * bucket of every new list, so the usual name (ASCII) is one pass over its characters: no
 * regular expression, no callback per digit run (tests/renderer/name-key.test.ts holds it to
 * the plain definition, `plainNameKey` there).
 */
export function nameKey(name: string): string {
  let digits = false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code > 0x7f) return padDigitRuns(name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
    if (code >= 48 && code <= 57) digits = true;
  }
  const lower = name.toLowerCase();
  return digits ? padDigitRuns(lower) : lower;
}

/** Each run of ASCII digits shorter than PAD_TO, zero-padded to it. */
function padDigitRuns(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (++i < text.length && isDigit(text.charCodeAt(i)));
    if (i - start < PAD_TO) {
      out += text.slice(copied, start) + ZEROS[PAD_TO - (i - start)];
      copied = start;
    }
  }
  return copied === 0 && out === '' ? text : out + text.slice(copied);
}

export function orderEntry(bucket: BucketView): OrderEntry {
  return { bucket, problem: isProblem(bucket), sortName: nameKey(bucketDisplayName(bucket)) };
}

/** The list's order: problems first, then by name key, then by id, then by account. */
export const byOrder = (a: OrderEntry, b: OrderEntry): number => {
  if (a.problem !== b.problem) return a.problem ? -1 : 1;
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  if (a.bucket.id !== b.bucket.id) return a.bucket.id < b.bucket.id ? -1 : 1;
  // The same bucket seen by two accounts: the first account's first, then by account id.
  const x = a.bucket.account ?? '';
  const y = b.bucket.account ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The first character of the bucket's name key, without making the key for plain ASCII
 * names: lower-cased, and '0' for a digit run the key pads.
 */
export function leadOf(name: string): number {
  if (name.length === 0) return 0;
  const code = name.charCodeAt(0);
  // An ASCII first character other than a digit leads the key whatever follows (decomposing and dropping accents keep it first): no look at the rest.
  if (code < 0x80 && (code < 48 || code > 57)) return code >= 65 && code <= 90 ? code + 32 : code;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name)) return nameKey(name).charCodeAt(0) || 0;
  let run = 1;
  while (run < 12 && isDigit(name.charCodeAt(run))) run++;
  return run < 12 ? 48 : code;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** A lead is a UTF-16 code unit; problems' cells all come before the others'. */
const CELLS_PER_RANK = 0x10000;

/** The first rows of a list, and how many buckets passed the filter in all. */
export interface FirstScreen {
  rows: BucketView[];
  matched: number;
}

/** 0 for a problem, 1 otherwise: the list's default order puts rank 0 first. */
const problemRank = (bucket: BucketView) => (isProblem(bucket) ? 0 : 1);

/**
 * The first `rows` buckets in the list's order among those `keep` passes (all when absent),
 * exactly, at a fraction of a full sort's cost: each bucket goes in a cell by its rank
 * (problem or not) and the first character of its name key (no key made), and only the
 * buckets in the cells that hold the first rows get a key and a sort. Another order whose
 * first key is the name (by name: every bucket the same rank) works the same way.
 */
export function firstScreen(
  buckets: readonly BucketView[],
  rows: number,
  keep?: (bucket: BucketView) => boolean,
  compare: (a: OrderEntry, b: OrderEntry) => number = byOrder,
  rankOf: (bucket: BucketView) => 0 | 1 = problemRank,
): FirstScreen {
  const cells = new Int32Array(buckets.length);
  /** How many buckets each cell holds: ASCII leads in a table, any other lead in a map. */
  const ascii = new Uint32Array(2 * 128);
  const other = new Map<number, number>();
  let matched = 0;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    if (keep && !keep(bucket)) {
      cells[i] = -1;
      continue;
    }
    matched++;
    const lead = leadOf(bucketDisplayName(bucket));
    const rank = rankOf(bucket);
    const cell = rank * CELLS_PER_RANK + lead;
    cells[i] = cell;
    if (lead < 128) ascii[rank * 128 + lead]!++;
    else other.set(cell, (other.get(cell) ?? 0) + 1);
  }
  const counted: Array<[cell: number, count: number]> = [...other];
  ascii.forEach((count, at) => count && counted.push([(at >> 7) * CELLS_PER_RANK + (at & 127), count]));
  counted.sort((a, b) => a[0] - b[0]);
  let last = -1;
  let seen = 0;
  for (const [cell, count] of counted) {
    last = cell;
    if ((seen += count) >= rows) break;
  }
  // The first `rows` of the candidates, in order: one comparison for a candidate after the last kept (ties keep the list's order, as a stable sort).
  const best: OrderEntry[] = [];
  for (let i = 0; i < buckets.length; i++) {
    if (cells[i]! < 0 || cells[i]! > last) continue;
    keepFirst(best, orderEntry(buckets[i]!), rows, compare);
  }
  return { rows: best.map((entry) => entry.bucket), matched };
}

/**
 * Puts `entry` in its place among `best`, the first `rows` entries so far in `compare`'s order
 * (ties keep the order they came in, as a stable sort does), and drops what falls past `rows`:
 * one comparison for an entry after the last kept.
 */
export function keepFirst(best: OrderEntry[], entry: OrderEntry, rows: number, compare: (a: OrderEntry, b: OrderEntry) => number): void {
  if (best.length === rows && compare(best[rows - 1]!, entry) <= 0) return;
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(best[mid]!, entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  best.splice(lo, 0, entry);
  if (best.length > rows) best.pop();
}
