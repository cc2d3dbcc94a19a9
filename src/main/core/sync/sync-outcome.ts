import type { BucketView, SyncError, SyncState, Workspace } from '../../../shared/contract';
import type { ApiFailure } from '../api/api-errors';
import type { BucketChange } from '../notify/bucket-changes';

/**
 * What one poll of the list came to: the value a sync step returns (and reports to its
 * account). The account turns it into its part of the state (accounts/account-part.ts);
 * nothing below the account knows the state.
 */
export type PollOutcome =
  /** A new list: every bucket's view, and what changed since the last list (none for a baseline). */
  | { kind: 'changed'; buckets: BucketView[]; changes: readonly BucketChange[]; baseline: boolean; at: number; nextPollAt: number | undefined }
  /** The server sent the same list again. */
  | { kind: 'unchanged'; at: number; nextPollAt: number | undefined }
  /** The request failed: why, in words for a person, and when it is tried again (undefined: not by itself). */
  | { kind: 'failed'; failure: ApiFailure; error: SyncError; nextPollAt: number | undefined }
  /** Aborted or superseded (pause, sign-out, another start): it changes nothing. */
  | { kind: 'stopped' };

/** A refresh the user asked for: the poll's outcome, or none because the server asked to wait. */
export type RefreshResult = PollOutcome | { kind: 'rate-limited' };

/** Everything else a sync tells its account between polls: its schedule, pauses, names, diagnoses. */
export type SyncNews =
  | PollOutcome
  /** A refresh the user asked for went out (a scheduled poll works quietly). */
  | { kind: 'checking' }
  | { kind: 'scheduled'; nextPollAt: number | undefined }
  | { kind: 'paused'; phase: Extract<SyncState['phase'], 'paused' | 'offline'> }
  | { kind: 'resumed' }
  /** The session ended (expired): the list stays, marked stale. */
  | { kind: 'ended' }
  /** A new account, sign-in or workspace: the list and names are forgotten. */
  | { kind: 'reset' }
  | { kind: 'workspaces'; workspaces: Workspace[] }
  /** `GET /health` said whose problem `error` is. */
  | { kind: 'diagnosed'; error: SyncError; whose: NonNullable<SyncError['whose']> };
