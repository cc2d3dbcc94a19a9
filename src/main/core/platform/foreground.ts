import { yieldToEventLoop } from './clock';

/**
 * Work a person waits to see goes first. A poll's list becomes a view's text (a view's
 * encoding, view/wire-sender.ts) and its follow-up (the status history, the notification
 * decision: accounts/change-follow-up.ts) both run a slice per turn; were their slices
 * interleaved, the text would wait for the follow-up's. Foreground work marks itself here
 * while it runs; background work waits for `idle()` before it starts and between its slices.
 * One event loop per process, so one `FOREGROUND` by default; tests make their own.
 */
export class Foreground {
  private busy = 0;
  private waiting: Array<() => void> = [];

  /** Marks foreground work begun; the function returned ends it (once, however often called). */
  begin(): () => void {
    this.busy++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.busy > 0) return;
      const waiting = this.waiting;
      this.waiting = [];
      for (const resume of waiting) resume();
    };
  }

  get isBusy(): boolean {
    return this.busy > 0;
  }

  /** Resolves once no foreground work runs (at once when none does). */
  idle(): Promise<void> {
    return this.busy === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

export const FOREGROUND = new Foreground();

/** A turn for background work: the event loop's turn (`yieldTurn`), then none while foreground work runs. */
export function backgroundTurn(foreground: Foreground, yieldTurn: () => Promise<void> = yieldToEventLoop): () => Promise<void> {
  return async () => {
    await yieldTurn();
    await foreground.idle();
  };
}
