import fc from 'fast-check';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketTracker } from '../../src/main/core/notify/bucket-changes';
import type { BucketChange } from '../../src/main/core/notify/bucket-changes';
import { entryBytes, HISTORY_FILE_READ_MAX, HISTORY_MAX_BYTES, HISTORY_TEXT_MAX, historyKey, keyBytes } from '../../src/main/core/notify/history-bounds';
import { NOTIFICATION_NAME_MAX, NotificationPolicy } from '../../src/main/core/notify/notification-policy';
import { historyFileAt, memoryHistoryFile, StatusHistory } from '../../src/main/core/notify/status-history';
import type { Clock, TimerHandle } from '../../src/main/core/platform/clock';
import { formatLogLine, LOG_LINE_MAX, MemoryLogger } from '../../src/main/core/platform/logger';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';
import { hostileString } from '../hostile-strings';
import { tempDir } from '../setup/temp-dirs';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const A = 'https://backend.flashback.tech';

/** Time stands still unless set; saves happen when the test flushes. */
function stillClock(at = T0): Clock & { time: number } {
  const clock = { time: at, now: () => clock.time, setTimeout: () => 0 as unknown as TimerHandle, clearTimeout: () => undefined };
  return clock;
}

const flip = (id: string, from: string, to: string): BucketChange => ({ type: 'status-changed', bucket: { id, status: to }, previousStatus: from, status: to });
const bytesOf = (text: string | null) => Buffer.byteLength(text ?? '');

describe('bounds on the status history', () => {
  it('30 buckets whose 256 KB statuses flip on every poll: statuses kept to 200 characters, the file far under its budget (it grew 157 MB in 12 polls)', async () => {
    const file = memoryHistoryFile();
    const history = new StatusHistory(file, stillClock(), new MemoryLogger());
    const big = (poll: number) => `${poll % 2 ? 'DOWN' : 'UP'}-${'x'.repeat(256 * 1024)}`;
    for (let poll = 1; poll <= 12; poll++) {
      history.record(A, Array.from({ length: 30 }, (_, i) => flip(`b${i}`, big(poll - 1), big(poll))), T0 + poll * 60_000);
      await history.flush();
    }
    expect(bytesOf(file.text)).toBeLessThan(200_000);
    const entry = history.entries(A, 'b3').at(-1)!;
    expect(entry.to!.length).toBe(HISTORY_TEXT_MAX + 1);
    expect(entry.to!.startsWith('UP-xxx') && entry.to!.endsWith('…')).toBe(true);
  }, 60_000);

  it('counts every byte it writes: an entry’s and a key’s bytes are what JSON makes of them', () => {
    fc.assert(
      fc.property(hostileString, fc.option(hostileString, { nil: undefined }), fc.option(hostileString, { nil: undefined }), fc.constantFrom('status', 'added', 'removed' as const), (key, from, to, kind) => {
        const entry = { at: new Date(T0).toISOString(), kind, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
        expect(entryBytes(entry)).toBe(Buffer.byteLength(JSON.stringify(entry)) + 1);
        expect(keyBytes(key)).toBe(Buffer.byteLength(JSON.stringify(key)) + 4);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('the file stays under its byte budget (2 MB, so that start-up reads it within 100 ms), oldest changes first, whatever the ids and statuses (long ids, escapes, non-ASCII)', async () => {
    const file = memoryHistoryFile();
    const history = new StatusHistory(file, stillClock(), new MemoryLogger());
    const nasty = (i: number) => `${'\u0000"\\\ud800é'.repeat(30)}-${i}`;
    // 6,000 buckets with 400-character ids, two changes each of about 1.5 KB in JSON: 20 MB if all were kept.
    for (let round = 0; round < 2; round++) {
      for (let start = 0; start < 6000; start += 1000) {
        const changes = Array.from({ length: 1000 }, (_, k) => flip(`${'id'.repeat(200)}-${start + k}`, nasty(round), nasty(round + 1)));
        history.record(A, changes, T0 + round * 3600_000 + start);
      }
    }
    await history.flush();
    const size = bytesOf(file.text);
    expect(size).toBeLessThanOrEqual(HISTORY_MAX_BYTES);
    expect(size).toBeGreaterThan(HISTORY_MAX_BYTES * 0.99); // the budget is used, not thrown away
    // Not a budget to raise: 5 MB took 160 ms to read at start (bench row history-load-full, ≤ 100 ms).
    expect(size).toBeLessThanOrEqual(2_000_000);
    // The newest changes are kept; the oldest went first (all of the first round, then the second's start).
    const last = history.entries(A, `${'id'.repeat(200)}-5999`);
    expect(last.map((entry) => entry.at)).toEqual([new Date(T0 + 3600_000 + 5000).toISOString()]);
    expect(history.entries(A, `${'id'.repeat(200)}-0`)).toHaveLength(0);
    const reread = new StatusHistory(memoryHistoryFile(file.text), stillClock(), new MemoryLogger());
    expect(await reread.load()).toBeUndefined();
    expect(reread.entries(A, `${'id'.repeat(200)}-5999`)).toEqual(last);
  }, 60_000);

  it('two long ids that share their first 200 characters keep their own histories', () => {
    const history = new StatusHistory(memoryHistoryFile(), stillClock(), new MemoryLogger());
    const one = `${'a'.repeat(300)}-one`;
    const two = `${'a'.repeat(300)}-two`;
    history.record(A, [flip(one, 'ONLINE', 'OFFLINE'), flip(two, 'ONLINE', 'DISCONNECTED')], T0);
    expect(historyKey(one)).not.toBe(historyKey(two));
    expect(historyKey(one).length).toBeLessThan(256);
    expect(history.entries(A, one).map((entry) => entry.to)).toEqual(['OFFLINE']);
    expect(history.entries(A, two).map((entry) => entry.to)).toEqual(['DISCONNECTED']);
  });

  it('an old, unbounded file is read back clipped and within the budget; one far too large is set aside unread, and the user told', async () => {
    const dir = await tempDir('flashback-history-bounds-');
    const path = join(dir, 'history.json');
    const status = 'S'.repeat(100_000);
    const buckets = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`b${i}`, [{ at: new Date(T0 + i).toISOString(), kind: 'status', from: status, to: status }]]));
    await writeFile(path, JSON.stringify({ v: 1, accounts: { [A]: buckets } })); // 10 MB, written before the bounds
    const history = new StatusHistory(historyFileAt(path), stillClock(), new MemoryLogger());
    expect(await history.load()).toBeUndefined();
    expect(history.entries(A, 'b49')[0]!.to).toHaveLength(HISTORY_TEXT_MAX + 1);
    history.record(A, [flip('b0', 'ONLINE', 'OFFLINE')], T0 + 1000);
    await history.dispose();
    expect((await readFile(path)).length).toBeLessThan(100_000);

    await writeFile(path, Buffer.alloc(HISTORY_FILE_READ_MAX + 1, 0x20));
    const huge = new StatusHistory(historyFileAt(path, () => 77), stillClock(), new MemoryLogger());
    expect(await huge.load()).toBe(`The status history file was too large to read, so it starts anew. The old file was kept as ${path}.corrupt-77.`);
    expect((await readdir(dir)).sort()).toEqual(['history.json.corrupt-77']);
  }, 60_000);
});

describe('bounds on what else keeps or shows server strings', () => {
  it('a bucket’s previous status is kept clipped in the state, as the history keeps it', () => {
    const tracker = new BucketTracker();
    const history = new StatusHistory(memoryHistoryFile(), stillClock(), new MemoryLogger());
    const ids = Array.from({ length: 10 }, (_, i) => `b${i}`);
    tracker.update(ids.map((id, i) => ({ id, status: `${i}`.padEnd(1 << 20, 'x') })), new Date(T0).toISOString());
    const { views, changes } = tracker.update(ids.map((id) => ({ id, status: 'ONLINE' })), new Date(T0 + 60_000).toISOString());
    history.record(A, changes, T0 + 60_000);
    expect(views[7]!.previousStatus).toHaveLength(HISTORY_TEXT_MAX + 1);
    expect(history.entries(A, 'b7')[0]!.from).toBe(views[7]!.previousStatus);
  });

  it('a notification clips a 4 MB name and status', () => {
    const policy = new NotificationPolicy();
    const huge = 'N'.repeat(4 * 1024 * 1024);
    const note = policy.forChanges([{ type: 'status-changed', bucket: { id: 'a', name: huge, status: huge }, previousStatus: 'ONLINE', status: huge }], DEFAULT_SETTINGS, T0)!;
    expect(note.title.length).toBeLessThan(NOTIFICATION_NAME_MAX + 60);
    expect(note.body.length).toBeLessThan(100);
  });

  it('a log line is at most 2,000 characters, and still redacted', () => {
    const line = formatLogLine('warn', `poll failed Bearer abc.def.ghi ${'z'.repeat(1 << 20)}`, new Error('x'.repeat(1 << 20)), new Date(T0));
    expect(line.length).toBeLessThanOrEqual(LOG_LINE_MAX + 1);
    expect(line).toContain('Bearer [redacted]');
    expect(line).not.toContain('abc.def.ghi');
  });
});
