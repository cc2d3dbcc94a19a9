import { describe, expect, it } from 'vitest';
import { failureFromStatus, failureFromThrown, parseRetryAfter } from '../../src/main/core/api/api-errors';

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => expect(parseRetryAfter('120', NOW)).toBe(120_000));
  it('reads an HTTP date', () => expect(parseRetryAfter('Tue, 24 Nov 2026 12:05:00 GMT', NOW)).toBe(300_000));
  it('treats a date in the past as "now"', () => expect(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', NOW)).toBe(0));
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('failureFromStatus', () => {
  const headers = (init: Record<string, string> = {}) => new Headers(init);
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not-found'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
    [418, 'invalid-response'],
  ])('classifies HTTP %i as %s', (status, kind) => {
    expect(failureFromStatus(status, headers(), '', NOW).kind).toBe(kind);
  });

  it('keeps Retry-After with a 429', () => {
    expect(failureFromStatus(429, headers({ 'retry-after': '30' }), '', NOW).details.retryAfterMs).toBe(30_000);
  });

  it('reads the documented error_code, but only a well-formed one', () => {
    expect(failureFromStatus(401, headers(), '{"success":false,"error_code":"INVALID_PASSWORD"}', NOW).details.code).toBe('INVALID_PASSWORD');
    expect(failureFromStatus(401, headers(), '{"error_code":"<script>"}', NOW).details.code).toBeUndefined();
  });

  it('never copies the server body into the message', () => {
    const failure = failureFromStatus(500, headers(), '{"message":"token eyJsecret leaked"}', NOW);
    expect(failure.message).toBe("Flashback's server had a problem (HTTP 500).");
  });
});

describe('failureFromThrown', () => {
  it('explains a Node connection refusal', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(failureFromThrown(error, 20_000)).toMatchObject({ kind: 'network', message: "Can't reach Flashback: the connection was refused." });
  });

  it("explains Electron net.fetch's plain net::ERR_ errors", () => {
    expect(failureFromThrown(new Error('net::ERR_INTERNET_DISCONNECTED'), 20_000).message).toBe("Can't reach Flashback: this computer is offline.");
    expect(failureFromThrown(new Error('net::ERR_NAME_NOT_RESOLVED'), 20_000).message).toContain('server name could not be found');
    expect(failureFromThrown(new Error('net::ERR_CERT_AUTHORITY_INVALID'), 20_000).message).toContain('secure connection');
  });

  it('explains a timeout with its length', () => {
    const timeout = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
    expect(failureFromThrown(timeout, 15_000)).toMatchObject({ kind: 'network', message: 'Flashback did not answer within 15 s.' });
  });

  it('recognises our own abort', () => {
    expect(failureFromThrown(new DOMException('aborted', 'AbortError'), 1000).kind).toBe('aborted');
  });

  it('does not repeat an unknown error text (it could hold anything)', () => {
    expect(failureFromThrown(new Error('Bearer abc.def.ghi exploded'), 1000).message).not.toContain('Bearer');
  });
});
