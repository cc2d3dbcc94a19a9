import ky, { type KyInstance } from 'ky';
import { ApiFailure, failureFromStatus, failureFromThrown } from './api-errors';
import { parseAvailableBuckets, parseJsonBody, type ParsedBucket } from './bucket-schema';

export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl: string;
  /** Electron's `net.fetch` in the app (system proxies), Node's `fetch` in tests and preview. */
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Larger bodies are refused instead of filling memory. */
  maxResponseBytes?: number;
  now?: () => number;
}

export interface Tokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface UserInfo {
  email?: string;
  name?: string;
}

export type LoginResult = { kind: 'signed-in'; tokens: Tokens; user: UserInfo } | { kind: 'mfa-required'; mfaToken: string };

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const ASSUMED_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** Reads the body as text, but never more than `maxBytes`. */
async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ApiFailure('invalid-response', 'Flashback sent a response too large to be a bucket list.');
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw new ApiFailure('invalid-response', 'Flashback sent a response too large to be a bucket list.');
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** `expiresAt`'s unit is undocumented: seconds, milliseconds, an ISO date; else the JWT's `exp`. */
export function normaliseExpiry(expiresAt: unknown, accessToken: string, now: number): number {
  if (typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt > 0) {
    return expiresAt < 1e11 ? expiresAt * 1000 : expiresAt;
  }
  if (typeof expiresAt === 'string' && expiresAt.trim()) {
    if (/^\d+$/.test(expiresAt.trim())) return normaliseExpiry(Number(expiresAt), accessToken, now);
    const parsed = Date.parse(expiresAt);
    if (!Number.isNaN(parsed)) return parsed;
  }
  const exp = jwtExpiry(accessToken);
  return exp ?? now + ASSUMED_TOKEN_LIFETIME_MS;
}

/** The `exp` claim of a JWT (epoch ms), without verifying it: only used to schedule a refresh. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (json && typeof json === 'object' && 'exp' in json && typeof json.exp === 'number') return json.exp * 1000;
  } catch {
    // Not a JWT: the caller falls back.
  }
  return undefined;
}

function stringField(body: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = body[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export class FlashbackApi {
  private readonly http: KyInstance;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly now: () => number;

  constructor(options: ApiClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.now = options.now ?? Date.now;
    this.http = ky.create({
      prefix: options.baseUrl.replace(/\/+$/, ''),
      timeout: this.timeoutMs,
      // The poller owns retries and backoff, so that at most one request is ever in flight.
      retry: 0,
      throwHttpErrors: false,
      headers: { accept: 'application/json' },
      ...(options.fetch ? { fetch: options.fetch as typeof fetch } : {}),
    });
  }

  /** Sends a request and returns the parsed JSON body of a 2xx answer; throws `ApiFailure` otherwise. */
  private async requestJson(
    method: 'get' | 'post',
    path: string,
    options: { token?: string; json?: unknown; searchParams?: Record<string, string>; signal?: AbortSignal },
  ): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await this.http(path, {
        method,
        json: options.json,
        searchParams: options.searchParams,
        signal: options.signal,
        headers: options.token ? { authorization: `Bearer ${options.token}` } : undefined,
      });
      text = await readTextCapped(response, this.maxResponseBytes);
    } catch (error) {
      throw failureFromThrown(error, this.timeoutMs);
    }
    if (!response.ok) throw failureFromStatus(response.status, response.headers, text, this.now());
    const parsed = parseJsonBody(text, response.headers.get('content-type'));
    if (!parsed.ok) throw new ApiFailure('invalid-response', `Flashback sent ${parsed.problem}.`, { status: response.status });
    return parsed.value;
  }

  async getAvailableBuckets(accessToken: string, options: { workspaceId?: string | null; signal?: AbortSignal } = {}): Promise<ParsedBucket[]> {
    const body = await this.requestJson('get', 'bucket/available', {
      token: accessToken,
      signal: options.signal,
      searchParams: options.workspaceId ? { workspaceId: options.workspaceId } : undefined,
    });
    const result = parseAvailableBuckets(body);
    if (!result.ok) throw new ApiFailure('invalid-response', `Flashback sent ${result.problem}.`);
    return result.buckets;
  }

  async login(email: string, password: string, signal?: AbortSignal): Promise<LoginResult> {
    const body = asRecord(await this.requestJson('post', 'user/login', { json: { email, password }, signal }));
    if (!body) throw new ApiFailure('invalid-response', 'Flashback sent a sign-in answer this app does not understand.');
    const mfaToken = stringField(body, 'mfaToken', 'tempToken', 'accessToken', 'token');
    if ((body.mfaRequired === true || body.requiresMfa === true || body.mfa_required === true) && mfaToken) {
      return { kind: 'mfa-required', mfaToken };
    }
    const tokens = this.tokensFrom(body, 'accessToken');
    const user = asRecord(body.user);
    return {
      kind: 'signed-in',
      tokens,
      user: { email: user && stringField(user, 'email'), name: user && stringField(user, 'name') },
    };
  }

  async verifyMfa(mfaToken: string, code: string, signal?: AbortSignal): Promise<Tokens> {
    // The request shape is not documented: send the code under both common names, and the
    // partial token both as bearer and in the body.
    const body = asRecord(
      await this.requestJson('post', 'mfa/verify-login', { token: mfaToken, json: { code, token: code, mfaToken }, signal }),
    );
    if (!body) throw new ApiFailure('invalid-response', 'Flashback sent a verification answer this app does not understand.');
    return this.tokensFrom(body, 'fullAccessToken', 'accessToken');
  }

  async refresh(refreshToken: string, signal?: AbortSignal): Promise<Tokens> {
    // The docs send `refreshToken`, the official client `refresh_token`: send both.
    const body = asRecord(
      await this.requestJson('post', 'user/refresh', { json: { refreshToken, refresh_token: refreshToken }, signal }),
    );
    if (!body) throw new ApiFailure('invalid-response', 'Flashback sent a refresh answer this app does not understand.');
    const tokens = this.tokensFrom(body, 'accessToken');
    return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
  }

  async logout(refreshToken: string, accessToken?: string, signal?: AbortSignal): Promise<void> {
    await this.requestJson('post', 'user/logout', { token: accessToken, json: { refresh_token: refreshToken, refreshToken }, signal });
  }

  private tokensFrom(body: Record<string, unknown>, ...accessNames: string[]): Tokens {
    const accessToken = stringField(body, ...accessNames);
    if (!accessToken || body.success === false) {
      throw new ApiFailure('invalid-response', 'Flashback did not send an access token.');
    }
    return {
      accessToken,
      refreshToken: stringField(body, 'refreshToken', 'refresh_token'),
      expiresAt: normaliseExpiry(body.expiresAt ?? body.expires_at, accessToken, this.now()),
    };
  }
}
