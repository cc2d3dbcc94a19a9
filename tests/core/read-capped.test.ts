import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readBytesCapped, SCRATCH_FROM_BYTES, scratchOf } from '../../src/main/core/api/read-capped';

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

describe('reading large bodies into reusable memory', () => {
  const big = (fill: string, length = SCRATCH_FROM_BYTES + 10) => fill.repeat(Math.ceil(length / fill.length)).slice(0, length);

  it('a large declared body goes into the scratch buffer when it fits, and scratchOf gives the whole of it back', async () => {
    const scratch = Buffer.alloc(SCRATCH_FROM_BYTES * 2);
    const body = big('abc');
    const bytes = await readBytesCapped(response([body], body.length), 1 << 24, new AbortController().signal, scratch);
    expect(bytes.toString()).toBe(body);
    expect(bytes.buffer).toBe(scratch.buffer);
    expect(scratchOf(bytes)?.length).toBe(scratch.length);
  });

  it('a scratch buffer too small is left alone; the new buffer has room to be the next one', async () => {
    const scratch = Buffer.alloc(SCRATCH_FROM_BYTES);
    const body = big('xyz', SCRATCH_FROM_BYTES + 100);
    const bytes = await readBytesCapped(response([body], body.length), 1 << 24, new AbortController().signal, scratch);
    expect(bytes.toString()).toBe(body);
    expect(bytes.buffer).not.toBe(scratch.buffer);
    expect(scratchOf(bytes)!.length).toBeGreaterThan(body.length);
    // Small bodies never share memory (they may sit in Node's shared pool).
    expect(scratchOf(await readBytesCapped(response(['tiny'], 4), 1024, new AbortController().signal))).toBeUndefined();
  });
});

describe('bodies of unknown decoded length (compressed, or no length)', () => {
  const body = 'q'.repeat(SCRATCH_FROM_BYTES + 7);
  const encoded = (chunks: string[], declared: number) => {
    const r = response(chunks, declared);
    r.headers.set('content-encoding', 'gzip');
    return r;
  };

  it('go into the scratch buffer as far as it goes', async () => {
    const scratch = Buffer.alloc(SCRATCH_FROM_BYTES * 2);
    const bytes = await readBytesCapped(encoded([body.slice(0, 1000), body.slice(1000)], 5000), 1 << 24, new AbortController().signal, scratch);
    expect(bytes.toString()).toBe(body);
    expect(bytes.buffer).toBe(scratch.buffer);
    const unknown = await readBytesCapped(response([body]), 1 << 24, new AbortController().signal, scratch);
    expect(unknown.buffer).toBe(scratch.buffer);
  });

  it('and past it, into chunks, whole', async () => {
    const scratch = Buffer.alloc(1000);
    const bytes = await readBytesCapped(encoded([body.slice(0, 600), body.slice(600, 1500), body.slice(1500)], 5000), 1 << 24, new AbortController().signal, scratch);
    expect(bytes.toString()).toBe(body);
    expect(bytes.buffer).not.toBe(scratch.buffer);
  });
});

describe('a body read beside the last one (`last`)', () => {
  /** A response whose body arrives as `bytes` cut at `cuts`. */
  const chunked = (bytes: Uint8Array, cuts: number[], declared: number | undefined): Response => {
    const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let from = 0;
        for (const cut of [...at, bytes.length]) {
          if (cut > from) controller.enqueue(bytes.slice(from, cut));
          from = Math.max(from, cut);
        }
        controller.close();
      },
    });
    return new Response(body, { headers: declared === undefined ? {} : { 'content-length': String(declared) } });
  };

  it('reads exactly the body, whatever it is beside the last one, however it is cut, with or without scratch; the same body again is the last Buffer itself, and a new one never shares its memory', async () => {
    const edits = fc.oneof(
      fc.constant<'same'>('same'),
      fc.record({ kind: fc.constant<'flip'>('flip'), at: fc.nat() }),
      fc.record({ kind: fc.constant<'cut'>('cut'), at: fc.nat() }),
      fc.record({ kind: fc.constant<'grow'>('grow'), extra: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), edits, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom('declared', 'none', 'wrong'), fc.constantFrom('none', 'small', 'large', 'holds-last'), async (lastBytes, edit, cuts, length, scratchKind) => {
        // 'holds-last': the scratch is the last body's own memory (never so in the app; read safely all the same).
        const held = scratchKind === 'holds-last' ? Buffer.alloc(1024) : undefined;
        const last = held ? held.subarray(0, lastBytes.length) : Buffer.from(lastBytes);
        last.set(lastBytes);
        let body = Buffer.from(last);
        if (edit !== 'same' && edit.kind === 'flip') body[edit.at % body.length] = body[edit.at % body.length]! ^ 0x5a;
        if (edit !== 'same' && edit.kind === 'cut') body = body.subarray(0, edit.at % body.length);
        if (edit !== 'same' && edit.kind === 'grow') body = Buffer.concat([body, edit.extra]);
        const declared = length === 'declared' ? body.length : length === 'wrong' ? body.length + 3 : undefined;
        const scratch = held ?? (scratchKind === 'none' ? undefined : Buffer.alloc(scratchKind === 'small' ? 4 : 1024));
        const bytes = await readBytesCapped(chunked(body, cuts, declared), 1 << 20, new AbortController().signal, scratch, last);
        expect(Buffer.compare(bytes, body)).toBe(0);
        if (body.equals(last) && length !== 'wrong' && !held) expect(bytes).toBe(last);
        if (bytes !== last && !held) {
          // The last body's memory may be reused next: the new one must not be in it.
          const before = Buffer.from(bytes);
          last.fill(0xee);
          expect(Buffer.compare(bytes, before)).toBe(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a body that repeats the last one is not copied anywhere (the scratch stays as it was)', async () => {
    const last = Buffer.from('[{"id":"a"},{"id":"b"}]');
    const scratch = Buffer.alloc(SCRATCH_FROM_BYTES + 64, 7);
    const bytes = await readBytesCapped(chunked(last, [3, 9], last.length), 1 << 20, new AbortController().signal, scratch, last);
    expect(bytes).toBe(last);
    expect(scratch.every((byte) => byte === 7)).toBe(true);
  });
});
