import { bucketKey } from '../../../shared/accounts';
import type { BucketsPatch, BucketView, Settings, StatusChangeRecord, SyncError, SyncState, Workspace } from '../../../shared/contract';
import type { FlashbackApi, ListMemory, PollResult } from '../api/api-client';
import type { ApiFailure } from '../api/api-errors';
import { BucketTracker, type BucketChange } from '../notify/bucket-changes';
import type { ParsedBucket } from '../api/bucket-schema';
import { yieldToEventLoop, type Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { NotificationPolicy, type NotificationRequest } from '../notify/notification-policy';
import { Poller, type RefreshOutcome } from './poller';
import type { Session } from '../session/session';
import { WorkspaceDirectory } from './workspace-directory';
import { whoseProblem, worthDiagnosing } from './whose-problem';

export type PauseReason = 'sleep' | 'lock' | 'offline';

export const INITIAL_SYNC: SyncState = { phase: 'idle', stale: false, inFlight: false };

/** Fewer changes than this are recorded and notified in the same turn as the list. */
const FOLLOW_UP_AT_ONCE = 1000;
/** Changes recorded in the history per turn (about 30 ms on a slow machine); notifications get a turn of their own. */
const HISTORY_PER_TURN = 20_000;

/** What the sync needs of the state: one account's part of it (see account-slice.ts). */
export interface SyncStore {
  readonly state: { readonly buckets: readonly BucketView[]; readonly sync: SyncState };
  /** The newest sync, including one held back (see StateStore.deferSync). */
  readonly sync: SyncState;
  update(fields: { sync?: SyncState; workspaces?: Workspace[] }, buckets?: { views: BucketView[]; delta: BucketsPatch }): void;
  deferSync(sync: SyncState): void;
}

export interface BucketSyncOptions {
  store: SyncStore;
  /** Set for accounts beyond the first: every bucket's view names it (see shared/accounts.ts). */
  account?: string;
  session: Session;
  api: () => FlashbackApi;
  settings: () => Settings;
  clock: Clock;
  log: Logger;
  random?: () => number;
  minRefreshGapMs?: number;
  notify(request: NotificationRequest): void;
  /** Every change seen after the baseline (the status history records them). */
  onChanges?(changes: readonly BucketChange[], at: number): void;
  /** A bucket's last recorded change (the status history): where a new baseline's "since" starts. */
  lastChange?(bucketId: string): StatusChangeRecord | undefined;
}

/**
 * Keeps the list current: the poller (one request at a time, backoff, pause reasons),
 * change detection, notifications and workspace names. What it learns goes into the
 * store as patches; a poll that changed nothing publishes nothing.
 */
export class BucketSync {
  private readonly tracker: BucketTracker;
  private readonly policy = new NotificationPolicy();
  private readonly pauseReasons = new Set<PauseReason>();
  private readonly poller: Poller<PollResult>;
  private readonly workspaces: WorkspaceDirectory;
  /** What the api layer keeps of the last list, so an unchanged body or bucket is not parsed again. */
  private last: ListMemory | undefined;
  /** History and notifications of the last list, a turn after the list itself (see applyBuckets). */
  private followUp: Promise<void> = Promise.resolve();

  constructor(private readonly options: BucketSyncOptions) {
    const { store, session } = options;
    this.tracker = new BucketTracker(options.account, options.lastChange && ((id) => options.lastChange!(id)));
    this.poller = new Poller<PollResult>({
      intervalMs: options.settings().pollIntervalSeconds * 1000,
      clock: options.clock,
      random: options.random,
      minRefreshGapMs: options.minRefreshGapMs,
      poll: async (signal) => {
        const result = await session.withAccessToken((token) =>
          options.api().pollAvailableBuckets(token, { workspaceId: options.settings().workspaceId, signal, previous: this.last }),
        );
        // Read and parsed in this turn, applied in the next: the tray and IPC get a turn in between.
        if (!result.unchanged) await yieldToEventLoop();
        return result;
      },
      hooks: {
        onRequestStart: (manual) => {
          // A scheduled poll works quietly; a click on refresh shows that something happens.
          if (manual) store.update({ sync: { ...store.sync, phase: 'refreshing', inFlight: true } });
        },
        onSuccess: (result, nextPollAt) => {
          if (result.unchanged) this.confirmUnchanged(nextPollAt);
          else {
            this.last = result.memory;
            this.applyBuckets(result.buckets, nextPollAt);
          }
        },
        onFailure: (failure, nextPollAt) => this.applyFailure(failure, nextPollAt),
        onScheduleChange: (nextPollAt) => store.update({ sync: { ...store.sync, nextPollAt: iso(nextPollAt) } }),
      },
    });
    this.workspaces = new WorkspaceDirectory({
      fetch: (signal) => session.withAccessToken((token) => options.api().getWorkspaces(token, signal)),
      onChange: (workspaces) => store.update({ workspaces }),
      log: options.log,
    });
  }

  /** Starts (or restarts) polling; a pause reason that still holds keeps it waiting. */
  start(options: { firstPollInMs?: number } = {}): void {
    this.poller.start({ ...options, paused: this.pauseReasons.size > 0 });
    if (this.pauseReasons.size > 0) this.options.store.update({ sync: { ...this.options.store.sync, phase: this.pausedPhase() } });
  }

  stop(): void {
    this.poller.stop();
  }

  setIntervalMs(intervalMs: number): void {
    this.poller.setIntervalMs(intervalMs);
  }

  /** Resolves once the list, its history and its notifications are done. */
  async refreshNow(): Promise<RefreshOutcome> {
    const outcome = await this.poller.refreshNow();
    await this.followUp;
    return outcome;
  }

  /** A new account, sign-in or workspace: forget what was known and clear the list. */
  reset(): void {
    this.tracker.reset();
    this.policy.reset();
    this.workspaces.reset();
    this.last = undefined;
    const { store } = this.options;
    const remove = store.state.buckets.map(bucketKey);
    store.update({ workspaces: [] }, { views: [], delta: { upsert: [], remove } });
  }

  /** A new workspace filter: the next list is a new baseline, but the old one stays in view until it arrives. */
  forgetBaseline(): void {
    this.tracker.reset();
    this.last = undefined;
  }

  pause(reason: PauseReason): void {
    this.pauseReasons.add(reason);
    this.poller.pause();
    const { store } = this.options;
    store.update({ sync: { ...store.sync, phase: this.pausedPhase(), nextPollAt: undefined, inFlight: false } });
  }

  resume(reason: PauseReason): void {
    if (!this.pauseReasons.delete(reason) || this.pauseReasons.size > 0) return;
    const { store } = this.options;
    store.update({ sync: { ...store.sync, phase: store.sync.error ? 'error' : 'idle' } });
    // Waking up or coming back online: the list is probably old, so ask right away.
    this.poller.resume({ immediately: true });
  }

  /** The session ended: stop, keep the list, mark it stale. */
  sessionEnded(): void {
    this.poller.stop();
    const { store } = this.options;
    store.update({ sync: { ...store.sync, phase: 'error', inFlight: false, stale: true, nextPollAt: undefined } });
  }

  sessionExpiredNotice(message: string): NotificationRequest | undefined {
    return this.policy.forSessionExpired(message, this.options.settings(), this.options.clock.now());
  }

  /** `buckets`' items become their views (see BucketTracker.update). */
  applyBuckets(buckets: ParsedBucket[], nextPollAt: number | undefined): void {
    const { store, clock } = this.options;
    // The generation this list belongs to, taken before anything (a view, a listener) can end it.
    const signal = this.options.session.signal;
    const now = clock.now();
    const { views, changes, baseline, delta } = this.tracker.update(buckets, new Date(now).toISOString());
    const sync: SyncState = { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date(now).toISOString(), nextPollAt: iso(nextPollAt) };
    store.update({ sync }, { views, delta: baseline ? againstShown(store.state.buckets, views) : delta });
    this.workspaces.afterSuccessfulPoll(signal);
    if (baseline) return;
    // The list shows at once; its history (a slice of changes per turn) and then its
    // notifications (a turn of their own) follow, as 100,000 changes take a while, and not at
    // all if the session ended meanwhile (sign-out, another account, quit), in order behind
    // the previous list's.
    this.followUp = this.followUp
      .then(async () => {
        const large = changes.length > FOLLOW_UP_AT_ONCE;
        for (let start = 0; start < changes.length; start += HISTORY_PER_TURN) {
          if (large) await yieldToEventLoop();
          if (signal.aborted) return;
          this.options.onChanges?.(start === 0 && changes.length <= HISTORY_PER_TURN ? changes : changes.slice(start, start + HISTORY_PER_TURN), now);
        }
        if (large) await yieldToEventLoop();
        if (signal.aborted) return;
        const request = this.policy.forChanges(changes, this.options.settings(), now);
        if (request) this.options.notify(request);
      })
      // One list's failure (a notifier that threw) must not silence the ones after it.
      .catch((error: unknown) => this.options.log.error('recording or announcing changes failed', error));
  }

  private confirmUnchanged(nextPollAt: number | undefined): void {
    const { store, clock } = this.options;
    const now = clock.now();
    const sync: SyncState = { phase: 'idle', stale: false, inFlight: false, lastSuccessAt: new Date(now).toISOString(), nextPollAt: iso(nextPollAt) };
    const shown = store.state.sync;
    // Only the times moved: hold them back (see StateStore), so views are sent nothing.
    if (shown.phase === 'idle' && !shown.stale && !shown.inFlight && !shown.error) store.deferSync(sync);
    else store.update({ sync });
    this.workspaces.afterSuccessfulPoll(this.options.session.signal);
    const request = this.policy.forChanges([], this.options.settings(), now);
    if (request) this.options.notify(request);
  }

  private applyFailure(failure: ApiFailure, nextPollAt: number | undefined): void {
    if (failure.kind === 'aborted') return;
    this.options.log.warn(`poll failed: ${failure.kind}`, { status: failure.details.status, code: failure.details.code });
    const { store } = this.options;
    const sync: SyncState = {
      ...store.sync,
      phase: 'error',
      inFlight: false,
      stale: store.state.buckets.length > 0 || store.sync.lastSuccessAt !== undefined,
      nextPollAt: iso(nextPollAt),
      error: { kind: failure.kind, message: failure.message, ...(nextPollAt ? { retryAt: iso(nextPollAt) } : {}) },
    };
    store.update({ sync });
    if (worthDiagnosing(failure)) void this.diagnose(sync.error!);
  }

  /** Asks `GET /health` whose problem `error` is, and says so while that error still stands. */
  private async diagnose(error: SyncError): Promise<void> {
    const signal = this.options.session.signal;
    const whose = await whoseProblem(this.options.api(), signal);
    const { store } = this.options;
    if (!whose || signal.aborted || store.sync.error !== error) return;
    store.update({ sync: { ...store.sync, error: { ...error, whose } } });
  }

  private pausedPhase(): SyncState['phase'] {
    return this.pauseReasons.has('offline') ? 'offline' : 'paused';
  }
}

/** A baseline replaces whatever was shown: every new bucket, and the keys that are not in it any more. */
function againstShown(shown: readonly BucketView[], views: BucketView[]): BucketsPatch {
  const keys = new Set(views.map(bucketKey));
  return { upsert: views, remove: shown.map(bucketKey).filter((key) => !keys.has(key)) };
}

export function iso(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}
