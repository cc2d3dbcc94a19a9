import type { FlashbackApi } from '../../../src/main/core/api/api-client';
import { systemClock } from '../../../src/main/core/platform/clock';
import type { Logger } from '../../../src/main/core/platform/logger';
import { BucketSync, type BucketSyncOptions } from '../../../src/main/core/sync/bucket-sync';
import { DEFAULT_SETTINGS } from '../../../src/shared/contract';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A BucketSync for tests over `api`: account `acc-1`, a session that always has a token and ends
 * with `signal`, the real clock, a quiet log, no jitter and no gap between refreshes; `options`
 * adds or replaces the rest.
 */
export function testSync(api: FlashbackApi, signal: AbortSignal, options: Partial<BucketSyncOptions> = {}): BucketSync {
  return new BucketSync({
    account: 'acc-1',
    session: { withAccessToken: (run) => run({ token: () => 'token', renew: () => Promise.resolve() }), signal },
    api: () => api,
    settings: () => DEFAULT_SETTINGS,
    clock: systemClock,
    log: quiet,
    random: () => 0.5,
    minRefreshGapMs: 0,
    report: () => undefined,
    ...options,
  });
}
