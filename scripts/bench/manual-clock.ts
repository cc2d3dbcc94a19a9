import type { Clock, TimerHandle } from '../../src/main/core/platform/clock';

/** Time that moves only when told: an hour of polling runs in seconds. */
export class ManualClock implements Clock {
  private current: number;
  private timers = new Map<number, { at: number; callback: () => void; delay: number }>();
  private nextId = 1;
  private scheduled: Array<{ delay: number; resolve: () => void }> = [];
  /** Timers that ran their callback (what a real process would wake up for). */
  fired = 0;

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + ms, callback, delay: ms });
    this.scheduled = this.scheduled.filter((waiter) => {
      if (waiter.delay !== ms) return true;
      waiter.resolve();
      return false;
    });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }

  /** Moves to the next timer (not past `limit`) and runs it; false when none is due by then. */
  fireNext(limit = Number.POSITIVE_INFINITY): boolean {
    let next: [number, { at: number; callback: () => void }] | undefined;
    for (const entry of this.timers) if (!next || entry[1].at < next[1].at) next = entry;
    if (!next || next[1].at > limit) return false;
    this.timers.delete(next[0]);
    this.current = Math.max(this.current, next[1].at);
    this.fired++;
    next[1].callback();
    return true;
  }

  /** The delay the earliest pending timer was set with (the poller's is one interval). */
  nextDelay(): number | undefined {
    let next: { at: number; delay: number } | undefined;
    for (const [, timer] of this.timers) if (!next || timer.at < next.at) next = timer;
    return next?.delay;
  }

  /** Resolves when the next timer of exactly `delayMs` is set (the poller sets one, one interval long, when a poll has finished). */
  nextSchedule(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.scheduled.push({ delay: delayMs, resolve }));
  }

  /** Moves to the earliest timer of exactly `delayMs` (the poller's) and runs it; others wait. */
  fireWithDelay(delayMs: number): boolean {
    let next: [number, { at: number; callback: () => void; delay: number }] | undefined;
    for (const entry of this.timers) if (entry[1].delay === delayMs && (!next || entry[1].at < next[1].at)) next = entry;
    if (!next) return false;
    this.timers.delete(next[0]);
    this.current = Math.max(this.current, next[1].at);
    this.fired++;
    next[1].callback();
    return true;
  }

  advanceTo(at: number): void {
    this.current = Math.max(this.current, at);
  }
}
