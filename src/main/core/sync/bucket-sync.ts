import type { Settings, StatusChangeRecord, SyncError, SyncState } from '../../../shared/contract';
import type { FlashbackApi, ListMemory, PollResult } from '../api/api-client';
import type { ApiFailure } from '../api/api-errors';
import { BucketTracker, type PreparedUpdate } from '../notify/bucket-changes';
import type { ParsedBucket } from '../api/bucket-schema';
import { finishHashes } from '../api/later-hashes';
import { yieldToEventLoop, type Clock } from '../platform/clock';
import { backgroundTurn, FOREGROUND, type Foreground } from '../platform/foreground';
import type { Logger } from '../platform/logger';
import { runInSlices, type SliceOptions } from '../platform/slices';
import { Poller } from './poller';
import type { Session } from '../session/session';
import type { PollOutcome, RefreshResult, SyncNews } from './sync-outcome';
import { WorkspaceDirectory } from './workspace-directory';
import { whoseProblem, worthDiagnosing } from './whose-problem';

export type PauseReason = 'sleep' | 'lock' | 'offline';

export const INITIAL_SYNC: SyncState = { phase: 'idle', stale: false, inFlight: false };

export interface BucketSyncOptions {
  /** Set on every bucket's view (see shared/accounts.ts). */
  account?: string;
  session: Pick<Session, 'withAccessToken' | 'signal'>;
  api: () => FlashbackApi;
  settings: () => Settings;
  clock: Clock;
  log: Logger;
  random?: () => number;
  minRefreshGapMs?: number;
  /** A bucket's last recorded change (the status history): where a new baseline's "since" starts. */
  lastChange?(bucketId: string): StatusChangeRecord | undefined;
  /** Where every outcome and every other piece of news goes, as a value: the account (see accounts/account-runtime.ts). */
  report(news: SyncNews): void;
  /** How a changed list is compared with the last, a slice per turn (tests pin the time). */
  slices?: Omit<SliceOptions, 'signal'>;
  /** What goes before the work a list leaves for later (default: the process's, see platform/foreground.ts). */
  foreground?: Foreground;
}

/** A poll's list, compared with the last one in the poll's own time (its slices are cancelled with it), made current when it settles. */
type Polled = PollResult | (PollResult & { unchanged: false; prepared: PreparedUpdate; at: number });

const STOPPED: PollOutcome = { kind: 'stopped' };

/**
 * Keeps the list current: the poller (one request at a time, backoff, pause reasons), change
 * detection and workspace names. It knows nothing of the state: each poll comes to a
 * `PollOutcome` (returned by `refreshNow`, reported to the account for scheduled polls).
 */
export class BucketSync {
  private readonly tracker: BucketTracker;
  private readonly pauseReasons = new Set<PauseReason>();
  private readonly poller: Poller<Polled>;
  private readonly workspaces: WorkspaceDirectory;
  /** What the api layer keeps of the last list, so an unchanged body or bucket is not parsed again. */
  private last: ListMemory | undefined;
  /** The outcome of the latest request ('stopped' until it has one: an aborted request has none). */
  private latest: PollOutcome = STOPPED;

  constructor(private readonly options: BucketSyncOptions) {
    const { session, report } = options;
    this.tracker = new BucketTracker(options.account, options.lastChange && ((id) => options.lastChange!(id)));
    this.poller = new Poller<Polled>({
      intervalMs: options.settings().pollIntervalSeconds * 1000,
      clock: options.clock,
      random: options.random,
      minRefreshGapMs: options.minRefreshGapMs,
      poll: async (signal) => {
        const result = await session.withAccessToken((token) =>
          options.api().pollAvailableBuckets(token, { workspaceId: options.settings().workspaceId, signal, previous: this.last }),
        );
        if (result.unchanged) return result;
        // Read and parsed in this turn, compared in the next: the tray and IPC get a turn in between.
        await yieldToEventLoop();
        // Compared a slice per turn; nothing of it counts until the poll settles (a cancelled poll, stopped at a slice, changes nothing).
        const at = options.clock.now();
        const prepared = await runInSlices(this.tracker.prepare(result.buckets, new Date(at).toISOString(), result.from), { ...options.slices, signal });
        return { ...result, prepared, at };
      },
      hooks: {
        onRequestStart: (manual) => {
          this.latest = STOPPED;
          // A scheduled poll works quietly; a click on refresh shows that something happens.
          if (manual) report({ kind: 'checking' });
        },
        onSuccess: (result, nextPollAt) => this.settle(result, nextPollAt),
        onFailure: (failure, nextPollAt) => this.fail(failure, nextPollAt),
        onScheduleChange: (nextPollAt) => report({ kind: 'scheduled', nextPollAt }),
      },
    });
    this.workspaces = new WorkspaceDirectory({
      fetch: (signal) => session.withAccessToken((token) => options.api().getWorkspaces(token, signal)),
      onChange: (workspaces) => report({ kind: 'workspaces', workspaces }),
      log: options.log,
    });
  }

  /** Starts (or restarts) polling; a pause reason that still holds keeps it waiting. */
  start(options: { firstPollInMs?: number } = {}): void {
    this.poller.start({ ...options, paused: this.pauseReasons.size > 0 });
    if (this.pauseReasons.size > 0) this.options.report({ kind: 'paused', phase: this.pausedPhase() });
  }

  stop(): void {
    this.poller.stop();
  }

  setIntervalMs(intervalMs: number): void {
    this.poller.setIntervalMs(intervalMs);
  }

  /** Polls now (or joins the poll in flight) and returns what it came to. */
  async refreshNow(): Promise<RefreshResult> {
    const answer = await this.poller.refreshNow();
    if (answer === 'rate-limited') return { kind: 'rate-limited' };
    return answer === 'stopped' ? STOPPED : this.latest;
  }

  /** A new account, sign-in or workspace: forget what was known and clear the list. */
  reset(): void {
    this.tracker.reset();
    this.workspaces.reset();
    this.last = undefined;
    this.options.report({ kind: 'reset' });
  }

  /** A new workspace filter: the next list is a new baseline, but the old one stays in view until it arrives. */
  forgetBaseline(): void {
    this.tracker.reset();
    this.last = undefined;
  }

  pause(reason: PauseReason): void {
    this.pauseReasons.add(reason);
    this.poller.pause();
    this.options.report({ kind: 'paused', phase: this.pausedPhase() });
  }

  resume(reason: PauseReason): void {
    if (!this.pauseReasons.delete(reason) || this.pauseReasons.size > 0) return;
    this.options.report({ kind: 'resumed' });
    // Waking up or coming back online: the list is probably old, so ask right away.
    this.poller.resume({ immediately: true });
  }

  /** The session ended: stop, keep the list, mark it stale. */
  sessionEnded(): void {
    this.poller.stop();
    this.options.report({ kind: 'ended' });
  }

  /** A list got some other way (the request that checked a pasted token): the same outcome as a poll's. */
  adopt(buckets: ParsedBucket[]): PollOutcome {
    return this.listed(buckets, undefined);
  }

  private settle(result: Polled, nextPollAt: number | undefined): void {
    if (!result.unchanged) {
      this.last = result.memory;
      this.listed(result.buckets, nextPollAt, 'prepared' in result ? result : undefined);
      this.hashWhenShown(result.memory);
      return;
    }
    this.latest = { kind: 'unchanged', at: this.options.clock.now(), nextPollAt };
    this.options.report(this.latest);
    this.workspaces.afterSuccessfulPoll(this.options.session.signal);
  }

  /**
   * `buckets`' items become their views (see BucketTracker.update). `compared`: the poll's own
   * comparison, made current unless the tracker moved on meanwhile (a reset, a list adopted),
   * in which case the list is compared again with what the tracker knows now.
   */
  private listed(buckets: ParsedBucket[], nextPollAt: number | undefined, compared?: { prepared: PreparedUpdate; at: number }): PollOutcome {
    // The generation this list belongs to, taken before anything (a view, a listener) can end it.
    const signal = this.options.session.signal;
    const current = compared && this.tracker.isCurrent(compared.prepared) ? compared : undefined;
    const at = current?.at ?? this.options.clock.now();
    const { views, changes, baseline } = current ? this.tracker.commit(current.prepared) : this.tracker.update(buckets, new Date(at).toISOString());
    const outcome: PollOutcome = { kind: 'changed', buckets: views, changes, baseline, at, nextPollAt };
    this.latest = outcome;
    this.options.report(outcome);
    this.workspaces.afterSuccessfulPoll(signal);
    return outcome;
  }

  /**
   * A list parsed a run at a time (api/hashed-list.ts) is hashed for the next poll once its
   * views have their text: background work, a slice per turn, stopped with the session.
   */
  private hashWhenShown(memory: ListMemory): void {
    const list = memory.hashed;
    if (!list?.later) return;
    const yieldTurn = backgroundTurn(this.options.foreground ?? FOREGROUND, this.options.slices?.yieldTurn);
    const slices = { ...this.options.slices, yieldTurn, signal: this.options.session.signal };
    // Nothing to report: stopped half-way, the next poll finishes the hashes (or parses those buckets again).
    void yieldTurn()
      .then(() => finishHashes(list, slices))
      .catch(() => undefined);
  }

  private fail(failure: ApiFailure, nextPollAt: number | undefined): void {
    if (failure.kind === 'aborted') return;
    this.options.log.warn(`poll failed: ${failure.kind}`, { status: failure.details.status, code: failure.details.code });
    const error: SyncError = { kind: failure.kind, message: failure.message, ...(nextPollAt ? { retryAt: iso(nextPollAt) } : {}) };
    this.latest = { kind: 'failed', failure, error, nextPollAt };
    this.options.report(this.latest);
    if (worthDiagnosing(failure)) void this.diagnose(error);
  }

  /** Asks `GET /health` whose problem `error` is; the account says so if that error still stands. */
  private async diagnose(error: SyncError): Promise<void> {
    const signal = this.options.session.signal;
    const whose = await whoseProblem(this.options.api(), signal);
    if (whose && !signal.aborted) this.options.report({ kind: 'diagnosed', error, whose });
  }

  private pausedPhase(): 'paused' | 'offline' {
    return this.pauseReasons.has('offline') ? 'offline' : 'paused';
  }
}

export function iso(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}
