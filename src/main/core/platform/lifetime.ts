/**
 * The one rule for async work that outlives its reason.
 *
 * Every owner of async work (session, controller, poller, settings) holds a `Lifetime`.
 * Each step captures `lifetime.signal` when it starts, passes it to whatever it awaits
 * (fetch, keychain, file writes), and after every `await` checks it before acting:
 * `if (signal.aborted) return;` or `throwIfStale(signal)`. Sign-out, sign-in, an API
 * address or account change call `renew()`; `dispose()` calls `end()`. Work begun under
 * an older generation then does nothing: it never writes state, the keychain or a file.
 */
export class StaleWork extends Error {
  override readonly name = 'StaleWork';
  constructor(readonly reason: string = 'superseded') {
    super(`Work abandoned: ${reason}.`);
  }
}

export function isStaleWork(error: unknown): error is StaleWork {
  return error instanceof StaleWork;
}

/** Throws `StaleWork` when the generation the step started under has ended. */
export function throwIfStale(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof StaleWork ? signal.reason : new StaleWork();
}

export class Lifetime {
  private controller = new AbortController();
  private ended = false;
  private count = 0;

  /** The current generation's signal: capture it when a step starts. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A number that changes with every generation (for logs and cheap comparisons). */
  get generation(): number {
    return this.count;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Ends the current generation and starts the next; returns the new signal. After `end()` the signal stays aborted. */
  renew(reason = 'superseded'): AbortSignal {
    this.controller.abort(new StaleWork(reason));
    if (!this.ended) {
      this.controller = new AbortController();
      this.count++;
    }
    return this.controller.signal;
  }

  /** For `dispose()`: every step, running or future, sees an aborted signal. */
  end(): void {
    this.ended = true;
    this.controller.abort(new StaleWork('disposed'));
  }
}
