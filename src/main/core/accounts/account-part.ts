import type { AuthState, BucketView, SyncState, Workspace } from '../../../shared/contract';
import { INITIAL_SYNC, iso } from '../sync/bucket-sync';
import type { SyncNews } from '../sync/sync-outcome';

/** One account's part of the app's state: its sign-in, sync, workspaces and buckets. */
export interface AccountPart {
  readonly auth: AuthState;
  readonly sync: SyncState;
  readonly workspaces: Workspace[];
  readonly buckets: BucketView[];
}

export const INITIAL_PART: AccountPart = { auth: { kind: 'signing-in' }, sync: INITIAL_SYNC, workspaces: [], buckets: [] };

/** Nothing wrong, nothing under way: a poll that changed nothing only moves its times. */
const calm = (sync: SyncState) => sync.phase === 'idle' && !sync.stale && !sync.inFlight && !sync.error;

function succeeded(at: number, nextPollAt: number | undefined): SyncState {
  return { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date(at).toISOString(), nextPollAt: iso(nextPollAt) };
}

/**
 * The account's part after a piece of news from its sync: the one place a poll's outcome
 * becomes state. `quiet`: only the times of a calm sync moved (an unchanged poll), which the
 * views need not be sent at once (see StateStore).
 */
export function accountAfter(part: AccountPart, news: SyncNews): { part: AccountPart; quiet: boolean } {
  const { sync } = part;
  const with_ = (next: Partial<AccountPart>, quiet = false) => ({ part: { ...part, ...next }, quiet });
  switch (news.kind) {
    case 'changed':
      return with_({ sync: succeeded(news.at, news.nextPollAt), buckets: news.buckets });
    case 'unchanged':
      return with_({ sync: succeeded(news.at, news.nextPollAt) }, calm(sync));
    case 'failed': {
      const stale = part.buckets.length > 0 || sync.lastSuccessAt !== undefined;
      return with_({ sync: { ...sync, phase: 'error', inFlight: false, stale, nextPollAt: iso(news.nextPollAt), error: news.error } });
    }
    case 'stopped':
      return { part, quiet: false };
    case 'checking':
      return with_({ sync: { ...sync, phase: 'refreshing', inFlight: true } });
    case 'scheduled':
      return with_({ sync: { ...sync, nextPollAt: iso(news.nextPollAt) } });
    case 'paused':
      return with_({ sync: { ...sync, phase: news.phase, nextPollAt: undefined, inFlight: false } });
    case 'resumed':
      return with_({ sync: { ...sync, phase: sync.error ? 'error' : 'idle' } });
    case 'ended':
      return with_({ sync: { ...sync, phase: 'error', inFlight: false, stale: true, nextPollAt: undefined } });
    case 'reset':
      return with_({ buckets: [], workspaces: [] });
    case 'workspaces':
      return with_({ workspaces: news.workspaces });
    case 'diagnosed':
      // Only while that error still stands: a later poll may have replaced it.
      return sync.error === news.error ? with_({ sync: { ...sync, error: { ...news.error, whose: news.whose } } }) : { part, quiet: false };
  }
}
