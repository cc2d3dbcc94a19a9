import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BucketChange } from '../../src/main/core/notify/bucket-changes';
import { HISTORY_MAX_BYTES } from '../../src/main/core/notify/history-bounds';
import { historyFileAt, StatusHistory } from '../../src/main/core/notify/status-history';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { fromRuns, median, type Result } from './report';
import { ManualClock } from './manual-clock';

/** A history at its byte budget: 5,000 buckets flapping until the oldest changes start to go. */
async function writeFullHistory(path: string): Promise<number> {
  const clock = new ManualClock(Date.parse('2026-11-25T10:00:00Z'));
  const history = new StatusHistory(historyFileAt(path), clock, new MemoryLogger());
  const ids = Array.from({ length: 5000 }, (_, i) => `bucket-${i.toString(36).padStart(6, '0')}-${'k'.repeat(i % 24)}`);
  for (let poll = 0; poll < 20; poll++) {
    const changes: BucketChange[] = ids.map((id) => ({ type: 'status-changed', bucket: { id, status: poll % 2 ? 'ONLINE' : 'OFFLINE' }, previousStatus: poll % 2 ? 'OFFLINE' : 'ONLINE', status: poll % 2 ? 'ONLINE' : 'OFFLINE' }));
    history.record('https://backend.flashback.tech', changes, clock.now() + poll * 60_000);
  }
  await history.dispose();
  return (await stat(path)).size;
}

export async function benchHistoryLoad(): Promise<Result[]> {
  const dir = await mkdtemp(join(tmpdir(), 'flashback-bench-history-'));
  try {
    const path = join(dir, 'history.json');
    const bytes = await writeFullHistory(path);
    const runs: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < 9; run++) {
      const before = performance.now();
      JSON.parse(await readFile(path, 'utf8'));
      bare.push(performance.now() - before);
      const history = new StatusHistory(historyFileAt(path), new ManualClock(Date.parse('2026-11-25T12:00:00Z')), new MemoryLogger());
      const started = performance.now();
      const problem = await history.load();
      runs.push(performance.now() - started);
      if (problem) throw new Error(problem);
    }
    return [
      fromRuns(
        {
          id: 'history-load-full',
          metric: 'start-up read of a full status history',
          unit: 'ms',
          target: { max: 100 },
          how: `a history at its byte budget (${(bytes / 1e6).toFixed(2)} MB of ${HISTORY_MAX_BYTES / 1e6} MB: 5,000 buckets, the oldest changes already dropped) read from disk, parsed and checked by StatusHistory.load (its eviction index is made with the first change after start), median of 9; reading and JSON.parse alone took ${median(bare).toFixed(0)} ms`,
        },
        runs,
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
