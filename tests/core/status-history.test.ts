import { describe, expect, it } from 'vitest';
import type { BucketChange } from '../../src/main/core/notify/bucket-changes';
import type { Clock, TimerHandle } from '../../src/main/core/platform/clock';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { HistoryOrder } from '../../src/main/core/notify/history-order';
import { HISTORY_MAX_BYTES } from '../../src/main/core/notify/history-bounds';
import { HISTORY_MAX_AGE_MS, HISTORY_PER_BUCKET, HISTORY_SAVE_DELAY_MS, historyFileAt, memoryHistoryFile, StatusHistory } from '../../src/main/core/notify/status-history';
import type { StatusChangeRecord } from '../../src/shared/contract';
import { tempDir } from '../setup/temp-dirs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const A = 'https://backend.flashback.tech';

class TestClock implements Clock {
  time = T0;
  timers: Array<{ at: number; run: () => void }> = [];
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return timer as unknown as TimerHandle;
  };
  clearTimeout = (handle: TimerHandle) => {
    this.timers = this.timers.filter((timer) => timer !== (handle as unknown));
  };
  async advance(ms: number) {
    this.time += ms;
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== timer);
      timer.run();
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

const flip = (id: string, from: string, to: string): BucketChange => ({ type: 'status-changed', bucket: { id, status: to }, previousStatus: from, status: to });

describe('status history', () => {
  it('records status changes, arrivals and departures per account and bucket, oldest first', () => {
    const history = new StatusHistory(memoryHistoryFile(), new TestClock(), new MemoryLogger());
    history.record(A, [flip('a', 'ONLINE', 'OFFLINE'), { type: 'added', bucket: { id: 'b', status: 'ONLINE' } }], T0);
    history.record(A, [flip('a', 'OFFLINE', 'ONLINE'), { type: 'removed', bucket: { id: 'b', status: 'ONLINE' } }], T0 + 60_000);
    history.record('https://staging.example', [flip('a', 'ONLINE', 'DISCONNECTED')], T0);
    expect(history.entries(A, 'a')).toEqual([
      { at: new Date(T0).toISOString(), kind: 'status', from: 'ONLINE', to: 'OFFLINE' },
      { at: new Date(T0 + 60_000).toISOString(), kind: 'status', from: 'OFFLINE', to: 'ONLINE' },
    ]);
    expect(history.entries(A, 'b').map((entry) => entry.kind)).toEqual(['added', 'removed']);
    expect(history.entries('https://staging.example', 'a')).toHaveLength(1);
  });

  it('keeps the last 100 changes per bucket and 30 days', async () => {
    const clock = new TestClock();
    const history = new StatusHistory(memoryHistoryFile(), clock, new MemoryLogger());
    for (let i = 0; i < 150; i++) history.record(A, [flip('a', i % 2 ? 'OFFLINE' : 'ONLINE', i % 2 ? 'ONLINE' : 'OFFLINE')], T0 + i * 1000);
    expect(history.entries(A, 'a')).toHaveLength(HISTORY_PER_BUCKET);
    expect(history.entries(A, 'a')[0]!.at).toBe(new Date(T0 + 50_000).toISOString());
    await clock.advance(HISTORY_MAX_AGE_MS + 60_000);
    expect(history.entries(A, "a")).toHaveLength(90); // those from T0 + 60 s on
  });

  it('writes once per burst, a few seconds later, and survives a restart', async () => {
    const clock = new TestClock();
    const file = memoryHistoryFile();
    let writes = 0;
    const write = file.write;
    file.write = async (text) => {
      writes++;
      await write(text);
    };
    const history = new StatusHistory(file, clock, new MemoryLogger());
    for (let i = 0; i < 20; i++) history.record(A, [flip(`b${i}`, 'ONLINE', 'OFFLINE')], T0);
    await clock.advance(HISTORY_SAVE_DELAY_MS - 1);
    expect(writes).toBe(0);
    await clock.advance(1);
    await history.flush();
    expect(writes).toBe(1);
    const restarted = new StatusHistory(file, clock, new MemoryLogger());
    expect(await restarted.load()).toBeUndefined();
    expect(restarted.entries(A, 'b7')).toEqual([{ at: new Date(T0).toISOString(), kind: 'status', from: 'ONLINE', to: 'OFFLINE' }]);
  });

  it('a damaged file is kept aside, the history starts anew, and the user is told where the copy is', async () => {
    const dir = await tempDir('flashback-history-');
    const path = join(dir, 'history.json');
    await writeFile(path, '{"v":1,"accounts":{"x":');
    const history = new StatusHistory(historyFileAt(path, () => 1234), new TestClock(), new MemoryLogger());
    expect(await history.load()).toBe(`The status history file was damaged, so it starts anew. The old file was kept as ${path}.corrupt-1234.`);
    expect(await readdir(dir)).toEqual(['history.json.corrupt-1234']);
    history.record(A, [flip('a', 'ONLINE', 'OFFLINE')], T0);
    await history.dispose();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ v: 1, accounts: { [A]: { a: [{ kind: 'status', to: 'OFFLINE' }] } } });
    expect((await readdir(dir)).sort()).toEqual(['history.json', 'history.json.corrupt-1234']);
  });

  it('entries of the wrong shape in a saved file are dropped, the rest kept', async () => {
    const good = { at: new Date(T0).toISOString(), kind: 'status', from: 'ONLINE', to: 'OFFLINE' };
    const file = memoryHistoryFile(JSON.stringify({ v: 1, accounts: { [A]: { a: [good, { at: 'never', kind: 'status' }, { at: good.at, kind: 'exploded' }, 'junk'] } } }));
    const history = new StatusHistory(file, new TestClock(), new MemoryLogger());
    expect(await history.load()).toBeUndefined();
    expect(history.entries(A, 'a')).toEqual([good]);
  });

  it('a failed write is tried again with the next change, and never throws', async () => {
    const file = memoryHistoryFile();
    let fail = true;
    const write = file.write;
    file.write = async (text) => {
      if (fail) throw new Error('EIO');
      await write(text);
    };
    const history = new StatusHistory(file, new TestClock(), new MemoryLogger());
    history.record(A, [flip('a', 'ONLINE', 'OFFLINE')], T0);
    await history.flush();
    expect(file.text).toBeNull();
    fail = false;
    await history.flush();
    expect(file.text).toContain('"to":"OFFLINE"');
  });
});

describe('status history of many buckets', () => {
  it('keeps at most its byte budget of file in all, dropping the oldest first, at a cost in proportion to the changes', async () => {
    const file = memoryHistoryFile();
    const history = new StatusHistory(file, new TestClock(), new MemoryLogger());
    // Three polls of these buckets are a little over the budget; two fit.
    const ids = Array.from({ length: HISTORY_MAX_BYTES / 200 }, (_, i) => `b${i}`);
    for (let poll = 0; poll < 3; poll++) history.record(A, ids.map((id) => flip(id, poll % 2 ? 'OFFLINE' : 'ONLINE', poll % 2 ? 'ONLINE' : 'OFFLINE')), T0 + poll * 60_000);
    // The first poll's changes went, from its first bucket on; the last two polls' stayed, for every bucket.
    expect(history.entries(A, 'b0').map((entry) => entry.at)).toEqual([new Date(T0 + 60_000).toISOString(), new Date(T0 + 120_000).toISOString()]);
    expect(history.entries(A, ids.at(-1)!)).toHaveLength(3);
    await history.flush();
    expect(Buffer.byteLength(file.text!)).toBeLessThanOrEqual(HISTORY_MAX_BYTES);
  }, 30_000);

  it('a saved file over the limit loses its oldest changes when read back', async () => {
    const buckets: Record<string, unknown[]> = {};
    // A little over the budget: the first change of every bucket goes.
    for (let i = 0; i < HISTORY_MAX_BYTES / 167; i++) buckets[`b${i}`] = [0, 1, 2].map((k) => ({ at: new Date(T0 + k * 1000).toISOString(), kind: 'status', from: 'A', to: 'B' }));
    const history = new StatusHistory(memoryHistoryFile(JSON.stringify({ v: 1, accounts: { [A]: buckets } })), new TestClock(), new MemoryLogger());
    expect(await history.load()).toBeUndefined();
    const kept = history.entries(A, 'b5').map((entry) => entry.at);
    expect(kept).toEqual([new Date(T0 + 1000).toISOString(), new Date(T0 + 2000).toISOString()]);
  });

  it('writes a few thousand buckets per turn of the event loop, and reads back what it wrote', async () => {
    const file = memoryHistoryFile();
    let turns = 0;
    const history = new StatusHistory(file, new TestClock(), new MemoryLogger(), async () => void turns++);
    history.record(A, Array.from({ length: 12_000 }, (_, i) => flip(`b${i}`, 'ONLINE', 'OFFLINE')), T0);
    await history.flush();
    expect(turns).toBe(2);
    const again = new StatusHistory(file, new TestClock(), new MemoryLogger());
    await again.load();
    expect(again.entries(A, 'b11999')).toEqual([{ at: new Date(T0).toISOString(), kind: 'status', from: 'ONLINE', to: 'OFFLINE' }]);
  });

  it('one bucket flapping forever keeps the bookkeeping in proportion to what is kept', () => {
    const order = new HistoryOrder();
    const list: StatusChangeRecord[] = [];
    for (let i = 0; i < 50_000; i++) {
      const entry: StatusChangeRecord = { at: new Date(T0 + i).toISOString(), kind: 'status' };
      list.push(entry);
      order.add({ list, entry, account: A, bucketId: 'a' });
      if (list.length > HISTORY_PER_BUCKET) order.trimmed(list.splice(0, list.length - HISTORY_PER_BUCKET));
    }
    expect(order.size).toBe(HISTORY_PER_BUCKET);
    expect(order.queued).toBeLessThan(2 * HISTORY_PER_BUCKET + 1100);
  });
});
