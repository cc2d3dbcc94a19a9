import { checkBucket, type ParsedBucket } from './bucket-schema';

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Consecutive whole pieces `bytes[start, end)` (`{…},{…}`) as the list they make, in one
 * `JSON.parse`: the bytes either side (a comma, or the list's bracket or white space) become
 * its brackets while the text is made, so the text is one flat string and not a second copy.
 * Throws what `JSON.parse` throws.
 */
function parseAsList(bytes: Buffer, start: number, end: number): unknown {
  const opening = bytes[start - 1]!;
  const closing = bytes[end]!;
  bytes[start - 1] = OPEN_BRACKET;
  bytes[end] = CLOSE_BRACKET;
  let text: string;
  try {
    text = bytes.toString('utf8', start - 1, end + 1);
  } finally {
    bytes[start - 1] = opening;
    bytes[end] = closing;
  }
  return JSON.parse(text);
}

/**
 * Whether `bytes[start, end)` holds a `[`: a `},{"` inside a nested list is no boundary between
 * buckets. (One can also end a string, `"…},{"`: then a piece cut there does not parse, or a run
 * holds fewer buckets than pieces, and either is caught.)
 */
export function hasNestedList(bytes: Buffer, start: number, end: number): boolean {
  return bytes.subarray(start, end).includes(OPEN_BRACKET);
}

/**
 * The buckets in `bytes[start, end)`, whole pieces with no `[` in them (the caller checks, see
 * `hasNestedList`), parsed at once and checked; undefined when they are not a list of buckets.
 * Their items are cleaned in place (api/bucket-schema.ts), so the list parsed is the one returned.
 */
export function parseRun(bytes: Buffer, start: number, end: number): ParsedBucket[] | undefined {
  try {
    const items = parseAsList(bytes, start, end);
    if (!Array.isArray(items)) return undefined;
    for (let k = 0; k < items.length; k++) if (!checkBucket(items[k])) return undefined;
    return items as ParsedBucket[];
  } catch {
    return undefined;
  }
}

/**
 * The buckets of `count` consecutive pieces (`starts`/`ends` from `from`), parsed at once;
 * undefined when one is not a bucket on its own. Without a `[` in them no `},{"` there can be
 * inside a bucket (it would be inside a nested list), so if they parse as a list of `count`
 * objects, each piece is exactly one of them, as parsing them one by one would find. With a
 * `[`, they are parsed one by one (and a piece cut out of a nested list fails there).
 */
export function parsePieces(bytes: Buffer, starts: readonly number[], ends: readonly number[], from: number, count: number): ParsedBucket[] | undefined {
  const start = starts[from]!;
  const end = ends[from + count - 1]!;
  if (!hasNestedList(bytes, start, end)) {
    const run = parseRun(bytes, start, end);
    return run && run.length === count ? run : undefined;
  }
  const out: ParsedBucket[] = [];
  try {
    for (let k = from; k < from + count; k++) {
      const bucket = checkBucket(JSON.parse(bytes.toString('utf8', starts[k]!, ends[k]!)));
      if (!bucket) return undefined;
      out.push(bucket);
    }
    return out;
  } catch {
    return undefined;
  }
}
