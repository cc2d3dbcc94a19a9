import { createHash } from 'node:crypto';
import { checkBucket, shareStrings, type ParsedBucket } from './bucket-schema';
import { BOUNDARY, listBounds } from './incremental-list';
import { HashIndex } from './hash-index';
import { pieceHash } from './piece-hash';
import { yieldToEventLoop } from '../platform/clock';
import { turnsFor, type SliceOptions } from '../platform/slices';

/**
 * A large bucket list as the next poll compares against it: one hash per bucket's bytes,
 * and the bucket parsed from them. The bytes themselves are not kept (23 MB at 100,000
 * buckets, more than the parsed list), so a body is read, compared, parsed where it changed
 * and let go.
 */
export interface HashedList {
  hashes: Float64Array;
  buckets: ParsedBucket[];
  /** SHA-1 of the whole body: the same body again (most polls) is known without cutting a piece. */
  digest: Buffer;
}

/**
 * Pieces found nowhere near their place before the previous list is indexed by hash: a few
 * changed buckets (the common changed poll) are parsed, which costs far less than a map of
 * every hash; a list in another order misses more and gets the index.
 */
const MISSES_BEFORE_INDEX = 64;

interface SlicedParse {
  list: HashedList;
  unchanged: boolean;
  /** Whether the previous list had to be indexed by hash. */
  indexed: boolean;
  /** Each bucket's place in the previous list (its object reused there), -1 for one parsed; undefined when unchanged. */
  from: Int32Array | undefined;
}

/** Misses parsed at a time: one `JSON.parse` of their bytes together costs far less than one each. */
const PARSE_AT_ONCE = 256;

/**
 * The buckets of `count` consecutive pieces, `bytes[start, end)` (`{…},{…}`), parsed at once;
 * undefined when one is not a bucket on its own. Without a `[` in them no `},{"` there can be
 * inside a bucket (it would be inside a nested list), so if they parse as a list of `count`
 * objects, each piece is exactly one of them, as parsing them one by one would find. With a
 * `[`, they are parsed one by one (and a piece cut out of a nested list fails there).
 */
function parsePieces(bytes: Buffer, starts: readonly number[], ends: readonly number[], from: number, count: number): ParsedBucket[] | undefined {
  const start = starts[from]!;
  const end = ends[from + count - 1]!;
  const out: ParsedBucket[] = [];
  try {
    if (!bytes.subarray(start, end).includes(0x5b)) {
      // The bytes either side (a comma, or the list's bracket or white space) become the brackets
      // of a list while the text is made: one flat string for JSON.parse, not a second copy.
      const opening = bytes[start - 1]!;
      const closing = bytes[end]!;
      bytes[start - 1] = 0x5b;
      bytes[end] = 0x5d;
      let text: string;
      try {
        text = bytes.toString('utf8', start - 1, end + 1);
      } finally {
        bytes[start - 1] = opening;
        bytes[end] = closing;
      }
      const items: unknown = JSON.parse(text);
      if (!Array.isArray(items) || items.length !== count) return undefined;
      for (const item of items) {
        const bucket = checkBucket(item);
        if (!bucket) return undefined;
        out.push(bucket);
      }
      return out;
    }
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

/**
 * The new list from `bytes`, a slice of work per turn of the event loop: each bucket's bytes
 * are cut (see incremental-list.ts for why `},{"` is a boundary), hashed and looked up
 * among the previous list's, first at the same place (following an insertion or removal),
 * then by hash anywhere (a list in another order); only a bucket seen nowhere is parsed
 * and checked, a run of them at once. `unchanged`: every bucket is where it was, the same.
 * Undefined when a piece is not a bucket on its own: the caller parses the whole body (and
 * says what is wrong).
 */
export async function parseInSlices(
  bytes: Buffer,
  previous: HashedList | undefined,
  options: SliceOptions,
  /** The body's SHA-1 when it is known already (made as it arrived, see read-capped.ts). */
  known?: Buffer,
): Promise<SlicedParse | undefined> {
  const digest = known ?? (await digestInSlices(bytes, options));
  if (previous?.digest.equals(digest)) return { list: previous, unchanged: true, indexed: false, from: undefined };
  const range = listBounds(bytes);
  if (range === undefined) return undefined;
  const hashes: number[] = [];
  const buckets: ParsedBucket[] = [];
  /** Where each bucket was in the previous list (its object reused), or -1 (parsed). */
  const from: number[] = [];
  const before = previous?.hashes;
  const count = before?.length ?? 0;
  let anywhere: HashIndex | undefined;
  /** Places of pieces parsed while there was no index yet. */
  const missed: number[] = [];
  /** Of those, the ones that are not the bucket that was at their place (a changed bucket is): many mean another order. */
  let elsewhere = 0;
  /** Misses not parsed yet: their places in the list, bytes, and the previous place each was looked for at. */
  const pending: { places: number[]; starts: number[]; ends: number[]; expected: number[] } = { places: [], starts: [], ends: [], expected: [] };
  let shift = 0;
  let moved = false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  /** Parses the pending misses; false when one is not a bucket. */
  const parsePending = (): boolean => {
    const n = pending.places.length;
    if (n === 0) return true;
    const parsed = parsePieces(bytes, pending.starts, pending.ends, 0, n);
    if (!parsed) return false;
    for (let k = 0; k < n; k++) {
      const place = pending.places[k]!;
      const bucket = parsed[k]!;
      buckets[place] = bucket;
      if (!before) continue;
      // The bucket that was at its place: a changed bucket (the same id) keeps that one's strings, before the new ones outlive a collection.
      const there = previous!.buckets[pending.expected[k]!];
      const same = there !== undefined && there.id === bucket.id;
      if (same) shareStrings(bucket, there);
      if (anywhere) continue;
      missed.push(place);
      if (!same) elsewhere++;
    }
    pending.places.length = pending.starts.length = pending.ends.length = pending.expected.length = 0;
    return true;
  };
  /** Before each item: the event loop's turn once the slice has taken its time (platform/slices.ts), else undefined. */
  const turnDue = turnsFor(options, Number.POSITIVE_INFINITY);
  let turn: (() => Promise<void>) | undefined;
  let start = range === 'empty' ? -1 : range.start;
  while (range !== 'empty' && start >= 0) {
    if ((turn = turnDue())) await turn();
    const boundary = bytes.indexOf(BOUNDARY, start);
    const last = boundary < 0 || boundary >= range.end;
    const end = last ? range.end : boundary + 1;
    const hash = pieceHash(bytes, start, end, view);
    const i = hashes.length;
    let found = -1;
    if (before) {
      const j = i + shift;
      if (before[j] === hash) found = j;
      else if (before[j + 1] === hash) found = j + 1;
      else if (j > 0 && before[j - 1] === hash) found = j - 1;
      else if (anywhere) found = anywhere.get(hash);
      else if (elsewhere >= MISSES_BEFORE_INDEX) {
        // Many buckets away from their place: a list in another order. From here on every
        // piece is looked up anywhere, and those parsed meanwhile become their old objects.
        anywhere = new HashIndex(before.length);
        for (let k = 0; k < before.length; k++) {
          if ((turn = turnDue())) await turn();
          // The first place of each hash (a repeated bucket is left to the tracker, which keeps the first).
          anywhere.add(before[k]!, k);
        }
        for (const place of missed) {
          const old = anywhere.get(hashes[place]!);
          if (old >= 0) {
            buckets[place] = previous!.buckets[old]!;
            from[place] = old;
          }
        }
        found = anywhere.get(hash);
      }
      if (found >= 0) {
        if (found !== i) moved = true;
        shift = found - i;
      }
    }
    hashes.push(hash);
    from.push(found);
    if (found >= 0) buckets.push(previous!.buckets[found]!);
    else {
      moved = true;
      buckets.push(undefined as never); // parsed with the run it belongs to
      pending.places.push(i);
      pending.starts.push(start);
      pending.ends.push(end);
      pending.expected.push(i + shift);
    }
    // A run of misses is parsed when it ends, when it is long, and soon while the order is in question.
    const waiting = pending.places.length;
    if (waiting > 0 && (found >= 0 || last || waiting >= (before && !anywhere ? MISSES_BEFORE_INDEX : PARSE_AT_ONCE))) {
      if (!parsePending()) return undefined;
    }
    start = last ? -1 : boundary + 2;
  }
  const unchanged = previous !== undefined && !moved && buckets.length === count;
  return { list: { hashes: Float64Array.from(hashes), buckets, digest }, unchanged, indexed: anywhere !== undefined, from: Int32Array.from(from) };
}

/** Bytes hashed between turns: about 2–4 ms of native SHA-1 on this 2-core VM. */
const DIGEST_SLICE = 1 << 20;

/**
 * The body's SHA-1, a megabyte per turn of the event loop. Native hashing of 23 MB (100,000
 * buckets) is a few tens of milliseconds, where cutting and hashing every piece in script is
 * most of a second: an unchanged body, the common poll, costs only this.
 */
async function digestInSlices(bytes: Buffer, options: SliceOptions): Promise<Buffer> {
  const hash = createHash('sha1');
  for (let at = 0; at < bytes.length; at += DIGEST_SLICE) {
    if (at > 0) {
      await (options.yieldTurn ?? yieldToEventLoop)();
      if (options.signal?.aborted) throw options.signal.reason;
    }
    hash.update(bytes.subarray(at, at + DIGEST_SLICE));
  }
  return hash.digest();
}
