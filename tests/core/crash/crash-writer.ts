/**
 * The child of crash-safety.test.ts: saves settings and the status history as fast as it
 * can, each save with a growing number, and says "s N" / "h N" once a save has finished.
 * The test kills it with SIGKILL wherever it happens to be.
 */
import { join } from 'node:path';
import { historyFileAt, StatusHistory } from '../../../src/main/core/notify/status-history';
import type { Clock, TimerHandle } from '../../../src/main/core/platform/clock';
import { MemoryLogger } from '../../../src/main/core/platform/logger';
import { JsonFileSettingsStore } from '../../../src/main/core/settings/settings-store';

const dir = process.argv[2]!;
const ACCOUNT = 'https://backend.flashback.tech';
/** Saves are flushed by hand; the history's own timer is not wanted here. */
const clock: Clock = { now: () => Date.now(), setTimeout: () => 0 as unknown as TimerHandle, clearTimeout: () => undefined };

const store = new JsonFileSettingsStore(join(dir, 'settings.json'));
const loaded = await store.load();
const history = new StatusHistory(historyFileAt(join(dir, 'history.json')), clock, new MemoryLogger());
const problem = loaded.problem ?? (await history.load());
if (problem) {
  process.stdout.write(`problem ${problem}\n`);
  process.exit(3);
}
let n = Number(/\/(\d+)\/\{id\}$/.exec(loaded.settings.webAppBucketUrl)?.[1] ?? 0);
if (n === 0) {
  // A history of some size, so that a kill often lands in the middle of writing it.
  history.record(ACCOUNT, Array.from({ length: 1500 }, (_, i) => ({ type: 'added' as const, bucket: { id: `filler-${i}`, status: 'ONLINE' } })), Date.now());
  await history.flush();
}
process.stdout.write('ready\n');
for (;;) {
  n++;
  await store.save({ ...loaded.settings, webAppBucketUrl: `https://platform.example/${n}/{id}` });
  process.stdout.write(`s ${n}\n`);
  history.record(ACCOUNT, [{ type: 'status-changed', bucket: { id: `b${n % 50}`, status: `S${n}` }, previousStatus: 'X', status: `S${n}` }], Date.now());
  await history.flush();
  process.stdout.write(`h ${n}\n`);
}
