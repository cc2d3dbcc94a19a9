import { describe, expect, it } from 'vitest';
import { Lifetime, StaleWork } from '../../src/main/core/platform/lifetime';

describe('Lifetime: one rule for stale async work', () => {
  it('a step captured before renew() sees its signal aborted; the new generation is live', () => {
    const lifetime = new Lifetime();
    const before = lifetime.signal;
    const next = lifetime.renew('signed out');
    expect(before.aborted).toBe(true);
    expect(next.aborted).toBe(false);
    expect(before.reason).toBeInstanceOf(StaleWork);
    expect((before.reason as StaleWork).reason).toBe('signed out');
  });

  it('after end() every signal, current or renewed, stays aborted', () => {
    const lifetime = new Lifetime();
    lifetime.end();
    expect(lifetime.signal.aborted).toBe(true);
    expect(lifetime.renew().aborted).toBe(true);
    expect(lifetime.isEnded).toBe(true);
    expect((lifetime.signal.reason as StaleWork).reason).toBe('disposed');
  });
});
