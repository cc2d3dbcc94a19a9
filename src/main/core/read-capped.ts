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
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) throw new ApiFailure('invalid-response', TOO_LARGE);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', fail!);
  }
  return Buffer.concat(chunks, received);
}
