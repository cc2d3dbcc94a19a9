import { describe, expect, it } from 'vitest';
import { FlashbackApi, type PollResult } from '../../../src/main/core/api/api-client';
import { Foreground } from '../../../src/main/core/platform/foreground';
import { makeBuckets } from '../../../src/mock-api/buckets';
import { testSync } from './test-sync';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A sync over a body large enough to be hashed rather than kept (over 4 MB), keeping what each poll returned. */
function syncOver(foreground: Foreground, session = new AbortController()) {
  const list = makeBuckets(20_000, { seed: 3 });
  const api = new FlashbackApi({
    baseUrl: 'https://api.test/v1',
    fetch: async () => new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json' } }),
    timeoutMs: 5000,
  });
  const polled: PollResult[] = [];
  const poll = api.pollAvailableBuckets.bind(api);
  api.pollAvailableBuckets = async (token, options) => {
    const result = await poll(token, options);
    polled.push(result);
    return result;
  };
  const sync = testSync(api, session.signal, { foreground });
  const hashed = () => {
    const first = polled[0];
    if (!first || first.unchanged || !first.memory.hashed) throw new Error('the first poll kept no hashed list');
    return first.memory.hashed;
  };
  return { sync, hashed };
}

describe('a list parsed a run at a time is hashed for the next poll once its views have their text', () => {
  it('waits while foreground work runs (a view being encoded), then hashes every piece and lets go of the bytes', async () => {
    const foreground = new Foreground();
    const { sync, hashed } = syncOver(foreground);
    sync.start({ firstPollInMs: 3_600_000 });
    const encoding = foreground.begin();
    expect(await sync.refreshNow()).toMatchObject({ kind: 'changed', baseline: true });
    await turns(20);
    expect(hashed().later).toBeDefined();
    expect(hashed().hashes.some(Number.isNaN)).toBe(true);
    encoding();
    for (let i = 0; i < 200 && hashed().later; i++) await turns(1);
    expect(hashed().later).toBeUndefined();
    expect(hashed().hashes.some(Number.isNaN)).toBe(false);
    sync.stop();
  });

  it('stops with the session, its place kept', async () => {
    const foreground = new Foreground();
    const session = new AbortController();
    const { sync, hashed } = syncOver(foreground, session);
    sync.start({ firstPollInMs: 3_600_000 });
    const encoding = foreground.begin();
    await sync.refreshNow();
    session.abort(new Error('signed out'));
    encoding();
    await turns(50);
    expect(hashed().later?.done).toBe(0);
    sync.stop();
  });
});
