import type { BucketNode, SupportedMfaMethod, Workspace } from '../../../shared/contract';
import { parseBucketNodes } from './bucket-nodes';
import { ApiFailure, isApiFailure, serverMessageOf } from './api-errors';
import { parseAvailableBuckets, parseJsonBody, type ParsedBucket } from './bucket-schema';
import { cutList, listFrom, parseChanged, type ParsedList } from './incremental-list';
import { parseInSlices, type HashedList } from './hashed-list';
import { scratchOf } from './read-capped';
import { yieldToEventLoop } from '../platform/clock';
import { deviceInfo, type DeviceInfo } from './device-info';
import { Transport, type Bearer, type FetchLike } from './transport';
import { normaliseExpiry } from './token-expiry';
import { LoginGrant, type Tokens } from './login-grant';
import { mfaStatusFrom, type MfaStatus } from './mfa-status';

export type { Tokens } from './login-grant';
export type { MfaStatus } from './mfa-status';

export type { Bearer, BearerSource, FetchLike } from './transport';

interface ApiClientOptions {
  baseUrl: string;
  /** Electron's `net.fetch` in the app (system proxies), Node's `fetch` in tests and preview. */
  fetch?: FetchLike;
  /** One deadline for the whole request: connection, headers and the last byte of the body. */
  timeoutMs?: number;
  /** Larger bodies are refused instead of filling memory. */
  maxResponseBytes?: number;
  now?: () => number;
}

/**
 * What a poll keeps of the last list to recognise the next one (held by BucketSync, opaque
 * to it). A small body is kept as bytes: comparing 2 MB takes a fraction of a millisecond,
 * hashing it a few. A large one is kept as a hash per bucket: its bytes would be more memory
 * than the parsed list itself (23 MB at 100,000 buckets).
 */
export interface ListMemory {
  bytes?: Buffer;
  list?: ParsedList;
  hashed?: HashedList;
  /** The memory of the small body before the last, which nothing holds any more: the next body is read into it. */
  spare?: Buffer;
}

export type PollResult =
  | { unchanged: true }
  | {
      unchanged: false;
      buckets: ParsedBucket[];
      memory: ListMemory;
      /** Where each bucket was in the previous list, -1 where not known (see hashed-list.ts): a hint for the tracker, which checks it. */
      from?: Int32Array;
    };

/** Bodies up to this size are kept as bytes; see ListMemory. */
export const KEEP_BYTES_UP_TO = 4 * 1024 * 1024;

interface UserInfo {
  email?: string;
  name?: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

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

/** `{success: false, …}` is a refusal whatever the HTTP status said. */
function refusal(body: Record<string, unknown>, message: string): ApiFailure {
  const code = typeof body.error_code === 'string' && /^[A-Z_]{1,64}$/.test(body.error_code) ? body.error_code : undefined;
  return new ApiFailure('auth', message, { code, serverMessage: serverMessageOf(body) });
}

/**
 * The Flashback API as the official client speaks it: the bearer on every call once there
 * is a token, JSON bodies only where there is something to send, and the documented
 * answers checked before anything is believed.
 */
export class FlashbackApi {
  private readonly transport: Transport;
  private readonly now: () => number;
  private readonly device: DeviceInfo = deviceInfo();

  constructor(options: ApiClientOptions) {
    this.now = options.now ?? Date.now;
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      now: this.now,
    });
  }

  private requestBytes(...args: Parameters<Transport['bytes']>) {
    return this.transport.bytes(...args);
  }

  /** Sends a request and returns the parsed JSON body of a 2xx answer; throws `ApiFailure` otherwise. */
  private async requestJson(...args: Parameters<FlashbackApi['requestBytes']>): Promise<unknown> {
    const { bytes, contentType, status } = await this.requestBytes(...args);
    const parsed = parseJsonBody(bytes.toString('utf8'), contentType);
    if (!parsed.ok) throw new ApiFailure('invalid-response', `Flashback sent ${parsed.problem}.`, { status });
    return parsed.value;
  }

  private async requestObject(what: string, ...args: Parameters<FlashbackApi['requestJson']>): Promise<Record<string, unknown>> {
    const body = asRecord(await this.requestJson(...args));
    if (!body) throw new ApiFailure('invalid-response', `Flashback sent ${what} this app does not understand.`);
    return body;
  }

  async getAvailableBuckets(accessToken: Bearer, options: { workspaceId?: string | null; signal?: AbortSignal } = {}): Promise<ParsedBucket[]> {
    const body = await this.requestJson('get', 'bucket/available', {
      bearer: accessToken,
      signal: options.signal,
      searchParams: options.workspaceId ? { workspaceId: options.workspaceId } : undefined,
    });
    const result = parseAvailableBuckets(body);
    if (!result.ok) throw new ApiFailure('invalid-response', `Flashback sent ${result.problem}.`);
    return result.buckets;
  }

  /**
   * The poll: `GET /bucket/available`, but a body identical to the previous one is not
   * decoded or parsed again: most polls change nothing, and comparing is far cheaper than
   * parsing, validating and diffing the list. When some buckets changed, only their bytes are
   * parsed: matched by place and then anywhere by hash, the bytes compared, for a small body
   * (incremental-list.ts), by hash for a large one, a slice per turn of the event loop
   * (hashed-list.ts). Either way `from` tells the tracker where each bucket was.
   */
  async pollAvailableBuckets(
    accessToken: Bearer,
    options: { workspaceId?: string | null; signal?: AbortSignal; previous?: ListMemory; keepBytesUpTo?: number },
  ): Promise<PollResult> {
    const previous = options.previous;
    const keepBytesUpTo = options.keepBytesUpTo ?? KEEP_BYTES_UP_TO;
    const { bytes, contentType, status } = await this.requestBytes('get', 'bucket/available', {
      bearer: accessToken,
      signal: options.signal,
      scratch: previous?.spare,
      last: previous?.bytes,
      searchParams: options.workspaceId ? { workspaceId: options.workspaceId } : undefined,
    });
    // The same body again is `previous.bytes` itself, told as it was read (read-capped.ts): no second comparison.
    if (previous?.bytes && bytes === previous.bytes) return { unchanged: true };
    if (bytes.length <= keepBytesUpTo) {
      const spare = previous?.bytes && scratchOf(previous.bytes);
      // Cut once: a list parsed whole after all is recorded with the same cut.
      const cut = cutList(bytes);
      const changed = previous?.list && parseChanged(bytes, previous.list, cut);
      if (changed) return { unchanged: false, buckets: changed.buckets, memory: { bytes, list: changed, spare }, from: changed.from };
      const buckets = this.parseWhole(bytes, contentType, status);
      // Every bucket parsed for this list alone (-1): each may become its own view.
      return { unchanged: false, buckets, memory: { bytes, list: listFrom(bytes, buckets, cut), spare }, from: new Int32Array(buckets.length).fill(-1) };
    }
    const sliced = await parseInSlices(bytes, previous?.hashed, { yieldTurn: yieldToEventLoop, signal: options.signal });
    if (sliced?.unchanged) return { unchanged: true };
    if (sliced) return { unchanged: false, buckets: sliced.list.buckets, memory: { hashed: sliced.list }, from: sliced.from };
    // Not a compact list of buckets: parsed whole (and its problem said), every poll.
    return { unchanged: false, buckets: this.parseWhole(bytes, contentType, status), memory: {} };
  }

  private parseWhole(bytes: Buffer, contentType: string | null, status: number): ParsedBucket[] {
    const parsed = parseJsonBody(bytes.toString('utf8'), contentType);
    if (!parsed.ok) throw new ApiFailure('invalid-response', `Flashback sent ${parsed.problem}.`, { status });
    const result = parseAvailableBuckets(parsed.value);
    if (!result.ok) throw new ApiFailure('invalid-response', `Flashback sent ${result.problem}.`);
    return result.buckets;
  }

  /** `POST /user/login`. For an account with MFA the token is a limited one: `mfaStatus` tells, and only `grant.fullAccess` gives tokens to keep. */
  async login(email: string, password: string, signal?: AbortSignal): Promise<{ grant: LoginGrant; user: UserInfo }> {
    const body = await this.requestObject('a sign-in answer', 'post', 'user/login', { json: { email, password, deviceInfo: this.device }, signal });
    if (body.success === false) throw refusal(body, 'Flashback did not accept this email and password.');
    const user = asRecord(body.user);
    return {
      grant: new LoginGrant(this.tokensFrom(body, 'accessToken')),
      user: { email: user && stringField(user, 'email'), name: user && stringField(user, 'name') },
    };
  }

  /** `GET /mfa/status`: whether this token still needs its second step, and with which methods. */
  async mfaStatus(accessToken: string, signal?: AbortSignal): Promise<MfaStatus> {
    const body = await this.requestObject('a two-step status', 'get', 'mfa/status', { bearer: accessToken, signal });
    const data = asRecord(body.data);
    if (body.success === false || !data) throw new ApiFailure('invalid-response', 'Flashback sent a two-step status this app does not understand.');
    return mfaStatusFrom(data);
  }

  /** `POST /mfa/verify-login` with the limited token: `{mfaType, code}` or `{mfaType, token}` for a magic link. */
  async verifyMfaLogin(limitedToken: string, method: SupportedMfaMethod, code: string, signal?: AbortSignal): Promise<Tokens> {
    const json = method === 'GOOGLE_AUTH' ? { mfaType: method, code } : { mfaType: method, token: code };
    const body = await this.requestObject('a verification answer', 'post', 'mfa/verify-login', { bearer: limitedToken, json, signal }).catch((error: unknown) => {
      // The platform refuses a wrong code with 400 `{success: false, error: "Invalid verification code"}`:
      // a refusal of the code (its words kept), not an unexpected status.
      const status = isApiFailure(error) ? error.details.status : undefined;
      if (isApiFailure(error) && status !== undefined && status >= 400 && status < 500 && status !== 429) {
        throw new ApiFailure('auth', 'Flashback did not accept this code.', { ...error.details, code: error.details.code ?? 'CODE_REFUSED' });
      }
      throw error;
    });
    if (body.success === false) throw refusal(body, 'Flashback did not accept this code.');
    return this.tokensFrom(body, 'fullAccessToken');
  }

  /** `POST /mfa/magic-link/send` (no body): the platform mails a sign-in link. */
  async sendMagicLink(limitedToken: string, signal?: AbortSignal): Promise<void> {
    const body = await this.requestObject('an answer', 'post', 'mfa/magic-link/send', { bearer: limitedToken, signal });
    if (body.success === false) throw refusal(body, 'Flashback could not send the sign-in link.');
  }

  /** `POST /user/refresh` with the bearer; `success: false` at any status ends the session. */
  async refresh(refreshToken: string, accessToken: string, signal?: AbortSignal): Promise<Tokens> {
    // The official client sends `refresh_token`, the docs page `refreshToken`: send both.
    const json = { refresh_token: refreshToken, refreshToken };
    const body = await this.requestObject('a refresh answer', 'post', 'user/refresh', { bearer: accessToken, json, signal });
    if (body.success === false) throw refusal(body, 'Flashback ended this session.');
    const tokens = this.tokensFrom(body, 'accessToken', 'token');
    return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
  }

  async logout(refreshToken: string, accessToken: string, signal?: AbortSignal): Promise<void> {
    // Any 2xx is done, whatever its body (the platform may send none at all).
    await this.requestBytes('post', 'user/logout', { bearer: accessToken, json: { refresh_token: refreshToken }, signal });
  }

  /** `POST /user/request-reset-password`: the platform mails a link to set a (new) password. */
  async requestPasswordReset(email: string, signal?: AbortSignal): Promise<void> {
    const body = await this.requestObject('an answer', 'post', 'user/request-reset-password', { json: { email }, signal });
    if (body.success === false) throw new ApiFailure('invalid-response', 'Flashback could not send the password reset email.', { serverMessage: serverMessageOf(body) });
  }

  /** `GET /bucket/{id}/status`: the bridge nodes behind a bucket, each with its region, status, latency and last report. */
  async bucketStatus(accessToken: Bearer, bucketId: string, signal?: AbortSignal): Promise<BucketNode[]> {
    const body = await this.requestJson('get', `bucket/${encodeURIComponent(bucketId)}/status`, { bearer: accessToken, signal }).catch((error: unknown) => {
      const status = isApiFailure(error) ? error.details.status : undefined;
      if (status === 404) throw new ApiFailure('not-found', 'Flashback does not know this bucket any more: it may have been taken by a repository, or deleted.', { status });
      if (status === 403) throw new ApiFailure('auth', 'Flashback does not let this account see the nodes of this bucket.', { status });
      throw error;
    });
    const nodes = parseBucketNodes(body);
    if (!nodes) throw new ApiFailure('invalid-response', 'Flashback sent a node status this app does not understand.');
    return nodes;
  }

  /** `GET /health` (no bearer) → `{status: "ok" | "error", timestamp}`: whether the platform says it is well. */
  async health(signal?: AbortSignal): Promise<'ok' | 'error'> {
    const body = await this.requestObject('a health answer', 'get', 'health', { signal });
    if (body.status === 'ok' || body.status === 'error') return body.status;
    throw new ApiFailure('invalid-response', 'Flashback sent a health answer this app does not understand.');
  }

  /** `GET /workspace`: the names people know for the workspace ids buckets carry. */
  async getWorkspaces(accessToken: Bearer, signal?: AbortSignal): Promise<Workspace[]> {
    const body = await this.requestObject('a workspace list', 'get', 'workspace', { bearer: accessToken, signal });
    if (body.success === false || !Array.isArray(body.workspaces)) throw new ApiFailure('invalid-response', 'Flashback sent a workspace list this app does not understand.');
    const workspaces: Workspace[] = [];
    for (const item of body.workspaces) {
      const record = asRecord(item);
      const id = record && stringField(record, 'id');
      if (!record || !id) continue;
      const name = stringField(record, 'name')?.trim();
      workspaces.push({ id, name: name ? name.slice(0, 200) : id });
    }
    return workspaces;
  }

  private tokensFrom(body: Record<string, unknown>, ...accessNames: string[]): Tokens {
    const accessToken = stringField(body, ...accessNames);
    if (!accessToken) throw new ApiFailure('invalid-response', 'Flashback did not send an access token.');
    return {
      accessToken,
      refreshToken: stringField(body, 'refreshToken', 'refresh_token'),
      expiresAt: normaliseExpiry(body.expiresAt ?? body.expires_at, accessToken, this.now()),
    };
  }
}
