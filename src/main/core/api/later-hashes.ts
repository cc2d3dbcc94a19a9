import { createHash } from 'node:crypto';
import { BOUNDARY } from './incremental-list';
import { pieceHash } from './piece-hash';
import { yieldToEventLoop } from '../platform/clock';
import { turnsFor, type SliceOptions } from '../platform/slices';

/** Buckets parsed together (hashed-list.ts): the place of the first, their bytes, and how many there were. */
export interface LaterRun {
  place: number;
  start: number;
  end: number;
  count: number;
}

/**
 * The pieces of a list that were parsed a run at a time rather than hashed one by one (a list
 * whose statuses all moved, or the first one), hashed after the list shows: the next poll
 * compares against them. Holds the body's bytes until then.
 */
export interface LaterHashes {
  bytes: Buffer;
  runs: LaterRun[];
  /** Runs hashed so far. */
  done: number;
  /** Whether the body's SHA-1 is still to be made (it was known to differ from the last without it). */
  digest: boolean;
  running?: Promise<void>;
}

/** A list whose hashes may still be coming (hashed-list.ts `HashedList`). */
interface Hashable {
  hashes: Float64Array;
  marks: Int32Array;
  digest?: Buffer;
  later?: LaterHashes;
}

/**
 * Hashes the list's remaining runs, a slice of time per turn, and lets go of the bytes; resolves
 * at once when there are none. Called twice, the second call joins the first. Stopped by the
 * signal, it keeps its place: the next call goes on from there. A run that does not cut into
 * as many pieces as it held buckets (a `},{"` inside a string) keeps NaN hashes, which match
 * nothing: its buckets are parsed again next time.
 */
export function finishHashes(list: Hashable, options: SliceOptions): Promise<void> {
  const later = list.later;
  if (!later) return Promise.resolve();
  later.running ??= hashRuns(list, later, options).finally(() => {
    later.running = undefined;
  });
  return later.running;
}

async function hashRuns(list: Hashable, later: LaterHashes, options: SliceOptions): Promise<void> {
  const { bytes, runs } = later;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (options.signal?.aborted) throw options.signal.reason;
  const turnDue = turnsFor(options, Number.POSITIVE_INFINITY);
  while (later.done < runs.length) {
    const run = runs[later.done]!;
    const turn = turnDue(run.count);
    if (turn) await turn();
    hashRun(bytes, run, list, view);
    later.done++;
  }
  if (later.digest) {
    list.digest = await digestInSlices(bytes, options);
    later.digest = false;
  }
  if (list.later === later) list.later = undefined;
}

/** Every MARK_EVERY-th piece's start is kept (hashed-list.ts `HashedList.marks`). */
export const MARK_EVERY = 1024;

function hashRun(bytes: Buffer, run: LaterRun, list: Hashable, view: DataView): void {
  const found = new Float64Array(run.count);
  const starts: number[] = [];
  let start = run.start;
  for (let k = 0; ; k++) {
    if (k === run.count) return;
    const boundary = bytes.indexOf(BOUNDARY, start);
    // The run's last piece ends where the next run's boundary starts.
    const last = boundary < 0 || boundary + 1 >= run.end;
    const end = last ? run.end : boundary + 1;
    found[k] = pieceHash(bytes, start, end, view);
    if ((run.place + k) % MARK_EVERY === 0) starts.push(run.place + k, start);
    if (last) {
      if (k + 1 !== run.count) return;
      list.hashes.set(found, run.place);
      for (let m = 0; m < starts.length; m += 2) list.marks[starts[m]! / MARK_EVERY] = starts[m + 1]!;
      return;
    }
    start = boundary + 2;
  }
}

/** Bytes hashed between turns: about 2–4 ms of native SHA-1 on this 2-core VM. */
const DIGEST_SLICE = 1 << 20;

/**
 * The body's SHA-1, a megabyte per turn of the event loop. Native hashing of 23 MB (100,000
 * buckets) is a few tens of milliseconds, where cutting and hashing every piece in script is
 * most of a second: an unchanged body, the common poll, costs only this.
 */
export async function digestInSlices(bytes: Buffer, options: SliceOptions): Promise<Buffer> {
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
