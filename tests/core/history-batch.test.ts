import { describe, expect, it } from 'vitest';
import type { BucketChange } from '../../src/main/core/notify/bucket-changes';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { runToEnd } from '../../src/main/core/platform/slices';
import { memoryHistoryFile, StatusHistory } from '../../src/main/core/notify/status-history';
import { seededRandom } from '../../src/mock-api/buckets';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const A = 'https://backend.flashback.tech';
const B = 'https://staging.example';

const clock = { now: () => T0, setTimeout: () => 0 as never, clearTimeout: () => undefined };
const fresh = () => {
  const file = memoryHistoryFile();
  return { file, history: new StatusHistory(file, clock, new MemoryLogger()) };
};

/** `count` changes of buckets `b<from>`…, statuses of varied length, some added or removed. */
function changes(count: number, from: number, random: () => number, long = false): BucketChange[] {
  return Array.from({ length: count }, (_, i): BucketChange => {
    const id = `b${from + i}`;
    const status = long && random() < 0.1 ? 'X'.repeat(1 + Math.floor(random() * 400)) : random() < 0.5 ? 'ONLINE' : 'OFFLINE';
    const roll = random();
    if (roll < 0.05) return { type: 'added', bucket: { id, status } };
    if (roll < 0.1) return { type: 'removed', bucket: { id, status } };
    return { type: 'status-changed', bucket: { id, status }, previousStatus: roll < 0.12 ? undefined : 'DISCONNECTED', status };
  });
}

/** What recording one list a few hundred at a time (as before) and in one `recordInSlices` leave: they must be the same history. */
type Earlier = Array<[account: string, list: BucketChange[], at: number]>;

async function both(earlier: Earlier, account: string, list: BucketChange[], at: number) {
  const one = fresh();
  const other = fresh();
  for (const [owner, items, when] of earlier) {
    one.history.record(owner, items, when);
    other.history.record(owner, items, when);
  }
  for (let start = 0; start < list.length; start += 256) one.history.record(account, list.slice(start, start + 256), at);
  runToEnd(other.history.recordInSlices(account, list, at));
  // A small list after it: the byte counts behind what each drops next must agree too.
  const after = changes(300, 7, seededRandom(9));
  one.history.record(account, after, at + 1000);
  other.history.record(account, after, at + 1000);
  await one.history.flush();
  await other.history.flush();
  return { before: one, after: other };
}

describe('a long list of changes recorded in slices', () => {
  it('ends with the very history recording every change in order does, for lists past the budget and under it, with earlier history and other accounts', async () => {
    const random = seededRandom(3);
    const cases: Array<{ name: string; earlier: Earlier; account: string; list: BucketChange[] }> = [
      { name: '100,000 changes, nothing before', earlier: [], account: A, list: changes(100_000, 0, random) },
      { name: '40,000 changes over earlier polls of two accounts', earlier: [[A, changes(5000, 0, random), T0 - 60_000], [B, changes(3000, 50, random), T0 - 30_000]], account: A, list: changes(40_000, 0, random) },
      { name: 'a new account', earlier: [[A, changes(2000, 0, random), T0 - 60_000]], account: B, list: changes(30_000, 10, random) },
      { name: 'long statuses', earlier: [[A, changes(500, 0, random, true), T0 - 1]], account: A, list: changes(25_000, 0, random, true) },
      { name: 'just past the budget', earlier: [[A, changes(15_000, 0, random), T0 - 1]], account: A, list: changes(19_000, 5, random) },
      { name: 'under the budget', earlier: [[A, changes(100, 0, random), T0 - 1]], account: A, list: changes(5000, 0, random) },
      { name: 'a bucket twice among the last', earlier: [], account: A, list: [...changes(30_000, 0, random), ...changes(10, 29_995, random)] },
      { name: 'a bucket twice, once among those dropped', earlier: [], account: A, list: [...changes(10, 29_995, random), ...changes(30_000, 0, random)] },
    ];
    for (const { name, earlier, account, list } of cases) {
      const { before, after } = await both(earlier, account, list, T0);
      // Compared as booleans first: a failing diff of 2 MB of text says nothing.
      expect(after.file.text === before.file.text, name).toBe(true);
      expect(after.history.lists(), name).toEqual(before.history.lists());
    }
  }, 60_000);

  it('skips the changes the budget would drop again: of 100,000, only the last few tens of thousands are recorded', () => {
    const { history } = fresh();
    history.record(A, changes(1000, 500_000, seededRandom(1)), T0 - 60_000);
    const list = changes(100_000, 0, seededRandom(2));
    const recorded: number[] = [];
    const record = history.record.bind(history);
    history.record = (account, items, at) => void (recorded.push(items.length), record(account, items, at));
    let checkpoints = 0;
    const work = history.recordInSlices(A, list, T0);
    while (!work.next().done) checkpoints++;
    const total = recorded.reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(40_000);
    expect(Math.max(...recorded)).toBeLessThanOrEqual(256);
    expect(checkpoints).toBeGreaterThan(100);
    // Nothing recorded before it is left, as recording all of them would have pushed it out.
    expect(history.entries(A, 'b500000')).toEqual([]);
    expect(history.entries(A, 'b99999')).toHaveLength(1);
    expect(history.entries(A, `b${100_000 - total - 1}`)).toEqual([]);
  });
});
