import { describe, expect, it } from 'vitest';
import { FlashbackApi } from '../../../src/main/core/api/api-client';
import type { SyncNews } from '../../../src/main/core/sync/sync-outcome';
import { DEFAULT_SETTINGS, type Bucket } from '../../../src/shared/contract';
import { testSync } from './test-sync';


/**
 * A sync against a server the test answers for: each request gets the next scripted answer
 * (a list, a status, or one that waits until the test lets it go). The sync knows nothing of
 * the state: what it learns comes back as values.
 */
function syncAgainst(answers: Array<Bucket[] | number | 'hang'>) {
  const news: SyncNews[] = [];
  let release: (() => void) | undefined;
  const fetch = (input: Request | string | URL, init?: RequestInit) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer === 'hang') {
      return new Promise<Response>((resolve, reject) => {
        release = () => resolve(new Response('[]', { headers: { 'content-type': 'application/json' } }));
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    if (typeof answer === 'number') return Promise.resolve(new Response('{"message":"down"}', { status: answer, headers: { 'content-type': 'application/json' } }));
    return Promise.resolve(new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } }));
  };
  const api = new FlashbackApi({ baseUrl: 'https://api.test/v1', fetch, timeoutMs: 5000 });
  const lifetime = new AbortController();
  const sync = testSync(api, lifetime.signal, { report: (item) => news.push(item) });
  return { sync, news, release: () => release?.(), end: () => (lifetime.abort(), sync.stop()) };
}

const a = { id: 'a', name: 'A', status: 'ONLINE' };
const b = { id: 'b', name: 'B', status: 'ONLINE' };

describe('a poll step returns its outcome as a value', () => {
  it('the first list is a baseline; a later one that differs is "changed" with its changes, keyed to the account', async () => {
    const { sync, news, end } = syncAgainst([[a, b], [{ ...a, status: 'OFFLINE' }], [{ ...a, status: 'OFFLINE' }]]);
    sync.start({ firstPollInMs: 3_600_000 });
    const first = await sync.refreshNow();
    expect(first).toMatchObject({ kind: 'changed', baseline: true, changes: [] });
    expect(first.kind === 'changed' && first.buckets.map((bucket) => `${bucket.account}/${bucket.id}`)).toEqual(['acc-1/a', 'acc-1/b']);

    const second = await sync.refreshNow();
    expect(second.kind).toBe('changed');
    if (second.kind !== 'changed') return;
    expect(second.baseline).toBe(false);
    expect(second.changes.map((change) => `${change.type} ${change.bucket.id}`).sort()).toEqual(['removed b', 'status-changed a']);
    expect(second.buckets).toEqual([expect.objectContaining({ id: 'a', status: 'OFFLINE', previousStatus: 'ONLINE' })]);
    // What the sync returns is what it reported: no second copy on the way up.
    expect(news.filter((item) => item.kind === 'changed')).toEqual([first, second]);
    end();
  });

  it('the same list again is "unchanged", with when it was checked and when the next poll is', async () => {
    const { sync, end } = syncAgainst([[a, b]]);
    sync.start({ firstPollInMs: 3_600_000 });
    await sync.refreshNow();
    const outcome = await sync.refreshNow();
    expect(outcome).toMatchObject({ kind: 'unchanged' });
    if (outcome.kind !== 'unchanged') return;
    expect(outcome.nextPollAt! - outcome.at).toBeGreaterThan(DEFAULT_SETTINGS.pollIntervalSeconds * 1000 - 50);
    end();
  });

  it('a failed request is "failed" with its reason in words and its retry; the list it had is not part of it', async () => {
    const { sync, end } = syncAgainst([[a], 503]);
    sync.start({ firstPollInMs: 3_600_000 });
    await sync.refreshNow();
    const outcome = await sync.refreshNow();
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.failure.kind).toBe('server');
    expect(outcome.error).toMatchObject({ kind: 'server', message: expect.stringMatching(/503/) });
    expect(Date.parse(outcome.error.retryAt!)).toBe(outcome.nextPollAt);
    end();
  });

  it('a request cut off by a pause is "stopped": nothing to act on, and the pause is news of its own', async () => {
    const { sync, news, end } = syncAgainst(['hang']);
    sync.start({ firstPollInMs: 3_600_000 });
    const pending = sync.refreshNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    sync.pause('offline');
    expect(await pending).toEqual({ kind: 'stopped' });
    expect(news.map((item) => item.kind)).toEqual(['scheduled', 'checking', 'scheduled', 'paused']);
    expect(news.at(-1)).toEqual({ kind: 'paused', phase: 'offline' });
    end();
  });

  it('after stop, a refresh is "stopped" and nothing is polled', async () => {
    const { sync, news, end } = syncAgainst([[a]]);
    sync.start({ firstPollInMs: 3_600_000 });
    sync.stop();
    expect(await sync.refreshNow()).toEqual({ kind: 'stopped' });
    expect(news.map((item) => item.kind)).toEqual(['scheduled']);
    end();
  });
});
