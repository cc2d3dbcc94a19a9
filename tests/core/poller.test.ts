import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../src/main/core/api/api-errors';
import { BACKOFF_CAP_MS, backoffDelay } from '../../src/main/core/sync/backoff';
import { systemClock } from '../../src/main/core/platform/clock';
import { Poller } from '../../src/main/core/sync/poller';

type Outcome = 'ok' | ApiFailure;

/** A poll function whose answers the test scripts; it counts calls and overlap. */
function scriptedPoll(outcomes: Outcome[], latencyMs = 0) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0, aborted: 0 };
  const poll = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      stats.calls++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      const outcome = outcomes.length > 1 ? outcomes.shift()! : outcomes[0]!;
      const settle = () => {
        stats.inFlight--;
        if (outcome === 'ok') resolve(`result ${stats.calls}`);
        else reject(outcome);
      };
      // Node rounds a 0 ms timer up to 1 ms; answer instantly (next microtask) instead.
      let settled = false;
      const timer = latencyMs > 0 ? setTimeout(settle, latencyMs) : undefined;
      if (latencyMs === 0) queueMicrotask(() => !settled && settle());
      signal.addEventListener('abort', () => {
        settled = true;
        clearTimeout(timer);
        stats.inFlight--;
        stats.aborted++;
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  return { poll, stats };
}

function makePoller(outcomes: Outcome[], options: { latencyMs?: number; random?: () => number; intervalMs?: number } = {}) {
  const { poll, stats } = scriptedPoll(outcomes, options.latencyMs);
  const events: string[] = [];
  const schedule: Array<number | undefined> = [];
  const failures: ApiFailure[] = [];
  const poller = new Poller<string>({
    poll,
    clock: systemClock,
    intervalMs: options.intervalMs ?? 60_000,
    random: options.random ?? (() => 0.5),
    hooks: {
      onRequestStart: () => events.push('start'),
      onSuccess: (value, next) => {
        events.push(value);
        schedule.push(next);
      },
      onFailure: (failure, next) => {
        events.push(`fail:${failure.kind}`);
        failures.push(failure);
        schedule.push(next);
      },
      onScheduleChange: (next) => schedule.push(next),
    },
  });
  return { poller, stats, events, schedule, failures };
}

const serverError = () => new ApiFailure('server', "Flashback's server had a problem (HTTP 500).", { status: 500 });

describe('Poller', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls at once, then every interval', async () => {
    const { poller, stats } = makePoller(['ok']);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(stats.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(stats.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(stats.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000 * 10);
    expect(stats.calls).toBe(12);
    poller.stop();
  });

  it('reports nextPollAt one interval after a success', async () => {
    const { poller, schedule } = makePoller(['ok']);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(schedule.at(-1)).toBe(Date.now() + 60_000);
    poller.stop();
  });

  it('backs off exponentially after failures, up to the cap, and resets on success', async () => {
    const outcomes: Outcome[] = [...Array.from({ length: 8 }, serverError), 'ok'];
    const { poller, schedule, stats } = makePoller(outcomes, { random: () => 1 });
    poller.start();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      await vi.advanceTimersByTimeAsync(0);
      const next = schedule.at(-1)!;
      delays.push(next - Date.now());
      await vi.advanceTimersByTimeAsync(next - Date.now());
    }
    expect(stats.calls).toBe(10);
    // random() = 1 gives the ceiling: 1, 2, 4, 8 intervals, then the 15-minute cap.
    expect(delays.slice(0, 8)).toEqual([60_000, 120_000, 240_000, 480_000, BACKOFF_CAP_MS, BACKOFF_CAP_MS, BACKOFF_CAP_MS, BACKOFF_CAP_MS]);
    expect(delays[8]).toBe(60_000);
    poller.stop();
  });

  it('keeps jitter between half and all of the backoff delay', () => {
    for (let failures = 1; failures < 12; failures++) {
      const ceiling = Math.min(BACKOFF_CAP_MS, 60_000 * 2 ** (failures - 1));
      expect(backoffDelay(failures, 60_000, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(failures, 60_000, () => 0.999999)).toBeLessThanOrEqual(ceiling);
      expect(backoffDelay(failures, 60_000, () => 0.999999)).toBeGreaterThan(ceiling * 0.99);
    }
  });

  it('waits at least as long as Retry-After asks', async () => {
    const limited = new ApiFailure('rate-limited', 'Too many requests.', { status: 429, retryAfterMs: 10 * 60_000 });
    const { poller, schedule, stats } = makePoller([limited, 'ok']);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(schedule.at(-1)! - Date.now()).toBe(10 * 60_000);
    expect(await poller.refreshNow()).toBe('rate-limited');
    expect(stats.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(stats.calls).toBe(2);
    poller.stop();
  });

  it('uses backoff when a 429 has no Retry-After', async () => {
    const limited = new ApiFailure('rate-limited', 'Too many requests.', { status: 429 });
    const { poller, schedule } = makePoller([limited, 'ok']);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(schedule.at(-1)! - Date.now()).toBe(45_000);
    poller.stop();
  });

  it('stops scheduling after an expired session (auth), until started again', async () => {
    const expired = new ApiFailure('auth', 'Session ended.', { status: 401, code: 'SESSION_EXPIRED' });
    const { poller, stats, schedule } = makePoller([expired]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(schedule.at(-1)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(stats.calls).toBe(1);
    poller.stop();
  });

  it('never has two requests in flight: refreshNow joins the one running', async () => {
    const { poller, stats } = makePoller(['ok'], { latencyMs: 5000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(100);
    const joined = [poller.refreshNow(), poller.refreshNow(), poller.refreshNow()];
    await vi.advanceTimersByTimeAsync(5000);
    await expect(Promise.all(joined)).resolves.toEqual(['done', 'done', 'done']);
    expect(stats.calls).toBe(1);
    expect(stats.maxInFlight).toBe(1);
    poller.stop();
  });

  it('never overlaps even with slow answers and frantic refreshes for an hour', async () => {
    const { poller, stats } = makePoller(['ok', serverError(), 'ok'], { latencyMs: 20_000, intervalMs: 15_000 });
    poller.start();
    for (let i = 0; i < 360; i++) {
      void poller.refreshNow();
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(stats.maxInFlight).toBe(1);
    poller.stop();
  });

  it('refreshNow polls at once and restarts the interval', async () => {
    const { poller, stats, schedule } = makePoller(['ok']);
    poller.start();
    await vi.advanceTimersByTimeAsync(30_000);
    await poller.refreshNow();
    expect(stats.calls).toBe(2);
    expect(schedule.at(-1)).toBe(Date.now() + 60_000);
    poller.stop();
  });

  it('pause aborts the request in flight and schedules nothing; resume polls at once', async () => {
    const { poller, stats, events, schedule } = makePoller(['ok'], { latencyMs: 1000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(10);
    poller.pause();
    expect(stats.aborted).toBe(1);
    expect(schedule.at(-1)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(stats.calls).toBe(1);
    expect(events).toEqual(['start']);
    poller.resume({ immediately: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(stats.calls).toBe(2);
    expect(events).toEqual(['start', 'start', 'result 2']);
    poller.stop();
  });

  it('resume without "immediately" waits one interval', async () => {
    const { poller, stats } = makePoller(['ok']);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    poller.pause();
    poller.resume({ immediately: false });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(stats.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stats.calls).toBe(2);
    poller.stop();
  });

  it('stop aborts cleanly: the aborted request reports nothing and nothing runs afterwards', async () => {
    const { poller, stats, events } = makePoller(['ok'], { latencyMs: 1000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(10);
    poller.stop();
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(stats.aborted).toBe(1);
    expect(events).toEqual(['start']);
    expect(await poller.refreshNow()).toBe('stopped');
  });

  it('applies a new interval to the next poll', async () => {
    const { poller, stats } = makePoller(['ok']);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    poller.setIntervalMs(15_000);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(stats.calls).toBe(2);
    poller.stop();
  });
});
