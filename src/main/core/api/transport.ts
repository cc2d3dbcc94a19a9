import ky, { HTTPError, type KyInstance, type Options as KyOptions } from 'ky';
import { failureFromStatus, failureFromThrown } from './api-errors';
import { readBytesCapped } from './read-capped';
import { systemClock } from '../platform/clock';

export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Who a request is for: a bare token (the second step's limited one, a pasted one being
 * checked), or the session's source, which is asked for the token at send time and, on a
 * 401, renews it once (the hook then sends the request once more).
 */
export type Bearer = string | BearerSource;
export interface BearerSource {
  token(): string;
  /** After a 401: get a new token (one refresh), or throw why not (the session is over). */
  renew(): Promise<void>;
}

interface RequestOptions {
  bearer?: Bearer;
  json?: unknown;
  searchParams?: Record<string, string>;
  signal?: AbortSignal;
  /** Memory the body may be read into: nothing else may hold it (see BucketSync). */
  scratch?: Buffer;
  /** The previous body: one that repeats it is known as it arrives, and comes back as this very Buffer (read-capped.ts). */
  last?: Buffer;
}

interface TransportOptions {
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs: number;
  maxResponseBytes: number;
  now: () => number;
}

const tokenOf = (bearer: Bearer) => (typeof bearer === 'string' ? bearer : bearer.token());

/**
 * HTTP through ky, as the official client speaks it: the API address as `prefixUrl`, JSON
 * accepted, `json` and `searchParams` encoded by ky, the bearer set by a hook on every
 * call, and on a 401 one renewal and one more try (a hook too). ky retries nothing
 * (`retry: 0`: the poller owns backoff and Retry-After) and has no timeout of its own
 * (it would end with the headers): one deadline, an AbortSignal, covers the whole
 * request including the last byte of the body. `fetch` is Electron's `net.fetch` in the
 * app (system proxies), Node's in tests and the preview.
 */
export class Transport {
  private readonly http: KyInstance;

  constructor(private readonly options: TransportOptions) {
    const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.http = ky.create({
      prefixUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: { accept: 'application/json' },
      retry: 0,
      timeout: false,
      fetch: fetch as typeof globalThis.fetch,
      hooks: {
        beforeRequest: [
          (request, { context }) => {
            const bearer = context.bearer as Bearer | undefined;
            if (bearer) request.headers.set('authorization', `Bearer ${tokenOf(bearer)}`);
          },
        ],
        afterResponse: [
          async (request, { context, signal }, response) => {
            const bearer = context.bearer as Bearer | undefined;
            if (response.status !== 401 || !bearer || typeof bearer === 'string' || context.renewed) return;
            await bearer.renew();
            return this.http(request, { context: { ...context, renewed: true }, signal: signal ?? undefined });
          },
        ],
      },
    });
  }

  /** Sends a request and returns the bytes of a 2xx answer; throws `ApiFailure` otherwise. */
  async bytes(method: 'get' | 'post', path: string, options: RequestOptions): Promise<{ bytes: Buffer; contentType: string | null; status: number }> {
    const { timeoutMs, maxResponseBytes, now } = this.options;
    // One controller per request, aborted by the caller's signal or the deadline, whichever
    // comes first. Both are unhooked when the request ends (AbortSignal.timeout and
    // AbortSignal.any cannot be), so a finished request leaves no timer and no listener on
    // the session's long-lived signal behind.
    const request = new AbortController();
    const timer = systemClock.setTimeout(() => request.abort(new DOMException('The request took too long.', 'TimeoutError')), timeoutMs);
    const forward = () => request.abort(options.signal!.reason);
    if (options.signal?.aborted) forward();
    else options.signal?.addEventListener('abort', forward, { once: true });
    const signal = request.signal;
    try {
      const kyOptions: KyOptions = { method, signal, context: options.bearer ? { bearer: options.bearer } : {} };
      if (options.json !== undefined) kyOptions.json = options.json;
      if (options.searchParams) kyOptions.searchParams = options.searchParams;
      const response = await this.http(path, kyOptions);
      const bytes = await readBytesCapped(response, maxResponseBytes, signal, options.scratch, options.last);
      return { bytes, contentType: response.headers.get('content-type'), status: response.status };
    } catch (error) {
      if (error instanceof HTTPError) {
        const { response } = error;
        const text = await readBytesCapped(response, Math.min(maxResponseBytes, 64 * 1024), signal).then(
          (bytes) => bytes.toString('utf8'),
          () => '',
        );
        throw failureFromStatus(response.status, response.headers, text, now());
      }
      // Whichever fired first decides: the caller's cancel, or the deadline (headers or body).
      const reason = signal.aborted ? signal.reason : error;
      throw failureFromThrown(isAbortFor(error, reason) ? reason : error, timeoutMs);
    } finally {
      systemClock.clearTimeout(timer);
      options.signal?.removeEventListener('abort', forward);
    }
  }
}

/** fetch and streams reject with their own error on abort; the signal's reason says why. */
function isAbortFor(error: unknown, reason: unknown): boolean {
  return reason !== error && reason instanceof Error && (reason.name === 'TimeoutError' || reason.name === 'AbortError' || reason.name === 'StaleWork');
}
