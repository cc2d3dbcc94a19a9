import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FlashbackApi } from '../../src/main/core/api/api-client';
import { ApiFailure } from '../../src/main/core/api/api-errors';
import { deviceInfo } from '../../src/main/core/api/device-info';
import { hostname, userInfo } from 'node:os';
import { version } from '../../package.json';

/**
 * The requests the app sends and the answers it accepts, pinned against the official
 * client's shapes (shared/FLASHBACK_API.md). A recording `fetch` answers, so each test
 * sees exactly what would go on the wire.
 */
interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const NOW = Date.parse('2026-11-25T12:00:00Z');
const BASE = 'https://backend.flashback.tech';

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function client(answer: (sent: Sent) => { status?: number; body: unknown }, baseUrl = BASE) {
  const sent: Sent[] = [];
  const api = new FlashbackApi({
    baseUrl,
    now: () => NOW,
    fetch: async (input) => {
      const request = input as Request;
      const text = await request.text();
      const record: Sent = {
        method: request.method,
        path: new URL(request.url).pathname + new URL(request.url).search,
        headers: headersOf(request.headers),
        body: text ? JSON.parse(text) : undefined,
      };
      sent.push(record);
      const { status = 200, body } = answer(record);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { api, sent };
}

const jwt = (exp: number) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig`;

describe('what the client sends', () => {
  it('POST /user/login {email, password}, JSON, no bearer', async () => {
    const { api, sent } = client(() => ({ body: { success: true, accessToken: jwt(NOW / 1000 + 3600), refreshToken: 'rt', expiresAt: NOW / 1000 + 3600, user: { email: 'a@b.c' } } }));
    await api.login('a@b.c', 'pw');
    expect(sent).toEqual([
      { method: 'POST', path: '/user/login', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: { email: 'a@b.c', password: 'pw', deviceInfo: deviceInfo() } },
    ]);
  });

  it('deviceInfo names the app, its version and the OS as the official DeviceInfo type has them, and nothing about the person', () => {
    expect(deviceInfo('linux', 'x64')).toEqual({ userAgent: `FlashbackTray/${version} (Linux; x64)`, deviceType: 'DESKTOP', os: 'Linux', browser: `Flashback Tray ${version}`, platform: 'linux-x64' });
    expect(deviceInfo('darwin', 'arm64')).toMatchObject({ os: 'macOS', deviceType: 'DESKTOP' });
    expect(deviceInfo('win32', 'x64')).toMatchObject({ os: 'Windows' });
    const sent = JSON.stringify(deviceInfo());
    for (const personal of [hostname(), userInfo().username, Intl.DateTimeFormat().resolvedOptions().timeZone]) expect(sent).not.toContain(personal);
  });

  it('GET /mfa/status with the bearer', async () => {
    const { api, sent } = client(() => ({ body: { success: true, data: { isEnabled: true, isRequired: true, isEnforced: false, enabledMethods: ['MAGIC_LINK', 'GOOGLE_AUTH'], primaryMethod: 'GOOGLE_AUTH', sessionVerified: false } } }));
    expect(await api.mfaStatus('limited')).toEqual({ required: true, methods: ['GOOGLE_AUTH', 'MAGIC_LINK'] });
    expect(sent).toEqual([{ method: 'GET', path: '/mfa/status', headers: { accept: 'application/json', authorization: 'Bearer limited' }, body: undefined }]);
  });

  it('POST /mfa/verify-login {mfaType, code} or {mfaType, token} with the limited token as bearer', async () => {
    const { api, sent } = client(() => ({ body: { success: true, message: 'ok', fullAccessToken: jwt(NOW / 1000 + 3600), refreshToken: 'rt-full' } }));
    const tokens = await api.verifyMfaLogin('limited', 'GOOGLE_AUTH', '123456');
    await api.verifyMfaLogin('limited', 'MAGIC_LINK', 'ml_token');
    expect(tokens).toEqual({ accessToken: jwt(NOW / 1000 + 3600), refreshToken: 'rt-full', expiresAt: NOW + 3600_000 });
    expect(sent.map(({ method, path, headers, body }) => [method, path, headers.authorization, headers['content-type'], body])).toEqual([
      ['POST', '/mfa/verify-login', 'Bearer limited', 'application/json', { mfaType: 'GOOGLE_AUTH', code: '123456' }],
      ['POST', '/mfa/verify-login', 'Bearer limited', 'application/json', { mfaType: 'MAGIC_LINK', token: 'ml_token' }],
    ]);
  });

  it('POST /mfa/magic-link/send with the bearer and no body', async () => {
    const { api, sent } = client(() => ({ body: { success: true, data: { message: 'sent' } } }));
    await api.sendMagicLink('limited');
    expect(sent).toEqual([{ method: 'POST', path: '/mfa/magic-link/send', headers: { accept: 'application/json', authorization: 'Bearer limited' }, body: undefined }]);
  });

  it('POST /user/refresh {refresh_token, refreshToken} with the bearer', async () => {
    const { api, sent } = client(() => ({ body: { success: true, token: 'new', accessToken: 'new', refreshToken: 'rt2', expiresAt: NOW / 1000 + 3600 } }));
    await api.refresh('rt1', 'old-access');
    expect(sent).toEqual([
      { method: 'POST', path: '/user/refresh', headers: { accept: 'application/json', authorization: 'Bearer old-access', 'content-type': 'application/json' }, body: { refresh_token: 'rt1', refreshToken: 'rt1' } },
    ]);
  });

  it('POST /user/logout {refresh_token} with the bearer', async () => {
    const { api, sent } = client(() => ({ body: { success: true } }));
    await api.logout('rt1', 'access');
    expect(sent).toEqual([{ method: 'POST', path: '/user/logout', headers: { accept: 'application/json', authorization: 'Bearer access', 'content-type': 'application/json' }, body: { refresh_token: 'rt1' } }]);
  });

  it('POST /user/request-reset-password {email}, no bearer', async () => {
    const { api, sent } = client(() => ({ body: { success: true, message: 'sent' } }));
    await api.requestPasswordReset('a@b.c');
    expect(sent).toEqual([{ method: 'POST', path: '/user/request-reset-password', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: { email: 'a@b.c' } }]);
  });

  it('GET /workspace and GET /bucket/available?workspaceId= with the bearer', async () => {
    const { api, sent } = client((request) => ({ body: request.path === '/workspace' ? { success: true, workspaces: [{ id: 'w1', name: 'Engineering', orgId: 'o', users: [] }] } : [] }));
    expect(await api.getWorkspaces('access')).toEqual([{ id: 'w1', name: 'Engineering' }]);
    await api.getAvailableBuckets('access', { workspaceId: 'w1' });
    expect(sent.map(({ method, path, headers }) => [method, path, headers.authorization])).toEqual([
      ['GET', '/workspace', 'Bearer access'],
      ['GET', '/bucket/available?workspaceId=w1', 'Bearer access'],
    ]);
  });

  it('GET /health without a bearer; {status} "ok" or "error", and a 503 with {status: "error"} is a server failure', async () => {
    const { api, sent } = client(() => ({ body: { status: 'ok', timestamp: '2026-11-25T12:00:00Z' } }));
    expect(await api.health()).toBe('ok');
    expect(sent).toEqual([{ method: 'GET', path: '/health', headers: { accept: 'application/json' }, body: undefined }]);
    expect(await client(() => ({ body: { status: 'error', timestamp: 'x' } })).api.health()).toBe('error');
    await expect(client(() => ({ status: 503, body: { status: 'error', timestamp: 'x' } })).api.health()).rejects.toMatchObject({ kind: 'server', details: { status: 503 } });
    await expect(client(() => ({ body: { status: 'meh' } })).api.health()).rejects.toMatchObject({ kind: 'invalid-response' });
  });

  it('keeps a path prefix in the API address, with or without its trailing slash, and encodes the query', async () => {
    for (const baseUrl of ['https://gateway.example/flashback', 'https://gateway.example/flashback//']) {
      const { api, sent } = client(() => ({ body: [] }), baseUrl);
      await api.getAvailableBuckets('access', { workspaceId: 'w 1&x=2' });
      expect(sent.map(({ method, path }) => [method, path])).toEqual([['GET', '/flashback/bucket/available?workspaceId=w+1%26x%3D2']]);
    }
  });
});

describe('what the client accepts', () => {
  it('a refresh answer with `token` only', async () => {
    const { api } = client(() => ({ body: { success: true, token: 'only-token', expiresAt: NOW / 1000 + 3600 } }));
    expect(await api.refresh('rt1', 'old')).toEqual({ accessToken: 'only-token', refreshToken: 'rt1', expiresAt: NOW + 3600_000 });
  });

  it.each([200, 401, 403])('`success: false` from refresh at HTTP %i is a refusal (the session is over)', async (status) => {
    const { api } = client(() => ({ status, body: { success: false, error_code: 'INVALID_REFRESH_TOKEN', message: 'Refresh token expired' } }));
    const failure = await api.refresh('rt1', 'old').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ kind: 'auth', details: { code: 'INVALID_REFRESH_TOKEN' } });
  });

  it.each([400, 401])('a wrong MFA code as HTTP %i {success:false, error} is a refusal carrying the server’s sentence', async (status) => {
    const { api } = client(() => ({ status, body: { success: false, error: 'Invalid verification code' } }));
    await expect(api.verifyMfaLogin('limited', 'GOOGLE_AUTH', '000000')).rejects.toMatchObject({ kind: 'auth', details: { status, serverMessage: 'Invalid verification code' } });
  });

  it("the docs' MFA status example (turned on by the user, not required, not enforced) makes the second step due", async () => {
    const { api } = client(() => ({ body: { success: true, data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH'], sessionVerified: false } } }));
    expect(await api.mfaStatus('limited')).toEqual({ required: true, methods: ['GOOGLE_AUTH'] });
  });

  it.each([
    ['an empty body', 204, null],
    ['an empty 200', 200, ''],
    ['{success: true}', 200, '{"success":true}'],
    ['plain text', 200, 'OK'],
  ])('logout answered with %s is success', async (_what, status, text) => {
    const api = new FlashbackApi({ baseUrl: BASE, fetch: async () => new Response(text, { status }) });
    await expect(api.logout('rt1', 'access')).resolves.toBeUndefined();
  });

  it('login failures with each documented error_code', async () => {
    for (const code of ['USER_NOT_FOUND', 'INVALID_PASSWORD', 'USER_INACTIVE', 'NO_PASSWORD_SET']) {
      const { api } = client(() => ({ status: 401, body: { success: false, error_code: code } }));
      await expect(api.login('a@b.c', 'pw')).rejects.toMatchObject({ details: { code } });
    }
  });

  it('an MFA status without a due step, or verified, needs no second step', async () => {
    const notDue = client(() => ({ body: { success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [] } } }));
    expect(await notDue.api.mfaStatus('t')).toEqual({ required: false, methods: [] });
    const verified = client(() => ({ body: { success: true, data: { isEnabled: true, isRequired: true, enabledMethods: ['GOOGLE_AUTH'], sessionVerified: true } } }));
    expect((await verified.api.mfaStatus('t')).required).toBe(false);
  });

  it('a workspace list keeps only entries with ids, naming unnamed ones by id', async () => {
    const { api } = client(() => ({ body: { success: true, workspaces: [{ id: 'w1' }, { name: 'no id' }, 'junk', { id: 'w2', name: ' Finance ' }] } }));
    expect(await api.getWorkspaces('t')).toEqual([{ id: 'w1', name: 'w1' }, { id: 'w2', name: 'Finance' }]);
  });

  it('a request leaves nothing hooked on the caller’s long-lived signal (the session’s), and no deadline timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const session = new AbortController();
      const { api } = client(() => ({ body: { success: true, workspaces: [{ id: 'w1', name: 'One' }] } }));
      for (let i = 0; i < 5; i++) await api.getWorkspaces('t', session.signal);
      expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
