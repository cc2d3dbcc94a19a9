import type { Settings } from '../../../shared/contract';
import type { BucketChange } from '../notify/bucket-changes';
import { NotificationPolicy, type NotificationRequest } from '../notify/notification-policy';
import { yieldToEventLoop } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { PollOutcome } from '../sync/sync-outcome';

/** Fewer changes than this are recorded and notified in the same turn as the list. */
const FOLLOW_UP_AT_ONCE = 1000;
/** Changes recorded in the history per turn (about 30 ms on a slow machine); notifications get a turn of their own. */
const HISTORY_PER_TURN = 20_000;

interface FollowUpOptions {
  settings(): Settings;
  log: Logger;
  notify(request: NotificationRequest): void;
  /** Every change seen after a baseline, for the status history. */
  record(changes: readonly BucketChange[], at: number): void;
}

/**
 * What an account does with a poll's changes once the list shows: records them in the status
 * history (a slice per turn, as 100,000 changes take a while), then decides one notification
 * (a turn of its own), in order behind the previous list's, and not at all once the session
 * the list belongs to ended (sign-out, another account, quit).
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
    this.chain = this.chain
      .then(async () => {
        const large = changes.length > FOLLOW_UP_AT_ONCE;
        for (let start = 0; start < changes.length; start += HISTORY_PER_TURN) {
          if (large) await yieldToEventLoop();
          if (signal.aborted) return;
          this.options.record(start === 0 && changes.length <= HISTORY_PER_TURN ? changes : changes.slice(start, start + HISTORY_PER_TURN), at);
        }
        if (large) await yieldToEventLoop();
        if (signal.aborted) return;
        this.announce(changes, at);
      })
      // One list's failure (a notifier that threw) must not silence the ones after it.
      .catch((error: unknown) => this.options.log.error('recording or announcing changes failed', error));
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

  private announce(changes: readonly BucketChange[], at: number): void {
    const request = this.policy.forChanges(changes, this.options.settings(), at);
    if (request) this.options.notify(request);
  }
}
