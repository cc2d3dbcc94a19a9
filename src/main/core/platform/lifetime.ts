/**
 * The one rule for async work that outlives its reason.
 *
 * Every owner of async work (session, poller, account set, app controller, updater) holds
 * a `Lifetime`; settings saves carry the controller's signal. Each step captures
 * `lifetime.signal` when it starts, passes it to whatever it awaits (fetch, keychain, file
 * writes), and after every `await` checks it before acting: `if (signal.aborted) return;`.
 * Sign-out, sign-in, an API address or account change, a restart of polling or a newer
 * update check call `renew()`; `dispose()` calls `end()`. Work begun under an older
 * generation then does nothing: it never writes state, the keychain or a file.
 */
export class StaleWork extends Error {
  override readonly name = 'StaleWork';
  constructor(readonly reason: string = 'superseded') {
    super(`Work abandoned: ${reason}.`);
  }
}

export class Lifetime {
  private controller = new AbortController();
  private ended = false;
  private count = 0;

  /** The current generation's signal: capture it when a step starts. */
  get signal(): AbortSignal {
    return this.controller.signal;
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
