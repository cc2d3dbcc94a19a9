import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_SCREEN_FROM } from '../../src/shared/bucket-order';
import { bucket, NOW, renderApp, signedInState } from './fixtures';

// A file of its own: a frame callback another test left pending would run the effects this one holds back.
const COUNT = FIRST_SCREEN_FROM + 500;
const many = () => Array.from({ length: COUNT }, (_, i) => bucket(`id-${i}`, { name: `Bucket ${(i * 7919) % COUNT}`, status: i % 97 === 5 ? 'OFFLINE' : 'ONLINE' }));
const list = () => screen.getByRole('list', { name: `Available buckets, ${COUNT}` });

describe('a large list on a new view', () => {
  afterEach(() => vi.useRealTimers());
  it('the full index is begun in the task the first screen is rendered in, not after a frame (no paint waited for)', async () => {
    // No frame ever comes and timers stand still: only the page's own task turns (MessageChannel) go on.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'], now: NOW });
    const bridge = await renderApp(signedInState({ buckets: [] }));
    // The list arrives outside `act` (which would run every effect at once), as the page gets it.
    bridge.pushState(signedInState({ buckets: many() }));
    await Promise.resolve();
    expect(list().getAttribute('aria-busy')).toBe('true');
    const turn = () => new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (channel.port1.close(), resolve());
      channel.port2.postMessage(undefined);
    });
    for (let turns = 0; turns < 500 && list().getAttribute('aria-busy') === 'true'; turns++) await turn();
    expect(list().getAttribute('aria-busy')).toBeNull();
  });
});
