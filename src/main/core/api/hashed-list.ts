import { sameAsParsed } from '../../../shared/documented-fields';
import { shareStrings, type ParsedBucket } from './bucket-schema';
import { BOUNDARY, listBounds } from './incremental-list';
import { HashIndex } from './hash-index';
import { digestInSlices, finishHashes, MARK_EVERY, type LaterHashes, type LaterRun } from './later-hashes';
import { provedDifferent } from './proved-different';
import { pieceHash } from './piece-hash';
import { hasNestedList, parsePieces, parseRun } from './piece-runs';
import { yieldToEventLoop } from '../platform/clock';
import { turnsFor, type SliceOptions } from '../platform/slices';

/**
 * A large bucket list as the next poll compares against it: one hash per bucket's bytes,
 * and the bucket parsed from them. The bytes themselves are not kept (23 MB at 100,000
 * buckets, more than the parsed list), so a body is read, compared, parsed where it changed
 * and let go.
 */
export interface HashedList {
  /** One per bucket; NaN for one not hashed yet (see `later`), which matches nothing: its bucket is parsed again. */
  hashes: Float64Array;
  buckets: ParsedBucket[];
  /**
   * SHA-1 of the whole body: the same body again (most polls) is known without cutting a
   * piece. Undefined until made (see `later`) when the body was known to differ from the last
   * without it.
   */
  digest?: Buffer;
  /** Where every MARK_EVERY-th piece starts in the body (-1 where not known yet): a body that differs is told by these, before its SHA-1. */
  marks: Int32Array;
  /** Buckets parsed a run at a time, whose pieces are hashed once the list shows (later-hashes.ts `finishHashes`). */
  later?: LaterHashes;
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
 * Changed buckets in a row, each at its place, before the rest is parsed a run at a time
 * (`parseRuns`) rather than hashed and looked up piece by piece: a list whose statuses all
 * moved is parsed whole anyway, and at 100,000 buckets cutting, hashing and keeping count of
 * each piece cost the poll 40–60 ms on top of parsing them.
 */
const WHOLE_AFTER = 256;
/** Buckets parsed at a time once the list is parsed whole (about, by the bytes so far). */
const RUN_BUCKETS = 256;

/**
 * The new list from `bytes`, a slice of work per turn of the event loop: each bucket's bytes
 * are cut (see incremental-list.ts for why `},{"` is a boundary), hashed and looked up
 * among the previous list's, first at the same place (following an insertion or removal),
 * then by hash anywhere (a list in another order); only a bucket seen nowhere is parsed
 * and checked, a run of them at once. The first list, and the rest of one whose buckets all
 * changed where they stand, is parsed a run at a time instead, and hashed after it shows (see
 * `HashedList.later`). `unchanged`: every bucket is where it was, the same. Undefined when a
 * piece is not a bucket on its own: the caller parses the whole body (and says what is wrong).
 */
export async function parseInSlices(
  bytes: Buffer,
  previous: HashedList | undefined,
  options: SliceOptions,
): Promise<SlicedParse | undefined> {
  // The last list's runs and SHA-1 are made after it showed; a poll that comes before that finishes them (a NaN would only cost a parse).
  if (previous?.later) await finishHashes(previous, options).catch(() => undefined);
  const range = listBounds(bytes);
  if (range === undefined) return undefined;
  const { start: first, end: listEnd } = range === 'empty' ? { start: -1, end: 0 } : range;
  // A body a few pieces prove different (proved-different.ts) is not the same body: its SHA-1 waits until it shows.
  const digest = previous && !provedDifferent(bytes, first, listEnd, previous) ? await digestInSlices(bytes, options) : undefined;
  if (digest && previous?.digest?.equals(digest)) return { list: previous, unchanged: true, indexed: false, from: undefined };
  const hashes: number[] = [];
  const buckets: ParsedBucket[] = [];
  /** Where each bucket was in the previous list (its object reused), or -1 (parsed). */
  const from: number[] = [];
  /** Runs parsed whole, hashed later. */
  const later: LaterRun[] = [];
  /** Place and start of each piece cut here whose place is a multiple of MARK_EVERY (see `HashedList.marks`). */
  const marked: number[] = [];
  const before = previous?.hashes;
  const count = before?.length ?? 0;
  let anywhere: HashIndex | undefined;
  /** Places of pieces parsed while there was no index yet. */
  const missed: number[] = [];
  /** Of those, the ones that are not the bucket that was at their place (a changed bucket is): many mean another order. */
  let elsewhere = 0;
  /** Changed buckets in a row at their places (see WHOLE_AFTER). */
  let streak = 0;
  /** Whether the rest is parsed a run at a time: from the start for a first list. */
  let whole = before === undefined;
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
      streak = same && !anywhere ? streak + 1 : 0;
      if (anywhere) continue;
      missed.push(place);
      if (!same) elsewhere++;
    }
    pending.places.length = pending.starts.length = pending.ends.length = pending.expected.length = 0;
    if (streak >= WHOLE_AFTER) whole = true;
    return true;
  };
  /**
   * The next run of about RUN_BUCKETS pieces, parsed at once: each bucket the same as the one
   * at its place, field by field, is that one; the others are new. Undefined when they are not
   * buckets; false when the run holds a `[` (cut piece by piece from here, see piece-runs.ts).
   * The run is left for the pieces to be cut again when many of its buckets had not changed,
   * or one was not the bucket at its place (an insertion, another order).
   */
  const parseRuns = (): boolean | undefined => {
    const place = hashes.length;
    const perBucket = place > 0 ? (start - first) / place : 256;
    const target = start + Math.ceil(perBucket * RUN_BUCKETS);
    const boundary = target >= listEnd ? -1 : bytes.indexOf(BOUNDARY, target);
    const last = boundary < 0 || boundary >= listEnd;
    const end = last ? listEnd : boundary + 1;
    if (hasNestedList(bytes, start, end)) return false;
    const run = parseRun(bytes, start, end);
    if (!run) return undefined;
    let kept = 0;
    let astray = 0;
    for (let k = 0; k < run.length; k++) {
      let bucket = run[k]!;
      let was = -1;
      const there = before && previous!.buckets[place + k + shift];
      if (there === undefined || there.id !== bucket.id) astray++;
      else {
        // The same id: its string shared at once, so the comparisons below find it by identity.
        bucket.id = there.id;
        if (sameAsParsed(bucket, there)) {
          bucket = there;
          was = place + k + shift;
          kept++;
        } else shareStrings(bucket, there);
      }
      if (was !== place + k) moved = true;
      buckets.push(bucket);
      from.push(was);
      hashes.push(Number.NaN);
    }
    later.push({ place, start, end, count: run.length });
    if (before && (kept * 4 > run.length || astray > 0)) whole = false;
    streak = 0;
    start = last ? -1 : boundary + 2;
    return true;
  };
  /** Before each item: the event loop's turn once the slice has taken its time (platform/slices.ts), else undefined. */
  const turnDue = turnsFor(options, Number.POSITIVE_INFINITY);
  let turn: (() => Promise<void>) | undefined;
  let start = first;
  while (start >= 0) {
    if (whole) {
      if ((turn = turnDue(RUN_BUCKETS))) await turn();
      const parsed = parseRuns();
      if (parsed === undefined) return undefined;
      if (parsed) continue;
      whole = false;
    }
    if ((turn = turnDue())) await turn();
    const boundary = bytes.indexOf(BOUNDARY, start);
    const last = boundary < 0 || boundary >= listEnd;
    const end = last ? listEnd : boundary + 1;
    const hash = pieceHash(bytes, start, end, view);
    const i = hashes.length;
    let found = -1;
    if (anywhere) {
      // Another order: the places either side of the last one found rarely hold it, and each look is a cache miss.
      found = anywhere.get(hash);
      if (found >= 0 && found !== i) moved = true;
    } else if (before) {
      const j = i + shift;
      if (before[j] === hash) found = j;
      else if (before[j + 1] === hash) found = j + 1;
      else if (j > 0 && before[j - 1] === hash) found = j - 1;
      else if (elsewhere >= MISSES_BEFORE_INDEX) {
        // Many buckets away from their place: a list in another order. From here on every
        // piece is looked up anywhere, and those parsed meanwhile become their old objects.
        anywhere = new HashIndex(before.length);
        for (let k = 0; k < before.length; k++) {
          if ((turn = turnDue())) await turn();
          // The first place of each hash (a repeated bucket is left to the tracker, which keeps the first); an unhashed one has none.
          if (!Number.isNaN(before[k]!)) anywhere.add(before[k]!, k);
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
    if (i % MARK_EVERY === 0) marked.push(i, start);
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
    if (found >= 0) streak = 0;
    start = last ? -1 : boundary + 2;
  }
  const unchanged = previous !== undefined && !moved && buckets.length === count;
  const marks = new Int32Array(Math.ceil(hashes.length / MARK_EVERY)).fill(-1);
  for (let k = 0; k < marked.length; k += 2) marks[marked[k]! / MARK_EVERY] = marked[k + 1]!;
  const list: HashedList = { hashes: Float64Array.from(hashes), buckets, digest, marks };
  if (later.length > 0 || !digest) list.later = { bytes, runs: later, done: 0, digest: !digest };
  return { list, unchanged, indexed: anywhere !== undefined, from: Int32Array.from(from) };
}
