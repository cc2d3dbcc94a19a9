import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs';
import { MAX_TIMER_MS, systemClock, yieldToEventLoop } from '../../src/main/core/platform/clock';

const DAY = 86_400_000;

describe('systemClock', () => {
  afterEach(() => vi.useRealTimers());

  it('a 30-day timer waits 30 days (setTimeout alone would fire at once beyond 24.8 days)', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    systemClock.setTimeout(fired, 30 * DAY);
    vi.advanceTimersByTime(25 * DAY);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5 * DAY - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('cancels the whole chain, before and after its first step', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const early = systemClock.setTimeout(fired, 60 * DAY);
    systemClock.clearTimeout(early);
    const late = systemClock.setTimeout(fired, 60 * DAY);
    vi.advanceTimersByTime(MAX_TIMER_MS + 1000);
    systemClock.clearTimeout(late);
    vi.advanceTimersByTime(60 * DAY);
    expect(fired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a negative or unreadable delay means now', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    systemClock.setTimeout(fired, -5);
    systemClock.setTimeout(fired, Number.NaN);
    vi.advanceTimersByTime(0);
    expect(fired).toHaveBeenCalledTimes(2);
  });
});

describe('yieldToEventLoop', () => {
  it('lets a due timer run before going on, even when the work ends in an I/O callback (a response just read)', async () => {
    const order: string[] = [];
    await new Promise<void>((done) => {
      readFile(import.meta.filename, () => {
        setTimeout(() => order.push('timer'), 0);
        const due = performance.now() + 3;
        while (performance.now() < due);
        void yieldToEventLoop().then(() => {
          order.push('after the yield');
          done();
        });
      });
    });
    expect(order).toEqual(['timer', 'after the yield']);
  });
});
