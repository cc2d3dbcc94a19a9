import { screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_SCREEN_FROM } from '../../src/shared/bucket-order';
import { decodeSnapshot, eventToWire } from '../../src/shared/wire';
import { bucket, NOW, renderApp, signedInState } from './fixtures';

const list = (count: number) => Array.from({ length: count }, (_, i) => bucket(`id-${i}`, { name: `Bucket ${(i * 7919) % count}`, status: i % 97 === 5 ? 'OFFLINE' : 'ONLINE' }));

/** How many turns decoding gives the page, with a clock that moves 20 ms per look (a slow machine). */
async function turnsToDecode(count: number): Promise<number> {
  let clock = 0;
  const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
  let turns = 0;
  try {
    const snapshot = await decodeSnapshot(eventToWire('snapshot', { version: 1, state: signedInState({ buckets: list(count) }) }), async () => void turns++);
    expect(snapshot.state.buckets).toHaveLength(count);
  } finally {
    now.mockRestore();
  }
  return turns;
}

describe('a list under FIRST_SCREEN_FROM is decoded and indexed in one go', () => {
  it('10,000 buckets are parsed in one task however slow the clock; a list from FIRST_SCREEN_FROM on still gives the page turns', async () => {
    expect(FIRST_SCREEN_FROM).toBeGreaterThan(10_000);
    expect(await turnsToDecode(10_000)).toBe(0);
    expect(await turnsToDecode(FIRST_SCREEN_FROM)).toBeGreaterThan(0);
  });

  describe('rendered', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    });
    afterEach(() => vi.useRealTimers());

    it('10,000 buckets: the whole sorted list in the first frame, no first screen and no index made a slice per task after it', async () => {
      await renderApp(signedInState({ buckets: list(10_000) }));
      const shown = screen.getByRole('list', { name: 'Available buckets, 10000' });
      expect(shown.getAttribute('aria-busy')).toBeNull();
      expect(shown.querySelector('li.row')?.getAttribute('aria-label')).toMatch(/OFFLINE/);
    });
  });
});
