import { describe, expect, it } from 'vitest';
import { recentChanges, type RecentSource } from '../../src/main/core/notify/recent-changes';
import { validateCommandArgs } from '../../src/main/core/commands/commands';
import type { StatusChangeRecord } from '../../src/shared/contract';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 12, minute)).toISOString();
const change = (minute: number, to = 'OFFLINE'): StatusChangeRecord => ({ at: at(minute), kind: 'status', from: 'ONLINE', to });

describe('the recent changes across buckets', () => {
  const ada: RecentSource = { id: 'acc-ada', historyKey: 'https://a|ada', buckets: [{ id: 'b1', name: 'Backups' }, { id: 'b2', name: 'Logs' }] };
  const bob: RecentSource = { id: 'acc-bob', historyKey: 'https://b|bob', buckets: [{ id: 'b1', name: 'Bob’s backups' }] };
  const lists = new Map([
    ['https://a|ada', new Map([['b1', [change(1), change(5)]], ['b2', [change(3)]], ['gone', [{ at: at(4), kind: 'removed' as const }]]])],
    ['https://b|bob', new Map([['b1', [change(2), change(6, 'ONLINE')]]])],
    ['https://c|removed-account', new Map([['x', [change(9)]]])],
  ]);

  it('are every account’s changes, newest first, each with its bucket’s key and name (a bucket no longer listed by its id)', () => {
    const recent = recentChanges(lists, [ada, bob], 50, at(0));
    expect(recent.map((entry) => [entry.at, entry.bucketKey, entry.name])).toEqual([
      [at(6), 'acc-bob/b1', 'Bob’s backups'],
      [at(5), 'acc-ada/b1', 'Backups'],
      [at(4), 'acc-ada/gone', 'gone'],
      [at(3), 'acc-ada/b2', 'Logs'],
      [at(2), 'acc-bob/b1', 'Bob’s backups'],
      [at(1), 'acc-ada/b1', 'Backups'],
    ]);
    expect(recent[0]).toMatchObject({ kind: 'status', from: 'ONLINE', to: 'ONLINE' });
  });

  it('are bounded, and none older than the history keeps', () => {
    expect(recentChanges(lists, [ada, bob], 2, at(0)).map((entry) => entry.at)).toEqual([at(6), at(5)]);
    expect(recentChanges(lists, [ada, bob], 50, at(3)).map((entry) => entry.at)).toEqual([at(6), at(5), at(4), at(3)]);
  });

  it('with many buckets, equal a full sort of every change', () => {
    const many = new Map<string, StatusChangeRecord[]>();
    for (let i = 0; i < 2000; i++) many.set(`m${i}`, [change((i * 7) % 50), change(((i * 13) % 50) + 50)]);
    const source: RecentSource = { id: 'acc-m', historyKey: 'm', buckets: [] };
    const all = [...many.values()].flat().map((entry) => entry.at).sort().reverse();
    expect(recentChanges(new Map([['m', many]]), [source], 50, at(0)).map((entry) => entry.at)).toEqual(all.slice(0, 50));
  });

  it('the command takes no arguments (checked in main)', () => {
    expect(validateCommandArgs('getRecentChanges', []).ok).toBe(true);
    expect(validateCommandArgs('getRecentChanges', ['x']).ok).toBe(false);
    expect(validateCommandArgs('getRecentChanges', 'x').ok).toBe(false);
  });
});
