export const BACKOFF_CAP_MS = 15 * 60 * 1000;
/** A server's Retry-After is honoured up to this long; beyond it the app would look dead. */
export const RETRY_AFTER_CAP_MS = 60 * 60 * 1000;

/**
 * Delay before the next attempt after `failures` consecutive failures: the poll interval
 * doubled per failure, capped, with jitter in [50 %, 100 %] of the delay so many clients
 * that failed together do not come back together.
 */
export function backoffDelay(failures: number, intervalMs: number, random: () => number, capMs = BACKOFF_CAP_MS): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  const ceiling = Math.min(capMs, intervalMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** The delay after a failure: backoff, but never sooner than the server asked. */
export function delayAfterFailure(
  failures: number,
  intervalMs: number,
  random: () => number,
  retryAfterMs: number | undefined,
): number {
  const backoff = backoffDelay(failures, intervalMs, random);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, RETRY_AFTER_CAP_MS));
}
