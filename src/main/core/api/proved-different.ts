import { BOUNDARY } from './incremental-list';
import { MARK_EVERY } from './later-hashes';
import { pieceHash } from './piece-hash';

/** Pieces at the start of a body compared with the last list's before the body's SHA-1 is made. */
const LOOK_FIRST = 16;

/**
 * True when a look at a few of the body's pieces proves it is not the last list's body: one of
 * its first pieces, or the piece at one of the last body's marks, hashes otherwise than the
 * piece there did (an identical body has the same piece there), or it ends sooner or later. A
 * NaN hash or an unknown mark proves nothing. A list whose statuses moved (a status of
 * another length shifts every mark after it), or that came in another order, is told here,
 * and its SHA-1 (13–19 ms at 100,000 buckets) is made after it shows.
 */
export function provedDifferent(bytes: Buffer, first: number, listEnd: number, previous: { hashes: Float64Array; marks: Int32Array }): boolean {
  const { hashes, marks } = previous;
  if (first < 0) return hashes.length > 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  /** Whether the piece starting at `start` hashes otherwise than piece `k` of the last list; undefined when the body ends there. */
  const differs = (k: number, start: number): boolean | undefined => {
    const boundary = bytes.indexOf(BOUNDARY, start);
    const last = boundary < 0 || boundary >= listEnd;
    const was = hashes[k]!;
    if (!Number.isNaN(was) && was !== pieceHash(bytes, start, last ? listEnd : boundary + 1, view)) return true;
    return last ? undefined : false;
  };
  let start = first;
  for (let k = 0; k < LOOK_FIRST; k++) {
    if (k >= hashes.length) return true;
    const found = differs(k, start);
    if (found === undefined) return k + 1 !== hashes.length;
    if (found) return true;
    start = bytes.indexOf(BOUNDARY, start) + 2;
  }
  for (let m = 1; m < marks.length; m++) {
    const at = marks[m]!;
    if (at < 0) continue;
    if (at >= listEnd) return true;
    const found = differs(m * MARK_EVERY, at);
    if (found || (found === undefined && m * MARK_EVERY + 1 !== hashes.length)) return true;
  }
  return false;
}
