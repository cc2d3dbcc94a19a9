import { describe, expect, it } from 'vitest';
import { readBytesCapped } from '../../src/main/core/read-capped';

/** A response whose body arrives in the given chunks, with the given content-length (or none). */
function response(chunks: string[], declared?: number): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers: declared === undefined ? {} : { 'content-length': String(declared) } });
}

const read = (r: Response, max = 1024) => readBytesCapped(r, max, new AbortController().signal).then((bytes) => bytes.toString('utf8'));

describe('readBytesCapped', () => {
  it('reads a body with its declared length straight into place, chunk by chunk', async () => {
    expect(await read(response(['[{"id":', '"a"}', ']'], 12))).toBe('[{"id":"a"}]');
    expect(await read(response(['abc', 'def'], 6))).toBe('abcdef');
  });

  it('a body longer than declared (or compressed on the wire) is still read whole', async () => {
    expect(await read(response(['abc', 'def', 'ghi'], 4))).toBe('abcdefghi');
    expect(await read(response(['abcd', 'ef'], 4))).toBe('abcdef');
  });

  it('without a declared length, the chunks are joined; over the limit, the body is refused', async () => {
    expect(await read(response(['ab', 'cd', 'ef']))).toBe('abcdef');
    await expect(read(response(['abc', 'def']), 5)).rejects.toThrow('too large');
    await expect(read(response(['abc'], 9999), 5)).rejects.toThrow('too large');
  });
});
