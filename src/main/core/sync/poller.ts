import { ApiFailure, failureFromThrown } from '../api/api-errors';
import { delayAfterFailure, RETRY_AFTER_CAP_MS } from './backoff';
import type { Clock, TimerHandle } from '../platform/clock';
import { Lifetime } from '../platform/lifetime';

interface PollerHooks<T> {
  /** `manual`: the user asked (refresh button): worth showing; a scheduled poll stays quiet. */
  onRequestStart(manual: boolean): void;
  /** `nextPollAt` is undefined when nothing is scheduled (paused or stopped). */
  onSuccess(value: T, nextPollAt: number | undefined): void;
  /** A rejected sign-in halts the schedule: retrying cannot help. */
  onFailure(failure: ApiFailure, nextPollAt: number | undefined): void;
  /** The schedule changed without a request (pause, resume, new interval). */
  onScheduleChange(nextPollAt: number | undefined): void;
}

interface PollerOptions<T> {
  poll: (signal: AbortSignal) => Promise<T>;
  hooks: PollerHooks<T>;
  intervalMs: number;
  clock: Clock;
  random?: () => number;
  /** Refresh clicks closer than this to the last one wait for the gap to end, as one request. */
  minRefreshGapMs?: number;
}

/** However fast the user clicks refresh, at most one request per this many milliseconds. */
const MIN_REFRESH_GAP_MS = 3000;

type RefreshOutcome = 'done' | 'rate-limited' | 'stopped';

/**
 * Runs `poll` on a schedule with at most one request in flight, ever. Failures back off
 * exponentially (with jitter, capped) and honour Retry-After; success resets the backoff.
 */
export class Poller<T> {
  private readonly poll: (signal: AbortSignal) => Promise<T>;
  private readonly hooks: PollerHooks<T>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private intervalMs: number;
  private timer: TimerHandle | undefined;
  private inFlight: Promise<void> | undefined;
  private abortController: AbortController | undefined;
  private running = false;
  private paused = false;
  private halted = false;
  private failures = 0;
  private retryNotBefore = 0;
  private lastManualAt = Number.NEGATIVE_INFINITY;
  private queuedRefresh: Promise<RefreshOutcome> | undefined;
  /** Renewed by start and stop: a refresh queued before does not run after. */
  private readonly lifetime = new Lifetime();
  private readonly minRefreshGapMs: number;

  constructor(options: PollerOptions<T>) {
    this.poll = options.poll;
    this.hooks = options.hooks;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.intervalMs = options.intervalMs;
    this.minRefreshGapMs = options.minRefreshGapMs ?? MIN_REFRESH_GAP_MS;
  }

  /**
   * (Re)starts polling: an immediate request, or the first one after `firstPollInMs`.
   * `paused`: a reason to wait still holds (offline, asleep): start paused, and the
   * request goes out on `resume`.
   */
  start(options: { firstPollInMs?: number; paused?: boolean } = {}): void {
    this.renew('restarted');
    this.abortInFlight();
    this.setTimer(undefined);
    this.running = true;
    this.paused = options.paused ?? false;
    this.halted = false;
    this.failures = 0;
    this.retryNotBefore = 0;
    this.lastManualAt = Number.NEGATIVE_INFINITY;
    if (this.paused) this.hooks.onScheduleChange(undefined);
    else if (options.firstPollInMs === undefined) void this.runCycle();
    else this.hooks.onScheduleChange(this.setTimer(options.firstPollInMs));
  }

  /** Stops for good (quit, sign-out): the request in flight is aborted and reports nothing. */
  stop(): void {
    this.renew('stopped');
    this.running = false;
    this.abortInFlight();
    this.setTimer(undefined);
  }

  /** Sleep, screen lock, offline: abort what is in flight and schedule nothing. */
  pause(): void {
    if (!this.running || this.paused) return;
    this.paused = true;
    this.abortInFlight();
    this.setTimer(undefined);
    this.hooks.onScheduleChange(undefined);
  }

  /** Resume after a pause; `immediately` polls now (wake from sleep), else after one interval. */
  resume(options: { immediately: boolean }): void {
    if (!this.running || !this.paused) return;
    this.paused = false;
    if (this.halted) return;
    if (options.immediately && this.clock.now() >= this.retryNotBefore) void this.runCycle();
    else this.hooks.onScheduleChange(this.setTimer(Math.max(this.intervalMs, this.retryNotBefore - this.clock.now())));
  }

  setIntervalMs(intervalMs: number): void {
    if (intervalMs === this.intervalMs) return;
    this.intervalMs = intervalMs;
    if (this.running && !this.paused && !this.halted && !this.inFlight && this.failures === 0) {
      this.hooks.onScheduleChange(this.setTimer(intervalMs));
    }
  }

  /**
   * Poll now. Joins the request already in flight instead of starting a second one,
   * respects a server's Retry-After window, and keeps refreshes asked for at least
   * `minRefreshGapMs` apart: a burst of clicks is one more request, when the gap ends.
   */
  async refreshNow(): Promise<RefreshOutcome> {
    if (!this.running) return 'stopped';
    if (this.inFlight) {
      const signal = this.lifetime.signal;
      await this.inFlight;
      return signal.aborted ? 'stopped' : 'done';
    }
    const now = this.clock.now();
    if (now < this.retryNotBefore) return 'rate-limited';
    const wait = this.lastManualAt + this.minRefreshGapMs - now;
    if (wait > 0) return this.refreshLater(wait);
    this.halted = false;
    await this.runCycle(true);
    return 'done';
  }

  /** Clicks inside the gap: one request when it ends, however many clicks. */
  private refreshLater(waitMs: number): Promise<RefreshOutcome> {
    if (this.queuedRefresh) return this.queuedRefresh;
    const signal = this.lifetime.signal;
    const queued = new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(resolve, waitMs);
      signal.addEventListener('abort', () => (this.clock.clearTimeout(timer), resolve()), { once: true });
    }).then(() => {
      if (this.queuedRefresh === queued) this.queuedRefresh = undefined;
      return signal.aborted ? 'stopped' : this.refreshNow();
    });
    this.queuedRefresh = queued;
    return queued;
  }

  /** Ends the generation: a refresh queued under it answers 'stopped' at once and a new click queues anew. */
  private renew(reason: string): void {
    this.lifetime.renew(reason);
    this.queuedRefresh = undefined;
  }

  private abortInFlight(): void {
    this.abortController?.abort();
    this.abortController = undefined;
    this.inFlight = undefined;
  }

  /** Replaces the pending timer; returns when it fires (undefined: none). */
  private setTimer(delayMs: number | undefined): number | undefined {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (delayMs === undefined || !this.running || this.paused || this.halted) return undefined;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.runCycle();
    }, delayMs);
    return this.clock.now() + delayMs;
  }

  private runCycle(manual = false): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.setTimer(undefined);
    const controller = new AbortController();
    this.abortController = controller;
    if (manual) this.lastManualAt = this.clock.now();
    this.hooks.onRequestStart(manual);
    const cycle = this.poll(controller.signal).then(
      (value) => this.finish(controller, () => this.succeed(value)),
      (error: unknown) => this.finish(controller, () => this.fail(failureFromThrown(error, 0))),
    );
    this.inFlight = cycle;
    return cycle;
  }

  /** Runs the outcome only if this request was not aborted or superseded meanwhile. */
  private finish(controller: AbortController, outcome: () => void): void {
    if (controller.signal.aborted || this.abortController !== controller) return;
    this.abortController = undefined;
    this.inFlight = undefined;
    outcome();
  }

  private succeed(value: T): void {
    this.failures = 0;
    this.retryNotBefore = 0;
    this.hooks.onSuccess(value, this.setTimer(this.intervalMs));
  }

  private fail(failure: ApiFailure): void {
    if (failure.kind === 'aborted') return;
    this.failures++;
    // A rejected sign-in (401) cannot be fixed by retrying; a 403 might be (permissions change).
    if (failure.kind === 'auth' && failure.details.status !== 403) {
      this.halted = true;
      this.hooks.onFailure(failure, this.setTimer(undefined));
      return;
    }
    const retryAfterMs = failure.details.retryAfterMs;
    if (retryAfterMs !== undefined) this.retryNotBefore = this.clock.now() + Math.min(retryAfterMs, RETRY_AFTER_CAP_MS);
    const delay = delayAfterFailure(this.failures, this.intervalMs, this.random, retryAfterMs);
    this.hooks.onFailure(failure, this.setTimer(delay));
  }
}
