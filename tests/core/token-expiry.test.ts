import { describe, expect, it } from 'vitest';
import { FALLBACK_TOKEN_LIFETIME_MS, normaliseExpiry } from '../../src/main/core/api/token-expiry';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
const IN_AN_HOUR = NOW + 3600_000;

describe('normaliseExpiry: the undocumented unit of expiresAt', () => {
  it.each([
    ['epoch seconds', IN_AN_HOUR / 1000],
    ['epoch milliseconds', IN_AN_HOUR],
    ['relative seconds', 3600],
    ['a numeric string', String(IN_AN_HOUR / 1000)],
    ['an ISO date', new Date(IN_AN_HOUR).toISOString()],
  ])('understands %s', (_label, value) => {
    expect(normaliseExpiry(value, 'not-a-jwt', NOW)).toBe(IN_AN_HOUR);
  });

  it.each([
    ['in the past', NOW / 1000 - 60],
    ['absurdly far (year 2400)', Date.parse('2400-01-01') / 1000],
    ['zero', 0],
    ['negative', -5],
    ['not a number', 'soon'],
    ['missing', undefined],
  ])('falls back to the JWT exp when the value is %s', (_label, value) => {
    expect(normaliseExpiry(value, jwt(NOW / 1000 + 1800), NOW)).toBe(NOW + 1800_000);
  });

  it('falls back to 55 minutes when neither the value nor the JWT is believable', () => {
    expect(normaliseExpiry(NOW / 1000 - 60, jwt(NOW / 1000 - 60), NOW)).toBe(NOW + FALLBACK_TOKEN_LIFETIME_MS);
    expect(normaliseExpiry(undefined, 'opaque', NOW)).toBe(NOW + 55 * 60_000);
  });
});
