import { describe, expect, it } from 'vitest';
import { FlashbackApi, type BearerSource } from '../../src/main/core/api/api-client';
import { ApiFailure } from '../../src/main/core/api/api-errors';

/**
 * The HTTP client is ky, used as it is meant to be: the bearer set by a hook on every
 * call, one renewal and one retry on a 401, no retries of its own, ky's HTTPError mapped
 * to the app's failure kinds, the app's fetch (Electron's net.fetch) underneath, and one
 * deadline that also covers reading the body.
 */
const BASE = 'https://backend.flashback.tech';

function recording(answers: Array<() => Response>) {
  const seen: Array<{ method: string; url: string; authorization: string | null }> = [];
  const fetch = async (input: Request | string | URL) => {
    const request = input as Request;
    seen.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization') });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
    return answer();
  };
  return { seen, api: new FlashbackApi({ baseUrl: BASE, fetch, timeoutMs: 300 }) };
}

function source(tokens: string[]): BearerSource & { renewals: number } {
  let index = 0;
  return {
    renewals: 0,
    token: () => tokens[index]!,
    async renew() {
      this.renewals++;
      index++;
    },
  };
}

describe('ky underneath the API client', () => {
  it('on a 401 renews once and sends the request once more with the new bearer', async () => {
    const { api, seen } = recording([() => Response.json({ success: false }, { status: 401 }), () => Response.json([])]);
    const bearer = source(['old', 'new']);
    expect(await api.getAvailableBuckets(bearer)).toEqual([]);
    expect(bearer.renewals).toBe(1);
    expect(seen.map(({ method, url, authorization }) => [method, url, authorization])).toEqual([
      ['GET', `${BASE}/bucket/available`, 'Bearer old'],
      ['GET', `${BASE}/bucket/available`, 'Bearer new'],
    ]);
  });

  it('a second 401 is the answer: no second renewal, no third request', async () => {
    const { api, seen } = recording([() => Response.json({ success: false, message: 'Unauthorized' }, { status: 401 })]);
    const bearer = source(['old', 'new', 'newer']);
    await expect(api.getWorkspaces(bearer)).rejects.toMatchObject({ kind: 'auth', details: { status: 401 } });
    expect(bearer.renewals).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it('a renewal that fails is the request’s failure (the session says why)', async () => {
    const { api, seen } = recording([() => Response.json({}, { status: 401 })]);
    const ended = new ApiFailure('auth', 'Your Flashback session has ended. Sign in again to resume updates.', { status: 401, code: 'SESSION_EXPIRED' });
    const bearer: BearerSource = { token: () => 't', renew: async () => Promise.reject(ended) };
    await expect(api.getAvailableBuckets(bearer)).rejects.toBe(ended);
    expect(seen).toHaveLength(1);
  });

  it('a bare token (the second step’s, a pasted one being checked) is not renewed', async () => {
    const { api, seen } = recording([() => Response.json({}, { status: 401 })]);
    await expect(api.getAvailableBuckets('pasted')).rejects.toMatchObject({ details: { status: 401 } });
    expect(seen).toHaveLength(1);
  });

  it.each([
    [500, {}, 'server', undefined],
    [503, {}, 'server', undefined],
    [429, { 'retry-after': '30' }, 'rate-limited', 30_000],
    [404, {}, 'not-found', undefined],
    [403, {}, 'auth', undefined],
  ])('HTTP %i is sent once (ky retries nothing: the poller owns backoff) and becomes the app’s failure', async (status, headers, kind, retryAfterMs) => {
    const { api, seen } = recording([() => Response.json({ success: false, message: 'no' }, { status, headers })]);
    const failure = await api.getAvailableBuckets('t').catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ApiFailure', kind, details: { status } });
    if (retryAfterMs) expect(failure).toMatchObject({ details: { retryAfterMs } });
    expect(seen).toHaveLength(1);
  });

  it('the deadline covers reading the body: headers on time, then silence, is a timeout', async () => {
    const stalled = () => new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('[{"id":')) }), { headers: { 'content-type': 'application/json' } });
    const { api } = recording([stalled]);
    const started = Date.now();
    await expect(api.getAvailableBuckets('t')).rejects.toMatchObject({ kind: 'network', details: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
