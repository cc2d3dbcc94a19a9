import { checkBucket, type ParsedBucket } from './bucket-schema';

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
export function listFrom(bytes: Buffer, buckets: ParsedBucket[]): ParsedList | undefined {
  const cut = cutList(bytes);
  return cut && cut.starts.length === buckets.length ? { bytes, ...cut, buckets } : undefined;
}

/**
 * The new list from `bytes`, reusing the previous list's buckets wherever the bytes are the
 * same (matched by position, following one insertion or removal at a time), parsing only
 * the pieces that changed. Undefined when that would not pay or the body has another
 * shape: the caller then parses the whole body (and reports its problems).
 */
export function parseChanged(bytes: Buffer, previous: ParsedList): ParsedList | undefined {
  const cut = cutList(bytes);
  if (!cut) return undefined;
  const count = cut.starts.length;
  const budget = 64 + (count >> 3);
  const buckets: ParsedBucket[] = new Array(count);
  const same = (i: number, j: number) =>
    j >= 0 && j < previous.starts.length && bytes.compare(previous.bytes, previous.starts[j], previous.ends[j], cut.starts[i], cut.ends[i]) === 0;
  let shift = 0;
  let parsed = 0;
  for (let i = 0; i < count; i++) {
    const j = i + shift;
    if (same(i, j)) buckets[i] = previous.buckets[j]!;
    else if (same(i, j + 1)) {
      shift++;
      buckets[i] = previous.buckets[j + 1]!;
    } else if (same(i, j - 1)) {
      shift--;
      buckets[i] = previous.buckets[j - 1]!;
    } else {
      if (++parsed > budget) return undefined;
      let item: unknown;
      try {
        item = JSON.parse(bytes.toString('utf8', cut.starts[i], cut.ends[i]));
      } catch {
        return undefined;
      }
      const bucket = checkBucket(item);
      if (!bucket) return undefined;
      buckets[i] = bucket;
    }
  }
  return { bytes, ...cut, buckets };
}
