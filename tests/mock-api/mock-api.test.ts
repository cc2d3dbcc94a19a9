import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';

const ROOT = join(import.meta.dirname, '..', '..');
let api: MockFlashbackApi;
let url: string;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const login = async () => (await (await post('/user/login', { email: DEMO_USER.email, password: DEMO_USER.password })).json()) as Record<string, string>;
const available = (token: string, query = '') => fetch(`${url}/bucket/available${query}`, { headers: { authorization: `Bearer ${token}` } });

describe('the mock Flashback API', () => {
  beforeEach(async () => {
    api = new MockFlashbackApi({ tokenTtlSeconds: 3600 });
    url = await api.start();
  });
  afterEach(() => api.stop());

  it('logs in with the documented answer shape', async () => {
    const body = await login();
    expect(body).toMatchObject({ success: true, accessToken: expect.stringMatching(/^eyJ/), refreshToken: expect.any(String), tokenId: expect.any(String), user: { email: DEMO_USER.email } });
    expect(Number(body.expiresAt) * 1000 - Date.now()).toBeGreaterThan(3590_000);
  });

  it('answers a refused login with 401 and the documented error_code', async () => {
    const response = await post('/user/login', { email: DEMO_USER.email, password: 'nope' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ success: false, error_code: 'INVALID_PASSWORD' });
  });

  it.each(['refreshToken', 'refresh_token'])('accepts the refresh token as %s', async (key) => {
    const { refreshToken } = await login();
    const response = await post('/user/refresh', { [key]: refreshToken });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, accessToken: expect.stringMatching(/^eyJ/) });
  });

  it('serves the buckets to a valid token only, filtered by workspaceId', async () => {
    const { accessToken } = await login();
    expect((await available('bad')).status).toBe(401);
    expect(await (await available(accessToken!)).json()).toHaveLength(12);
    expect(await (await available(accessToken!, '?workspaceId=workspace-finance')).json()).toHaveLength(6);
  });

  it('lets tokens expire (configurable lifetime)', async () => {
    await api.stop();
    api = new MockFlashbackApi({ tokenTtlSeconds: 0 });
    url = await api.start();
    const { accessToken } = await login();
    expect((await available(accessToken!)).status).toBe(401);
  });

  it('answers 404 "User not found" when told to', async () => {
    const { accessToken } = await login();
    api.userMissing = true;
    const response = await available(accessToken!);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ success: false, message: 'User not found' });
  });

  it.each(['/__mock/status', '/__mock/buckets', '/__mock/fault', '/__mock/add', '/__mock/remove', '/__mock/workspaces', '/user/login', '/user/refresh'])(
    'answers 400 to malformed JSON on %s, and changes nothing',
    async (path) => {
      const before = await (await fetch(`${url}/__mock/buckets`)).json();
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": "bucket-1", "status": ' });
      expect(response.status).toBe(400);
      expect(await (await fetch(`${url}/__mock/buckets`)).json()).toEqual(before);
    },
  );

  it.each([
    ['/__mock/status', { id: 42 }],
    ['/__mock/fault', { fault: { type: 'nonsense' } }],
    ['/__mock/buckets', { buckets: 'all of them' }],
  ])('answers 400 to a well-formed body of the wrong shape on %s', async (path, body) => {
    expect((await post(path, body)).status).toBe(400);
  });

  it('reports health', async () => {
    expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ status: 'ok' });
  });

  it('is scriptable over HTTP: statuses, buckets, faults and counters', async () => {
    const { accessToken } = await login();
    const [first] = (await (await available(accessToken!)).json()) as Array<{ id: string }>;
    await post('/__mock/status', { id: first!.id, status: 'OFFLINE' });
    await post('/__mock/remove', { id: first!.id });
    await post('/__mock/add', { bucket: { id: 'new-1', name: 'New', status: 'ONLINE' } });
    const after = (await (await available(accessToken!)).json()) as Array<{ id: string }>;
    expect(after.map((b) => b.id)).toContain('new-1');
    expect(after.map((b) => b.id)).not.toContain(first!.id);
    await post('/__mock/fault', { fault: { type: 'status', status: 503 }, times: 2 });
    expect((await available(accessToken!)).status).toBe(503);
    expect((await available(accessToken!)).status).toBe(503);
    expect((await available(accessToken!)).status).toBe(200);
    await post('/__mock/fault', { fault: { type: 'status', status: 429, retryAfter: '30' } });
    expect((await available(accessToken!)).headers.get('retry-after')).toBe('30');
    const stats = (await (await fetch(`${url}/__mock/stats`)).json()) as { bucketRequests: number; maxInFlight: number };
    expect(stats).toMatchObject({ bucketRequests: 6, maxInFlight: 1 });
  });

  it('counts concurrent requests', async () => {
    const { accessToken } = await login();
    api.injectFault({ type: 'latency', ms: 100 }, 2);
    await Promise.all([available(accessToken!), available(accessToken!)]);
    expect(api.stats.maxInFlight).toBe(2);
  });

  it('runs a demo scenario whose statuses change by themselves', async () => {
    const before = JSON.stringify(api.buckets);
    api.startScenario(20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    api.stopScenario();
    expect(JSON.stringify(api.buckets)).not.toBe(before);
  });
});

describe('npm run mock-api', () => {
  it('starts on the given port and prints its address', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/mock-api/cli.ts', '--port', '0', '--scenario', 'static'], { cwd: ROOT });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Mock Flashback API: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const health = await fetch(`${line}/health`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
  });
});
