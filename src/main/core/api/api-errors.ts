import type { SyncErrorKind } from '../../../shared/contract';

type FailureKind = SyncErrorKind | 'aborted';

/**
 * A failed API call as a value the UI can explain. `message` is written by this
 * module only (never copied from a server or a stack), so it cannot carry a secret.
 */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      code?: string;
      /** The server's own short explanation (`message` or `error`), cleaned; shown only where a person needs it (a wrong code). */
      serverMessage?: string;
    } = {},
  ) {
    super(message);
  }
}

export function isApiFailure(error: unknown): error is ApiFailure {
  return error instanceof ApiFailure;
}

/** `Retry-After` is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The error body's own code, when it is the documented `{success:false, error_code}` JSON. */
function errorCodeOf(bodyText: string): string | undefined {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'error_code' in body && typeof body.error_code === 'string') {
      return /^[A-Z_]{1,64}$/.test(body.error_code) ? body.error_code : undefined;
    }
  } catch {
    // Not JSON: the status alone decides.
  }
  return undefined;
}

/**
 * The server's `message` or `error` text, when it is a short plain sentence: control
 * characters removed, at most 160 characters, and nothing that looks like a token.
 */
export function serverMessageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const text = typeof record.message === 'string' ? record.message : typeof record.error === 'string' ? record.error : undefined;
  if (!text) return undefined;
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
  if (!clean || /[A-Za-z0-9_-]{24,}/.test(clean)) return undefined;
  return clean;
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function failureFromStatus(status: number, headers: Headers, bodyText: string, now: number): ApiFailure {
  const code = errorCodeOf(bodyText);
  const serverMessage = status === 401 || status === 403 || status === 400 ? serverMessageOf(parsedOrUndefined(bodyText)) : undefined;
  if (status === 401) return new ApiFailure('auth', 'Flashback did not accept your sign-in; it may have expired.', { status, code, serverMessage });
  if (status === 403) {
    return new ApiFailure('auth', 'Flashback refused this request: your account lacks the permission, or your sign-in needs its second step.', { status, code, serverMessage });
  }
  if (status === 404) return new ApiFailure('not-found', 'Flashback could not find your user account.', { status, code });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
    return new ApiFailure('rate-limited', 'Flashback is receiving too many requests from this account.', { status, retryAfterMs, code });
  }
  if (status >= 500) return new ApiFailure('server', `Flashback's server had a problem (HTTP ${status}).`, { status, code });
  return new ApiFailure('invalid-response', `Flashback answered with an unexpected status (HTTP ${status}).`, { status, code, serverMessage });
}

const NODE_NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was cut off',
  EPIPE: 'the connection was cut off',
  UND_ERR_SOCKET: 'the connection was cut off',
  ENOTFOUND: 'the server name could not be found',
  EAI_AGAIN: 'the server name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the server is unreachable',
};

/** Electron's `net.fetch` rejects with a plain `Error('net::ERR_…')`. */
const CHROMIUM_NET_ERRORS: Array<[RegExp, string]> = [
  [/INTERNET_DISCONNECTED|NETWORK_CHANGED/, 'this computer is offline'],
  [/CONNECTION_REFUSED/, 'the connection was refused'],
  [/CONNECTION_(RESET|CLOSED|ABORTED)|EMPTY_RESPONSE/, 'the connection was cut off'],
  [/NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED/, 'the server name could not be found'],
  [/TIMED_OUT/, 'the connection timed out'],
  [/CERT_|SSL_/, 'its secure connection could not be verified'],
  [/PROXY/, 'the proxy did not let the request through'],
];

function networkReason(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === 'object' && current !== null) {
      const code = 'code' in current && typeof current.code === 'string' ? current.code : undefined;
      if (code && NODE_NETWORK_CODES[code]) return NODE_NETWORK_CODES[code];
      const message = 'message' in current && typeof current.message === 'string' ? current.message : '';
      const chromium = /net::ERR_[A-Z_]+/.exec(message)?.[0];
      if (chromium) return CHROMIUM_NET_ERRORS.find(([pattern]) => pattern.test(chromium))?.[1] ?? 'the network request failed';
      current = 'cause' in current ? current.cause : undefined;
    } else break;
  }
  return undefined;
}

/** Classifies what a request threw (not an HTTP status): timeouts, aborts and network failures. */
export function failureFromThrown(error: unknown, timeoutMs: number): ApiFailure {
  if (isApiFailure(error)) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') {
    return new ApiFailure('network', `Flashback did not answer within ${Math.round(timeoutMs / 1000)} s.`, { code: 'TIMEOUT' });
  }
  if (name === 'AbortError' || name === 'StaleWork') return new ApiFailure('aborted', 'The request was cancelled.');
  const reason = networkReason(error);
  if (reason) return new ApiFailure('network', `Can't reach Flashback: ${reason}.`, { code: 'NETWORK' });
  if (error instanceof TypeError) return new ApiFailure('network', "Can't reach Flashback: the network request failed.", { code: 'NETWORK' });
  return new ApiFailure('network', "Can't reach Flashback: the request failed unexpectedly.", { code: 'UNKNOWN' });
}
