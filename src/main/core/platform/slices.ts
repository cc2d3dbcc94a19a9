import { yieldToEventLoop } from './clock';

/**
 * Long work on 100,000 buckets, cut by time: the work is a generator that `yield`s at
 * checkpoints (every few hundred items, a fraction of a millisecond apart), and whoever runs
 * it decides what a checkpoint means. `runInSlices` gives the event loop a turn (IPC, the
 * tray, timers) once a slice has taken its time; `runToEnd` runs it all in one go, for
 * callers (and tests) that want the old synchronous behaviour. One body of code either way,
 * so the sliced result is the unsliced one. What a checkpoint yields is the work's own business.
 */
export type SlicedWork<T> = Generator<unknown, T, void>;

export interface SliceOptions {
  /** Lets the event loop run between slices (default: two setImmediate hops, not a timer). */
  yieldTurn?: () => Promise<void>;
  /** A cancelled owner stops the work at the next slice, with its signal's reason. */
  signal?: AbortSignal;
  /** Work per slice before the next turn; a task over 50 ms is a hitch people can feel. */
  sliceMs?: number;
  /** Wall time for the slices (default `performance.now`); tests pin it. */
  now?: () => number;
}

/** Default work per slice: well under the 50 ms a task may take, with room for GC and the turn itself. */
const SLICE_MS = 8;

/** Items between checkpoints in the generators that run through `runInSlices`. */
export const CHECKPOINT_EVERY = 256;

/** Runs the work to its end without a turn in between. */
export function runToEnd<T>(work: SlicedWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the work a slice at a time: at a checkpoint past `sliceMs` it waits for a turn of the
 * event loop, then stops with `signal.reason` if the owner was cancelled meanwhile (the
 * generator is closed, so its `finally` blocks run).
 */
export async function runInSlices<T>(work: SlicedWork<T>, options: SliceOptions = {}): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const yieldTurn = options.yieldTurn ?? yieldToEventLoop;
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const { signal } = options;
  if (signal?.aborted) throw signal.reason;
  let sliceStart = now();
  try {
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      if (now() - sliceStart < sliceMs) continue;
      await yieldTurn();
      if (signal?.aborted) throw signal.reason;
      sliceStart = now();
    }
  } finally {
    work.return(undefined as never);
  }
}

/**
 * For an async loop that is not a generator: called once per item (or once per `items` done
 * together), it answers the turn to take before the next, or undefined. For `SliceOptions`, by
 * time (a look at the clock every CHECKPOINT_EVERY items); a bare function is a turn every
 * `fixedEvery` items, for callers that count turns.
 */
export function turnsFor(slicing: SliceOptions | (() => Promise<void>), fixedEvery: number): (items?: number) => (() => Promise<void>) | undefined {
  let done = 0;
  if (typeof slicing === 'function') {
    return (items = 1) => {
      if ((done += items) < fixedEvery) return undefined;
      done = 0;
      return slicing;
    };
  }
  const now = slicing.now ?? (() => performance.now());
  const sliceMs = slicing.sliceMs ?? SLICE_MS;
  let sliceStart = now();
  const turn = async () => {
    await (slicing.yieldTurn ?? yieldToEventLoop)();
    if (slicing.signal?.aborted) throw slicing.signal.reason;
    sliceStart = now();
  };
  return (items = 1) => {
    if ((done += items) < CHECKPOINT_EVERY) return undefined;
    done = 0;
    return now() - sliceStart >= sliceMs ? turn : undefined;
  };
}
