import { bucketKey } from '../../src/shared/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { FlashbackApi } from '../../src/main/core/api/api-client';
import { parseBucketNodes } from '../../src/main/core/api/bucket-nodes';
import { startHarness, type Harness } from '../helpers';

const BASE = 'https://backend.flashback.tech';

function answering(status: number, body: unknown) {
  const sent: Array<{ url: string; authorization: string | null }> = [];
  const api = new FlashbackApi({
    baseUrl: BASE,
    fetch: async (input) => {
      const request = input as Request;
      sent.push({ url: request.url, authorization: request.headers.get('authorization') });
      return Response.json(body, { status });
    },
  });
  return { api, sent };
}

describe('GET /bucket/{id}/status', () => {
  it('is sent with the bearer, the id encoded, and read in both spellings of the latency', async () => {
    const { api, sent } = answering(200, {
      bucketId: 'b 1',
      nodeStatus: [
        { ip: '10.0.0.1', region: 'eu-west-1', version: '1.4.2', status: 'ONLINE', latencyMs: 23, lastUpdated: '2026-11-25T11:58:00Z' },
        { ip: '10.0.0.2', region: 'us-east-1', version: '1.4.2', status: 'ONLINE', latency_ms: 57.4, lastUpdated: '2026-11-25T11:59:00Z' },
        { ip: '10.0.0.3', region: 'ap-southeast-1', version: '1.4.1', status: 'DISCONNECTED', lastUpdated: 'not a date', extra: 'never shown' },
      ],
    });
    expect(await api.bucketStatus('access', 'b 1')).toEqual([
      { ip: '10.0.0.1', region: 'eu-west-1', version: '1.4.2', status: 'ONLINE', latencyMs: 23, lastUpdated: '2026-11-25T11:58:00.000Z' },
      { ip: '10.0.0.2', region: 'us-east-1', version: '1.4.2', status: 'ONLINE', latencyMs: 57, lastUpdated: '2026-11-25T11:59:00.000Z' },
      { ip: '10.0.0.3', region: 'ap-southeast-1', version: '1.4.1', status: 'DISCONNECTED' },
    ]);
    expect(sent).toEqual([{ url: `${BASE}/bucket/b%201/status`, authorization: 'Bearer access' }]);
  });

  it.each([
    [404, { success: false, message: 'Bucket not found' }, 'not-found', /taken by a repository, or deleted/],
    [403, { success: false, message: 'Forbidden' }, 'auth', /does not let this account see the nodes/],
    [200, { success: true }, 'invalid-response', /node status this app does not understand/],
    [500, { success: false, error_code: 'INTERNAL_ERROR' }, 'server', /HTTP 500/],
  ])('HTTP %i %j is a failure in words', async (status, body, kind, message) => {
    await expect(answering(status, body).api.bucketStatus('access', 'b')).rejects.toMatchObject({ kind, message: expect.stringMatching(message) });
  });

  it('keeps nothing the view should not get: control characters, long strings, entries without a status, negative latency', () => {
    const nodes = parseBucketNodes({ nodeStatus: [{ ip: '1.2.3.4', region: 'eu\u202E-west'.padEnd(500, 'x'), status: 'ONLINE\n', latencyMs: -3 }, { ip: 'no status' }, 'junk', null] });
    expect(nodes).toEqual([{ ip: '1.2.3.4', region: expect.stringMatching(/^eu -westx+$/), version: '', status: 'ONLINE' }]);
    expect(nodes![0]!.region.length).toBe(64);
  });
});

describe('the getBucketNodes command against the mock', () => {
  let h: Harness;
  afterEach(async () => h.stop());

  it('answers a listed bucket’s nodes from the mock, refuses other buckets and bad arguments', async () => {
    h = await startHarness();
    const offline = h.controller.state.buckets.find((bucket) => bucket.status === 'OFFLINE')!;
    const result = await h.controller.dispatch('getBucketNodes', [`${h.controller.state.currentAccount}/${offline.id}`]);
    expect(result.ok && result.value.map((node) => node.status)).toEqual(['OFFLINE', 'OFFLINE', 'OFFLINE']);
    const online = h.controller.state.buckets.find((bucket) => bucket.status === 'ONLINE')!;
    const nodes = await h.controller.dispatch('getBucketNodes', [`${h.controller.state.currentAccount}/${online.id}`]);
    expect(nodes.ok && nodes.value.map((node) => node.latencyMs)).toEqual([20, 55, 90]);
    expect(await h.controller.dispatch('getBucketNodes', ['not-listed'])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    for (const args of [[], [42], ['a', 'b']]) expect((await h.controller.dispatch('getBucketNodes', args)).ok).toBe(false);
    expect(h.api.stats.requests[`GET /bucket/${offline.id}/status`]).toBe(1);
  });

  it('a bucket that left the list between the poll and the question is said in words', async () => {
    h = await startHarness();
    const bucket = h.controller.state.buckets[0]!;
    h.api.removeBucket(bucket.id);
    expect(await h.controller.dispatch('getBucketNodes', [bucketKey(bucket)])).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Flashback does not know this bucket any more: it may have been taken by a repository, or deleted.' },
    });
  });
});
