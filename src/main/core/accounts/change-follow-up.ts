import type { Settings } from '../../../shared/contract';
import type { BucketChange } from '../notify/bucket-changes';
import { NotificationPolicy, type NotificationRequest } from '../notify/notification-policy';
import { backgroundTurn, FOREGROUND, type Foreground } from '../platform/foreground';
import type { Logger } from '../platform/logger';
import { CHECKPOINT_EVERY, runInSlices, type SliceOptions, type SlicedWork } from '../platform/slices';
import type { PollOutcome } from '../sync/sync-outcome';

/** Fewer changes than this are recorded and notified in the same turn as the list. */
const FOLLOW_UP_AT_ONCE = 1000;
/** Changes recorded in the history at a time, between looks at the clock (a slice of work is a time, not a count: see platform/slices.ts). */
const HISTORY_AT_A_TIME = CHECKPOINT_EVERY;

interface FollowUpOptions {
  settings(): Settings;
  log: Logger;
  notify(request: NotificationRequest): void;
  /** Every change seen after a baseline, for the status history. */
  record(changes: readonly BucketChange[], at: number): void;
  /** The same for a long list, a checkpoint every few hundred changes (the history skips what it would drop again); without it, `record` a few hundred at a time. */
  recordMany?(changes: readonly BucketChange[], at: number): SlicedWork<void>;
  /** How a large list's follow-up is cut into turns (tests pin the time). */
  slices?: Omit<SliceOptions, 'signal'>;
  /** What goes first: the views' text for the list (default: the process's, see platform/foreground.ts). */
  foreground?: Foreground;
}

/**
 * What an account does with a poll's changes once the list shows: records them in the status
 * history (a slice per turn, as 100,000 changes take a while), then decides one notification
 * (a turn of its own), in order behind the previous list's, and not at all once the session
 * the list belongs to ended (sign-out, another account, quit). It starts, and takes each
 * turn, only once the views' text is handed over (foreground work): people see the list first.
 */
export class ChangeFollowUp {
  private readonly policy = new NotificationPolicy();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: FollowUpOptions) {}

  /** Acts on a poll's outcome; `signal`: the session the list belongs to. */
  after(outcome: PollOutcome, signal: AbortSignal): void {
    if (outcome.kind === 'unchanged') return this.announce([], outcome.at);
    if (outcome.kind !== 'changed' || outcome.baseline) return;
    const { changes, at } = outcome;
    const foreground = this.options.foreground ?? FOREGROUND;
    this.chain = this.chain
      .then(async () => {
        if (foreground.isBusy) await foreground.idle();
        if (changes.length <= FOLLOW_UP_AT_ONCE) {
          if (signal.aborted) return;
          if (changes.length > 0) this.options.record(changes, at);
          return this.announce(changes, at);
        }
        // 100,000 changes: recorded a slice of time per turn, then decided in slices of their own; each turn waits for the views' text.
        const yieldTurn = backgroundTurn(foreground, this.options.slices?.yieldTurn);
        const slices = { ...this.options.slices, yieldTurn };
        await yieldTurn();
        await runInSlices(this.options.recordMany?.(changes, at) ?? this.recordAll(changes, at), { ...slices, signal });
        await yieldTurn();
        if (signal.aborted) return;
        // Not stopped half-way: once counting starts, it ends as it would have in one go; only the notification waits on the session.
        const request = await runInSlices(this.policy.decide(changes, this.options.settings(), at), slices);
        if (request && !signal.aborted) this.options.notify(request);
      })
      .catch((error: unknown) => {
        if (signal.aborted && error === signal.reason) return;
        // One list's failure (a notifier that threw) must not silence the ones after it.
        this.options.log.error('recording or announcing changes failed', error);
      });
  }

  /** Resolves once every list so far is recorded and announced. */
  idle(): Promise<void> {
    return this.chain;
  }

  sessionExpired(message: string, now: number): void {
    const request = this.policy.forSessionExpired(message, this.options.settings(), now);
    if (request) this.options.notify(request);
  }

  /** A new account, sign-in or workspace: nothing quieted or pending is carried over. */
  reset(): void {
    this.policy.reset();
  }

  /** The history, a few hundred changes at a time. */
  private *recordAll(changes: readonly BucketChange[], at: number): SlicedWork<void> {
    for (let start = 0; start < changes.length; start += HISTORY_AT_A_TIME) {
      if (start > 0) yield;
      this.options.record(changes.slice(start, start + HISTORY_AT_A_TIME), at);
    }
  }

  private announce(changes: readonly BucketChange[], at: number): void {
    const request = this.policy.forChanges(changes, this.options.settings(), at);
    if (request) this.options.notify(request);
  }
}
