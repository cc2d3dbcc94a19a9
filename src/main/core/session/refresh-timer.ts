import type { Clock, TimerHandle } from '../platform/clock';

/** Refresh this long before the access token expires (they live one hour). */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** The soonest one refresh may follow another: never a refresh loop, whatever the server says. */
export const MIN_REFRESH_INTERVAL_MS = 30_000;

/** When to renew a token expiring at `expiresAt`: before expiry (by the margin, or half the remaining life when shorter), never sooner than the minimum. */
function refreshDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  return Math.max(MIN_REFRESH_INTERVAL_MS, remaining - Math.min(REFRESH_MARGIN_MS, remaining / 2));
}

/** The one pending proactive refresh: set again replaces it; cancel forgets it. */
export class RefreshTimer {
  private handle: TimerHandle | undefined;

  constructor(private readonly clock: Clock) {}

  schedule(expiresAt: number, run: () => void): void {
    this.cancel();
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      run();
    }, refreshDelay(expiresAt, this.clock.now()));
  }

  cancel(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
