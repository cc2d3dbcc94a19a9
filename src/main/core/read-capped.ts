import { ApiFailure } from './api-errors';

const TOO_LARGE = 'Flashback sent a response too large to be a bucket list.';

/**
 * Reads the body's bytes, never more than `maxBytes`, and gives up the moment `signal`
 * aborts (the request's one deadline), even when the server sends headers and then
 * nothing, or trickles a byte at a time. Bytes, not text: an unchanged list is recognised
 * by comparing them, without decoding anything.
 */
export async function readBytesCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
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
  // end); a server that sends more than it declared is read into chunks like one that
  // declares nothing.
  let into = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      if (received + value.byteLength > maxBytes) throw new ApiFailure('invalid-response', TOO_LARGE);
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
  return into ? into.subarray(0, received) : Buffer.concat(chunks, received);
}
