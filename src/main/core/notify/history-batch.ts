import type { StatusChangeRecord } from '../../../shared/contract';
import type { BucketChange } from './bucket-changes';
import { entryBytes, HISTORY_MAX_BYTES, historyKey, historyText, keyBytes } from './history-bounds';
import { CHECKPOINT_EVERY, type SlicedWork } from '../platform/slices';

/** The history's entry for a change at `iso`: fields set one by one, in the order the file has them (at, kind, from, to). */
export function entryOf(change: BucketChange, iso: string): StatusChangeRecord {
  const entry: StatusChangeRecord = { at: iso, kind: change.type === 'status-changed' ? 'status' : change.type };
  if (change.type === 'status-changed') {
    if (change.previousStatus !== undefined) entry.from = historyText(change.previousStatus);
    if (change.status !== undefined) entry.to = historyText(change.status);
  } else if (change.bucket.status !== undefined) entry.to = historyText(change.bucket.status);
  return entry;
}

/**
 * Where the changes of one long list start to outlast its recording: recorded in order, the
 * oldest entries going first whenever the file is over its budget, every change before that
 * place (and every entry recorded earlier) is dropped again before the last is in, so they
 * need not be recorded at all. 100,000 changes in one poll are about 2,000,000 bytes of file
 * for every 20,000. `fixedBytes`: the file's bytes that no entry carries (its frame, the
 * account keys, with the one these changes go to). 0: nothing of it would be dropped, or a
 * bucket comes twice among those kept (then the changes are recorded one by one).
 */
export function* keptFrom(changes: readonly BucketChange[], iso: string, fixedBytes: number): SlicedWork<number> {
  let bytes = fixedBytes;
  const keys = new Set<string>();
  for (let k = changes.length - 1; k >= 0; k--) {
    if ((changes.length - k) % CHECKPOINT_EVERY === 0) yield;
    const change = changes[k]!;
    const key = historyKey(change.bucket.id);
    const known = keys.has(key);
    bytes += entryBytes(entryOf(change, iso)) + (known ? 0 : keyBytes(key));
    // This change would not fit with those after it: they are what the file keeps (at least one).
    if (bytes > HISTORY_MAX_BYTES) return k + 1 < changes.length ? k + 1 : 0;
    if (known) return 0;
    keys.add(key);
  }
  return 0;
}
