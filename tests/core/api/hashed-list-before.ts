// The large-list parse as it was before runs of misses were parsed together (kept as the oracle
// of hashed-list-runs.test.ts): one JSON.parse per missed piece, a Map index after 64 misses.
import { createHash } from 'node:crypto';
import { checkBucket, type ParsedBucket } from '../../../src/main/core/api/bucket-schema';
import { BOUNDARY, listBounds } from '../../../src/main/core/api/incremental-list';
import { yieldToEventLoop } from '../../../src/main/core/platform/clock';
import { turnsFor, type SliceOptions } from '../../../src/main/core/platform/slices';

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

/**
 * Seeded at random per process, so a server cannot aim two different buckets at one hash.
 * Two 32-bit lanes give 53 bits (a double holds them exactly): at 100,000 buckets the
 * chance that a changed bucket passes for another is about 1 in 10^11 per poll.
 */
const SEED = (Math.random() * 2 ** 32) | 0;

/** A 53-bit hash of `bytes[start, end)` (its length mixed in). */
export function pieceHash(bytes: Uint8Array, start: number, end: number): number {
  let a = SEED ^ (end - start);
  let b = Math.imul(SEED ^ 0x5bd1e995, end - start + 1);
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) & 0x1fffff);
}

/**
 * The new list from `bytes`, a slice of work per turn of the event loop: each bucket's bytes
 * are cut (see incremental-list.ts for why `},{"` is a boundary), hashed and looked up
 * among the previous list's, first at the same place (following an insertion or removal),
 * then by hash anywhere (a list in another order); only a bucket seen nowhere is parsed
 * and checked. `unchanged`: every bucket is where it was, the same. Undefined when a piece
 * is not a bucket on its own: the caller parses the whole body (and says what is wrong).
 */
export async function parseInSlices(
  bytes: Buffer,
  previous: HashedList | undefined,
  options: SliceOptions,
): Promise<{ list: HashedList; unchanged: boolean; /** whether the previous list had to be indexed by hash */ indexed: boolean } | undefined> {
  const digest = await digestInSlices(bytes, options);
  if (previous?.digest.equals(digest)) return { list: previous, unchanged: true, indexed: false };
  const range = listBounds(bytes);
  if (range === undefined) return undefined;
  const hashes: number[] = [];
  const buckets: ParsedBucket[] = [];
  const before = previous?.hashes;
  const count = before?.length ?? 0;
  let anywhere: Map<number, number> | undefined;
  /** Places of pieces parsed after a miss while there was no index yet. */
  const missed: number[] = [];
  let shift = 0;
  let moved = false;
  /** Before each item: the event loop's turn once the slice has taken its time (platform/slices.ts), else undefined. */
  const turnDue = turnsFor(options, Number.POSITIVE_INFINITY);
  let turn: (() => Promise<void>) | undefined;
  let start = range === 'empty' ? -1 : range.start;
  while (range !== 'empty' && start >= 0) {
    if ((turn = turnDue())) await turn();
    const boundary = bytes.indexOf(BOUNDARY, start);
    const last = boundary < 0 || boundary >= range.end;
    const end = last ? range.end : boundary + 1;
    const hash = pieceHash(bytes, start, end);
    const i = buckets.length;
    let found = -1;
    if (before) {
      const j = i + shift;
      if (before[j] === hash) found = j;
      else if (before[j + 1] === hash) found = j + 1;
      else if (j > 0 && before[j - 1] === hash) found = j - 1;
      else if (anywhere) found = anywhere.get(hash) ?? -1;
      else if (missed.length >= MISSES_BEFORE_INDEX) {
        // Many buckets away from their place: a list in another order. From here on every
        // piece is looked up anywhere, and those parsed meanwhile become their old objects.
        anywhere = new Map();
        for (let k = 0; k < before.length; k++) {
          if ((turn = turnDue())) await turn();
          // The first place of each hash (a repeated bucket is left to the tracker, which keeps the first).
          if (!anywhere.has(before[k]!)) anywhere.set(before[k]!, k);
        }
        for (const place of missed) {
          const old = anywhere.get(hashes[place]!);
          if (old !== undefined) buckets[place] = previous!.buckets[old]!;
        }
        found = anywhere.get(hash) ?? -1;
      }
      if (found >= 0) {
        if (found !== i) moved = true;
        shift = found - i;
      }
    }
    let bucket: ParsedBucket | undefined;
    if (found >= 0) bucket = previous!.buckets[found];
    else {
      moved = true;
      if (before && !anywhere) missed.push(i);
      try {
        bucket = checkBucket(JSON.parse(bytes.toString('utf8', start, end)));
      } catch {
        return undefined;
      }
      if (!bucket) return undefined;
    }
    hashes.push(hash);
    buckets.push(bucket!);
    start = last ? -1 : boundary + 2;
  }
  const unchanged = previous !== undefined && !moved && buckets.length === count;
  return { list: { hashes: Float64Array.from(hashes), buckets, digest }, unchanged, indexed: anywhere !== undefined };
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
