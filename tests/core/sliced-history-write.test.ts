import { describe, expect, it } from 'vitest';
import type { BucketChange } from '../../src/main/core/notify/bucket-changes';
import { memoryHistoryFile, StatusHistory } from '../../src/main/core/notify/status-history';
import type { Clock } from '../../src/main/core/platform/clock';
import { MemoryLogger } from '../../src/main/core/platform/logger';

const A = 'https://api.test/v1';
const T0 = Date.parse('2026-12-02T07:00:00Z');
const clock: Clock = { now: () => T0, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
const flip = (id: string): BucketChange => ({ type: 'status-changed', bucket: { id, status: 'OFFLINE' }, previousStatus: 'ONLINE', status: 'OFFLINE' });
const changes = Array.from({ length: 12_000 }, (_, i) => flip(`b${i}`));

describe('the history file is written a slice of time per turn', () => {
  it('a slow write takes many turns (a fixed 5,000 buckets a turn made 2), and writes the very text written without them', async () => {
    let t = 0;
    let turns = 0;
    const sliced = memoryHistoryFile();
    const history = new StatusHistory(sliced, clock, new MemoryLogger(), { now: () => (t += 1), sliceMs: 8, yieldTurn: async () => void turns++ });
    history.record(A, changes, T0);
    await history.flush();
    // 12,000 buckets, a look at the clock every 256, a turn every 8 looks.
    expect(turns).toBeGreaterThanOrEqual(5);
    const whole = memoryHistoryFile();
    const reference = new StatusHistory(whole, clock, new MemoryLogger(), async () => undefined);
    reference.record(A, changes, T0);
    await reference.flush();
    expect(await sliced.read()).toBe(await whole.read());
    expect(await sliced.read()).toContain('"b11999"');
  });
});
