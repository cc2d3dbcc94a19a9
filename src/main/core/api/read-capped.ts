import { ApiFailure } from './api-errors';

/** Bodies from this size on are read into reusable memory (smaller ones are cheap either way). */
export const SCRATCH_FROM_BYTES = 1 << 20;

function bufferFor(declared: number, scratch: Buffer | undefined): Buffer {
  if (declared < SCRATCH_FROM_BYTES) return Buffer.allocUnsafe(declared);
  if (scratch && scratch.length >= declared) return scratch.subarray(0, declared);
  // Room for the list to grow a little and still fit next time.
  return Buffer.allocUnsafeSlow(Math.ceil(declared * 1.125)).subarray(0, declared);
}

/** The whole memory behind bytes read by `readBytesCapped` (for reuse as `scratch`), when it has its own. */
export function scratchOf(bytes: Buffer): Buffer | undefined {
  return bytes.byteOffset === 0 && bytes.length >= SCRATCH_FROM_BYTES ? Buffer.from(bytes.buffer, 0, bytes.buffer.byteLength) : undefined;
}

/** Whether two views share a byte. */
function overlap(a: Uint8Array, b: Uint8Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

const TOO_LARGE = 'Flashback sent a response too large to be a bucket list.';

/**
 * Reads the body's bytes, never more than `maxBytes`, and gives up the moment `signal`
 * aborts (the request's one deadline), even when the server sends headers and then
 * nothing, or trickles a byte at a time. Bytes, not text: an unchanged list is recognised
 * by comparing them, without decoding anything. `last`: the previous body, when the caller
 * keeps it; each chunk is compared with it as it comes (while still in the cache), and not
 * copied while they agree: a body that repeats it whole is returned as `last` itself.
 */
export async function readBytesCapped(response: Response, maxBytes: number, signal: AbortSignal, scratch?: Buffer, last?: Buffer): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ApiFailure('invalid-response', TOO_LARGE);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  let fail: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    fail = () => reject(signal.reason);
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  // A declared length is where the bytes go as they come (no second copy of 23 MB at the
  // end): into `scratch` when it is large enough (memory already mapped: writing 23 MB
  // into fresh memory costs 70 ms on a slow machine, into touched memory 2 ms), else into
  // a new buffer with room to be the next poll's scratch. A compressed body's length is not
  // its decoded length, and a body without one is read into `scratch` as far as it goes;
  // past that (or past the declared length), the rest is read into chunks.
  const known = Number.isSafeInteger(declared) && declared > 0 && !response.headers.get('content-encoding');
  let into = known ? bufferFor(declared, scratch) : scratch;
  const chunks: Uint8Array[] = [];
  let received = 0;
  /** Whether every byte so far is `last`'s (none copied yet). Never when `last` lies in the memory bytes go to. */
  let repeating = last !== undefined && (!known || declared === last.length) && !(into && overlap(into, last));
  /** The body parts from `last`: the bytes so far are its, copied to where the body goes (`last`'s memory may be reused). */
  const leaveLast = () => {
    repeating = false;
    if (into && received <= into.length) into.set(last!.subarray(0, received), 0);
    else {
      into = undefined;
      chunks.push(last!.subarray(0, received));
    }
  };
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      if (received + value.byteLength > maxBytes) throw new ApiFailure('invalid-response', TOO_LARGE);
      if (repeating) {
        const end = received + value.byteLength;
        if (end <= last!.length && last!.compare(value, 0, value.byteLength, received, end) === 0) {
          received = end;
          continue;
        }
        leaveLast();
      }
      if (into && received + value.byteLength <= into.length) into.set(value, received);
      else {
        if (into) chunks.push(into.subarray(0, received));
        into = undefined;
        chunks.push(value);
      }
      received += value.byteLength;
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', fail!);
  }
  if (repeating && received === last!.length) return last!;
  // Shorter than `last`, all of it `last`'s.
  if (repeating) leaveLast();
  return into ? into.subarray(0, received) : Buffer.concat(chunks, received);
}
