/** Time as a port, so schedules are tested with fake time and the app uses the real one. */
export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** setTimeout's longest delay (about 24.8 days); a longer one fires at once in Node and browsers. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A long timer: a chain of timers no longer than the limit, cancelled as one. */
interface LongTimer {
  current: ReturnType<typeof setTimeout>;
}

/**
 * Looks the globals up on every call, so vitest's fake timers apply to it too. A delay
 * beyond the limit (a token valid for 30 days, a pause until next month) waits in steps
 * rather than firing at once; a negative or unreadable delay means "now".
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const due = Date.now() + (Number.isFinite(ms) && ms > 0 ? ms : 0);
    const timer = {} as LongTimer;
    const arm = () => {
      const left = due - Date.now();
      timer.current = globalThis.setTimeout(left > MAX_TIMER_MS ? arm : callback, Math.min(Math.max(left, 0), MAX_TIMER_MS));
    };
    arm();
    return timer as unknown as TimerHandle;
  },
  clearTimeout: (handle) => {
    const timer = handle as unknown as LongTimer | undefined;
    if (timer?.current !== undefined) globalThis.clearTimeout(timer.current);
  },
};

/**
 * Lets the event loop run whatever is waiting (IPC, the tray, timers) before going on: long
 * work on 100,000 buckets is cut into turns with it. Not a timer: nothing wakes up for it.
 * Two hops: work that ends in an I/O callback (a response just read) would get its one
 * `setImmediate` in the same loop iteration, before any timer had a turn; the second hop
 * runs only after a whole iteration, timers and I/O included.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
