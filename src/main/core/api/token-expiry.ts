/** Access tokens live one hour; when nothing says when one ends, assume a little less. */
export const FALLBACK_TOKEN_LIFETIME_MS = 55 * 60 * 1000;
/** An expiry further out than this is not believable for an access token. */
const MAX_BELIEVABLE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** The `exp` claim of a JWT (epoch ms), without verifying it: only used to schedule a refresh. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (json && typeof json === 'object' && 'exp' in json && typeof json.exp === 'number' && Number.isFinite(json.exp)) return json.exp * 1000;
  } catch {
    // Not a JWT: the caller falls back.
  }
  return undefined;
}

/** Reads a number the API may send as epoch seconds, epoch milliseconds or seconds from now. */
function fromNumber(value: number, now: number): number {
  if (value < 1e8) return now + value * 1000; // relative seconds (3600), up to about three years
  if (value < 1e11) return value * 1000; // epoch seconds
  return value; // epoch milliseconds
}

function believable(at: number | undefined, now: number): at is number {
  return at !== undefined && Number.isFinite(at) && at > now && at - now <= MAX_BELIEVABLE_LIFETIME_MS;
}

/**
 * When an access token expires (epoch ms). `expiresAt`'s unit is not documented: seconds,
 * milliseconds, seconds from now or an ISO date are understood; a value in the past or
 * absurd falls back to the JWT's `exp`, then to 55 minutes from now.
 */
export function normaliseExpiry(expiresAt: unknown, accessToken: string, now: number): number {
  let candidate: number | undefined;
  if (typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt > 0) candidate = fromNumber(expiresAt, now);
  else if (typeof expiresAt === 'string' && expiresAt.trim()) {
    const text = expiresAt.trim();
    candidate = /^\d+$/.test(text) ? fromNumber(Number(text), now) : Date.parse(text);
  }
  if (believable(candidate, now)) return candidate;
  const exp = jwtExpiry(accessToken);
  return believable(exp, now) ? exp : now + FALLBACK_TOKEN_LIFETIME_MS;
}
