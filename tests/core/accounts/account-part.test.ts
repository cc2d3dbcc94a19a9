import { describe, expect, it } from 'vitest';
import { accountAfter, INITIAL_PART, type AccountPart } from '../../../src/main/core/accounts/account-part';
import { ApiFailure } from '../../../src/main/core/api/api-errors';
import type { SyncNews } from '../../../src/main/core/sync/sync-outcome';

const AT = Date.parse('2026-12-02T03:00:00Z');
const bucket = { id: 'b1', account: 'acc-1', status: 'ONLINE' };
const listed: SyncNews = { kind: 'changed', buckets: [bucket], changes: [], baseline: true, at: AT, nextPollAt: AT + 60_000 };
const failed = (message = 'Flashback answered HTTP 503.'): Extract<SyncNews, { kind: 'failed' }> => ({
  kind: 'failed',
  failure: new ApiFailure('server', message),
  error: { kind: 'server', message, retryAt: new Date(AT + 45_000).toISOString() },
  nextPollAt: AT + 45_000,
});

/** Runs news through the account, as its sync would report it. */
const after = (...news: SyncNews[]) => news.reduce<{ part: AccountPart; quiet: boolean }>((state, item) => accountAfter(state.part, item), { part: INITIAL_PART, quiet: false });

describe("an account turns its sync's outcomes into its part of the state", () => {
  it('a new list replaces the list, and the sync says when it was checked and when it checks next', () => {
    const { part, quiet } = after(listed);
    expect(part.buckets).toBe(listed.kind === 'changed' && listed.buckets);
    expect(part.sync).toEqual({ phase: 'idle', stale: false, inFlight: false, lastSuccessAt: '2026-12-02T03:00:00.000Z', nextPollAt: '2026-12-02T03:01:00.000Z' });
    expect(quiet).toBe(false);
  });

  it('an unchanged poll only moves the times: quiet while all is calm, not after an error', () => {
    const unchanged: SyncNews = { kind: 'unchanged', at: AT + 60_000, nextPollAt: AT + 120_000 };
    const calm = after(listed, unchanged);
    expect(calm.quiet).toBe(true);
    expect(calm.part.buckets).toBe(after(listed).part.buckets);
    expect(calm.part.sync.lastSuccessAt).toBe('2026-12-02T03:01:00.000Z');
    const recovered = after(listed, failed(), unchanged);
    expect(recovered.quiet).toBe(false);
    expect(recovered.part.sync).toMatchObject({ phase: 'idle', stale: false });
    expect(recovered.part.sync.error).toBeUndefined();
  });

  it('a failure keeps the last list, marks it stale and carries the reason and its retry', () => {
    const { part } = after(listed, failed());
    expect(part.buckets).toEqual([bucket]);
    expect(part.sync).toMatchObject({ phase: 'error', stale: true, inFlight: false, nextPollAt: '2026-12-02T03:00:45.000Z', error: { kind: 'server', message: 'Flashback answered HTTP 503.' } });
    // Before any list there is nothing to be stale.
    expect(after(failed()).part.sync.stale).toBe(false);
  });

  it('a stopped poll changes nothing (the same part, not a copy)', () => {
    const { part } = after(listed);
    expect(accountAfter(part, { kind: 'stopped' })).toEqual({ part, quiet: false });
    expect(accountAfter(part, { kind: 'stopped' }).part).toBe(part);
  });

  it("a diagnosis names whose problem the error is, only while that error still stands", () => {
    const first = failed();
    const diagnosed = after(listed, first, { kind: 'diagnosed', error: first.error, whose: 'flashback' });
    expect(diagnosed.part.sync.error).toMatchObject({ kind: 'server', whose: 'flashback' });
    const late = after(listed, first, failed('Flashback answered HTTP 500.'), { kind: 'diagnosed', error: first.error, whose: 'flashback' });
    expect(late.part.sync.error?.whose).toBeUndefined();
  });

  it('pause, resume, a refresh that goes out, an ended session and a reset each say so', () => {
    expect(after(listed, { kind: 'checking' }).part.sync).toMatchObject({ phase: 'refreshing', inFlight: true });
    expect(after(listed, { kind: 'paused', phase: 'offline' }).part.sync).toMatchObject({ phase: 'offline', inFlight: false, nextPollAt: undefined });
    expect(after(listed, failed(), { kind: 'paused', phase: 'paused' }, { kind: 'resumed' }).part.sync.phase).toBe('error');
    expect(after(listed, { kind: 'ended' }).part).toMatchObject({ buckets: [bucket], sync: { phase: 'error', stale: true } });
    expect(after(listed, { kind: 'workspaces', workspaces: [{ id: 'w', name: 'W' }] }, { kind: 'reset' }).part).toMatchObject({ buckets: [], workspaces: [] });
  });
});
