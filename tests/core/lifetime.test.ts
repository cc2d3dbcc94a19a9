import { describe, expect, it } from 'vitest';
import { isStaleWork, Lifetime, throwIfStale } from '../../src/main/core/platform/lifetime';

describe('Lifetime: one rule for stale async work', () => {
  it('a step captured before renew() sees its signal aborted; the new generation is live', () => {
    const lifetime = new Lifetime();
    const before = lifetime.signal;
    const next = lifetime.renew('signed out');
    expect(before.aborted).toBe(true);
    expect(next.aborted).toBe(false);
    expect(lifetime.generation).toBe(1);
    expect(() => throwIfStale(before)).toThrowError(/signed out/);
    expect(() => throwIfStale(next)).not.toThrow();
  });

  it('after end() every signal, current or renewed, stays aborted', () => {
    const lifetime = new Lifetime();
    lifetime.end();
    expect(lifetime.signal.aborted).toBe(true);
    expect(lifetime.renew().aborted).toBe(true);
    let caught: unknown;
    try {
      throwIfStale(lifetime.signal);
    } catch (error) {
      caught = error;
    }
    expect(isStaleWork(caught)).toBe(true);
  });
});
