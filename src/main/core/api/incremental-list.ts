import { checkBucket, type ParsedBucket } from './bucket-schema';
import { HashIndex } from './hash-index';
import { pieceHash } from './piece-hash';

/**
 * A bucket list as bytes, cut into one byte range per bucket, with the bucket parsed from
 * each: what the next poll compares against, so only the buckets whose bytes changed are
 * parsed again. At 100,000 buckets parsing the whole body costs about 90 ms (decode,
 * `JSON.parse`, checks) and the garbage collection after it more; cutting and comparing
 * costs about 20.
 */
export interface ParsedList {
  bytes: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  buckets: ParsedBucket[];
}

/**
 * `},{"` cannot occur inside a JSON string (a quote there is escaped), so in a compact
 * list of objects it marks exactly the boundaries between them, or a boundary inside a
 * nested list of objects. The latter is caught: such a piece is not a bucket on its own,
 * so it does not parse, and the caller parses the whole body instead.
 */
export const BOUNDARY = Buffer.from('},{"');
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Where the objects of a compact `[{…},{…}]` body lie: first object byte and one past the last, or empty, or undefined for any other shape. */
export function listBounds(bytes: Buffer): { start: number; end: number } | 'empty' | undefined {
  let first = 0;
  let last = bytes.length - 1;
  while (first <= last && WHITESPACE.has(bytes[first]!)) first++;
  while (last >= first && WHITESPACE.has(bytes[last]!)) last--;
  if (bytes[first] !== 0x5b || bytes[last] !== 0x5d) return undefined; // [ … ]
  let start = first + 1;
  while (start < last && WHITESPACE.has(bytes[start]!)) start++;
  if (start === last) return 'empty';
  let end = last - 1;
  while (end > start && WHITESPACE.has(bytes[end]!)) end--;
  if (bytes[start] !== OPEN_BRACE || bytes[end] !== CLOSE_BRACE) return undefined;
  return { start, end: end + 1 };
}

/** The byte range of each object of a compact `[{…},{…}]` body; undefined for any other shape. */
export function cutList(bytes: Buffer): { starts: Int32Array; ends: Int32Array } | undefined {
  const range = listBounds(bytes);
  if (range === undefined) return undefined;
  if (range === 'empty') return { starts: new Int32Array(0), ends: new Int32Array(0) };
  let start = range.start;
  const end = range.end - 1;
  const starts: number[] = [];
  const ends: number[] = [];
  for (;;) {
    const boundary = bytes.indexOf(BOUNDARY, start);
    if (boundary < 0 || boundary > end) break;
    starts.push(start);
    ends.push(boundary + 1);
    start = boundary + 2;
  }
  starts.push(start);
  ends.push(end + 1);
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Records the cut of a body that was parsed whole, when its pieces are exactly its buckets. */
export function listFrom(bytes: Buffer, buckets: ParsedBucket[], cut = cutList(bytes)): ParsedList | undefined {
  return cut && cut.starts.length === buckets.length ? { bytes, ...cut, buckets } : undefined;
}

/** A list parsed from its changed pieces, and where each bucket was in the previous list (its object reused there), -1 for one parsed. */
interface ChangedList extends ParsedList {
  from: Int32Array;
}

/**
 * Misses whose bucket is not the one at their place (a changed bucket is) before the previous
 * list's pieces are indexed by hash: a few changed buckets cost a parse each, a list in another
 * order gets the index and then parses nothing. An all-change list never indexes.
 */
const ELSEWHERE_BEFORE_INDEX = 64;

/**
 * The new list from `bytes`, reusing the previous list's buckets wherever the bytes are the
 * same: matched by position, following one insertion or removal at a time, and once many
 * buckets are away from their place, anywhere in the previous list (by hash, then the bytes
 * compared); only the pieces found nowhere are parsed. Undefined when that would not pay
 * (more than an eighth changed: no piece is parsed past the first few) or the body has
 * another shape: the caller then parses the whole body (and reports its problems). `cut`:
 * the body's, when the caller has it (it keeps it for the whole body's list then).
 */
export function parseChanged(bytes: Buffer, previous: ParsedList, cut = cutList(bytes)): ChangedList | undefined {
  if (!cut) return undefined;
  const { starts, ends } = cut;
  const count = starts.length;
  const budget = 64 + (count >> 3);
  const buckets: ParsedBucket[] = new Array(count);
  const from = new Int32Array(count);
  const before = previous.starts.length;
  const same = (i: number, j: number) =>
    j >= 0 && j < before && bytes.compare(previous.bytes, previous.starts[j], previous.ends[j], starts[i], ends[i]) === 0;
  /** Places of the pieces found nowhere; the first of them parsed at once (to tell a changed bucket from one moved). */
  const misses: number[] = [];
  let elsewhere = 0;
  let anywhere: HashIndex | undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  /** The previous place of piece `i` by hash, its bytes checked; -1 when none. */
  const lookUp = (i: number): number => {
    const j = anywhere!.get(pieceHash(bytes, starts[i]!, ends[i]!, view));
    return j >= 0 && same(i, j) ? j : -1;
  };
  let shift = 0;
  for (let i = 0; i < count; i++) {
    const j = i + shift;
    let found = -1;
    if (same(i, j)) found = j;
    // In another order the places either side rarely hold it: the index is asked straight away.
    else if (anywhere) found = lookUp(i);
    else if (same(i, j + 1)) found = j + 1;
    else if (same(i, j - 1)) found = j - 1;
    from[i] = found;
    if (found >= 0) {
      buckets[i] = previous.buckets[found]!;
      shift = found - i;
      continue;
    }
    if (misses.push(i) > budget) return undefined;
    if (anywhere || misses.length > ELSEWHERE_BEFORE_INDEX) continue;
    const bucket = parsePiece(bytes, starts[i]!, ends[i]!);
    if (!bucket) return undefined;
    buckets[i] = bucket;
    if (previous.buckets[j]?.id !== bucket.id && ++elsewhere >= ELSEWHERE_BEFORE_INDEX) {
      // Many buckets away from their place: a list in another order. The previous pieces are
      // indexed, and those missed so far become their old objects where found.
      anywhere = indexPieces(previous);
      let kept = 0;
      for (const place of misses) {
        const old = lookUp(place);
        from[place] = old;
        if (old < 0) misses[kept++] = place;
        else buckets[place] = previous.buckets[old]!;
      }
      misses.length = kept;
    }
  }
  for (const place of misses) {
    if (buckets[place] !== undefined) continue;
    const bucket = parsePiece(bytes, starts[place]!, ends[place]!);
    if (!bucket) return undefined;
    buckets[place] = bucket;
  }
  return { bytes, starts, ends, buckets, from };
}

/** One piece parsed and checked; undefined when it is not a bucket on its own. */
function parsePiece(bytes: Buffer, start: number, end: number): ParsedBucket | undefined {
  try {
    return checkBucket(JSON.parse(bytes.toString('utf8', start, end)));
  } catch {
    return undefined;
  }
}

/** The first place of each of the list's pieces by hash (a repeated bucket is left to the tracker, which keeps the first). */
function indexPieces(list: ParsedList): HashIndex {
  const { bytes, starts, ends } = list;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const index = new HashIndex(starts.length);
  for (let k = 0; k < starts.length; k++) index.add(pieceHash(bytes, starts[k]!, ends[k]!, view), k);
  return index;
}
