import type { Clock, TimerHandle } from '../../src/main/core/clock';

/** Time that moves only when told: an hour of polling runs in seconds. */
export class ManualClock implements Clock {
  private current: number;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  private scheduled: Array<() => void> = [];
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
    this.timers.set(id, { at: this.current + ms, callback });
    for (const resolve of this.scheduled.splice(0)) resolve();
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

  /** Resolves when the next timer is set (the poller sets one when a poll has finished). */
  nextSchedule(): Promise<void> {
    return new Promise((resolve) => this.scheduled.push(resolve));
  }

  advanceTo(at: number): void {
    this.current = Math.max(this.current, at);
  }
}
