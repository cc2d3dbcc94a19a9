import { describe, expect, it } from 'vitest';
import { ChangeFollowUp } from '../../src/main/core/accounts/change-follow-up';
import type { BucketChange } from '../../src/main/core/notify/bucket-changes';
import { NotificationPolicy } from '../../src/main/core/notify/notification-policy';
import { StaleWork } from '../../src/main/core/platform/lifetime';
import type { Logger } from '../../src/main/core/platform/logger';
import type { NotificationRequest } from '../../src/shared/desktop';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';

const AT = Date.parse('2026-12-02T07:00:00Z');
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const changes = (count: number): BucketChange[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'status-changed', bucket: { id: `b${i}`, name: `Bucket ${i}`, status: 'OFFLINE' }, previousStatus: 'ONLINE', status: 'OFFLINE' }));

/** A follow-up whose clock moves 1 ms at each look (every checkpoint looks slow), counting its turns. */
function followUp(onTurn: (turn: number) => void = () => undefined) {
  const recorded: BucketChange[][] = [];
  const notified: NotificationRequest[] = [];
  const errors: unknown[] = [];
  let t = 0;
  let turns = 0;
  const follow = new ChangeFollowUp({
    settings: () => DEFAULT_SETTINGS,
    log: { ...quiet, error: (_message, error) => void errors.push(error) },
    notify: (request) => void notified.push(request),
    record: (list) => void recorded.push([...list]),
    slices: { now: () => (t += 1), sliceMs: 8, yieldTurn: async () => onTurn(++turns) },
  });
  return { follow, recorded, notified, errors, turns: () => turns };
}

describe('a large list’s follow-up is cut by time, not by a fixed count', () => {
  it('records every change in order over many turns, then decides the one notification in turns of its own, as in one go', async () => {
    const list = changes(30_000);
    const { follow, recorded, notified, errors, turns } = followUp();
    follow.after({ kind: 'changed', buckets: [], changes: list, baseline: false, at: AT, nextPollAt: undefined }, new AbortController().signal);
    await follow.idle();
    expect(errors).toEqual([]);
    // 30,000 changes at a few hundred a look, 8 looks a slice: dozens of turns, where 20,000 a turn made two.
    expect(turns()).toBeGreaterThanOrEqual(20);
    expect(Math.max(...recorded.map((part) => part.length))).toBeLessThanOrEqual(256);
    expect(recorded.flat()).toEqual(list);
    expect(notified).toEqual([new NotificationPolicy().forChanges(list, DEFAULT_SETTINGS, AT)]);
    expect(notified[0]!.title).toBe('30,000 bucket changes');
  });

  it('the policy’s decision over 30,000 changes takes turns too (not one call over all of them)', async () => {
    const list = changes(30_000);
    let recordingDone = -1;
    const { follow, recorded, turns } = followUp();
    const record = recorded.push.bind(recorded);
    recorded.push = (...parts) => {
      const n = record(...parts);
      if (recorded.flat().length === list.length) recordingDone = turns();
      return n;
    };
    follow.after({ kind: 'changed', buckets: [], changes: list, baseline: false, at: AT, nextPollAt: undefined }, new AbortController().signal);
    await follow.idle();
    expect(turns() - recordingDone).toBeGreaterThanOrEqual(5);
  });

  it('a session that ends while the history is written stops it at the next slice, and nothing is notified', async () => {
    const session = new AbortController();
    const { follow, recorded, notified, errors } = followUp((turn) => turn === 3 && session.abort(new StaleWork('signed out')));
    follow.after({ kind: 'changed', buckets: [], changes: changes(30_000), baseline: false, at: AT, nextPollAt: undefined }, session.signal);
    await follow.idle();
    expect(errors).toEqual([]);
    expect(recorded.flat().length).toBeGreaterThan(0);
    expect(recorded.flat().length).toBeLessThan(30_000);
    expect(notified).toEqual([]);
  });
});
