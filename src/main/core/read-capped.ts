import { ApiFailure } from './api-errors';

const TOO_LARGE = 'Flashback sent a response too large to be a bucket list.';

/**
 * Reads the body as text, never more than `maxBytes`, and gives up the moment `signal`
 * aborts (the request's one deadline), even when the server sends headers and then
 * nothing, or trickles a byte at a time.
 */
export async function readTextCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ApiFailure('invalid-response', TOO_LARGE);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(signal.reason);
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) throw new ApiFailure('invalid-response', TOO_LARGE);
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  return text + decoder.decode();
}
