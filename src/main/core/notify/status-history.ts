import type { StatusChangeRecord } from '../../../shared/contract';
import { HistoryTooLarge, type HistoryFile } from './history-file';
import type { BucketChange } from './bucket-changes';
import type { Clock, TimerHandle } from '../platform/clock';
import { HistoryOrder } from './history-order';
import { CHECKPOINT_EVERY, turnsFor, type SliceOptions, type SlicedWork } from '../platform/slices';
import { entryOf, keptFrom } from './history-batch';
import { entryBytes, FILE_OVERHEAD, HISTORY_MAX_BYTES, historyKey, keyBytes, savedEntry } from './history-bounds';
import type { Logger } from '../platform/logger';

export { historyFileAt, memoryHistoryFile, type HistoryFile } from './history-file';

export const HISTORY_PER_BUCKET = 100;
export const HISTORY_MAX_AGE_MS = 30 * 24 * 3600_000;
/** Writing is cut into turns by time (`slicing`, platform/slices.ts); a bare function there is a turn every this many buckets. */
const BUCKETS_PER_TURN = 5000;
/** Changes are written at most this often (a burst of changes is one write). */
export const HISTORY_SAVE_DELAY_MS = 5000;

/** Account origin → bucket key (see `historyKey`) → its changes, oldest first. */
type Records = Map<string, Map<string, StatusChangeRecord[]>>;

/** ISO strings as `toISOString` writes them sort as their times do. */
const isoAt = (epochMs: number) => new Date(epochMs).toISOString();

const byTime = (a: StatusChangeRecord, b: StatusChangeRecord) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/**
 * Every status change the app sees, per account and bucket: the last 100 per bucket, at most 30 days
 * and 2 MB of file in all, the oldest changes going first (the server’s strings clipped, see
 * history-bounds.ts), kept in one JSON file written atomically (at most every few seconds, a slice of
 * time per turn of the event loop), read back at start. A file that cannot be read is kept aside and
 * the history starts anew, with a sentence for the user. Recording costs time in proportion to the changes.
 */
export class StatusHistory {
  private records: Records = new Map();
  private timer: TimerHandle | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly order = new HistoryOrder(entryBytes);
  /** Whether `order` and the byte counts cover what was loaded: made with the first change after start (a poll after the baseline), not during start-up's read. */
  private indexed = true;
  /** The file's bytes for account and bucket keys (the entries' are the order's). */
  private keyBytes = 0;
  private readonly overBudget = () => FILE_OVERHEAD + this.keyBytes + this.order.bytes > HISTORY_MAX_BYTES;

  constructor(
    private readonly file: HistoryFile,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly slicing: SliceOptions | (() => Promise<void>) = {},
  ) {}

  /** Reads the saved history; returns a sentence for the user when it could not be used. */
  async load(): Promise<string | undefined> {
    let text: string | null;
    try {
      text = await this.file.read();
    } catch (error) {
      if (error instanceof HistoryTooLarge) {
        const aside = await this.file.keepAside();
        return aside ? `The status history file was too large to read, so it starts anew. The old file was kept as ${aside}.` : 'The status history file was too large to read, so it starts anew.';
      }
      this.log.warn('the status history could not be read', error);
      return 'The status history could not be read, so it starts anew for now.';
    }
    if (text === null) return undefined;
    try {
      this.records = this.parse(JSON.parse(text));
      this.indexed = false;
      // A file over the budget (written before it existed) is brought within it now.
      if (Buffer.byteLength(text) > HISTORY_MAX_BYTES) this.index();
      return undefined;
    } catch {
      const aside = await this.file.keepAside();
      return aside ? `The status history file was damaged, so it starts anew. The old file was kept as ${aside}.` : 'The status history file was damaged, so it starts anew.';
    }
  }

  record(account: string, changes: readonly BucketChange[], at: number): void {
    if (changes.length === 0) return;
    this.index();
    let buckets = this.records.get(account);
    if (!buckets) {
      this.records.set(account, (buckets = new Map()));
      this.keyBytes += keyBytes(account);
    }
    const iso = isoAt(at);
    for (const change of changes) {
      const entry = entryOf(change, iso);
      const key = historyKey(change.bucket.id);
      let list = buckets.get(key);
      if (!list) {
        buckets.set(key, (list = []));
        this.keyBytes += keyBytes(key);
      }
      list.push(entry);
      this.order.add({ list, entry, account, bucketId: key, bytes: 0 });
      if (list.length > HISTORY_PER_BUCKET) this.order.trimmed(list.splice(0, list.length - HISTORY_PER_BUCKET));
    }
    this.order.evictWhile(this.overBudget, (owner, key, list) => this.forget(owner, key, list));
    this.saveSoon();
  }

  /**
   * `record` for one poll's long list of changes, a checkpoint every few hundred: the history
   * it ends with is the one recording them all in order makes, but the changes its budget
   * would drop again before the end are not recorded at all (history-batch.ts): with them,
   * every entry recorded before, which they would have pushed out.
   */
  *recordInSlices(account: string, changes: readonly BucketChange[], at: number): SlicedWork<void> {
    if (changes.length === 0) return;
    this.index();
    let fixed = FILE_OVERHEAD + (this.records.has(account) ? 0 : keyBytes(account));
    for (const owner of this.records.keys()) fixed += keyBytes(owner);
    const first = yield* keptFrom(changes, isoAt(at), fixed);
    if (first > 0) this.order.evictWhile(() => true, (owner, key, list) => this.forget(owner, key, list));
    for (let start = first; start < changes.length; start += CHECKPOINT_EVERY) {
      if (start > first) yield;
      this.record(account, changes.slice(start, start + CHECKPOINT_EVERY), at);
    }
  }

  /** An account's history now lives under another key (the first account of an older release, moved). */
  moveAccount(from: string, to: string): void {
    const buckets = this.records.get(from);
    if (!buckets || this.records.has(to)) return;
    this.records.delete(from);
    this.records.set(to, buckets);
    this.changedAccounts();
  }

  /** A removed account's history goes with it. */
  forgetAccount(account: string): void {
    if (this.records.delete(account)) this.changedAccounts();
  }

  entries(account: string, bucketId: string): StatusChangeRecord[] {
    const list = this.records.get(account)?.get(historyKey(bucketId)) ?? [];
    const oldest = isoAt(this.clock.now() - HISTORY_MAX_AGE_MS);
    return list.filter((entry) => entry.at >= oldest);
  }

  /** Every account's lists of changes by bucket key, read only (recent-changes.ts reads across them). */
  lists = (): ReadonlyMap<string, ReadonlyMap<string, readonly StatusChangeRecord[]>> => this.records;
  /** A bucket's newest change (within 30 days), or undefined: what a new baseline's "since" starts from. */
  last(account: string, bucketId: string): StatusChangeRecord | undefined {
    const entry = this.records.get(account)?.get(historyKey(bucketId))?.at(-1);
    return entry && entry.at >= isoAt(this.clock.now() - HISTORY_MAX_AGE_MS) ? entry : undefined;
  }

  /** Writes what changed since the last write (quit calls it too). */
  flush(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.file.write(await this.serialise());
      } catch (error) {
        this.dirty = true;
        this.log.warn('the status history could not be saved; trying again with the next change', error);
      }
    });
    return this.saving;
  }

  dispose(): Promise<void> {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    return this.flush();
  }

  /** The file's text, a few thousand buckets per turn; changes older than 30 days are dropped on the way. */
  private async serialise(): Promise<string> {
    this.index();
    const oldest = isoAt(this.clock.now() - HISTORY_MAX_AGE_MS);
    const accounts: string[] = [];
    const turnDue = turnsFor(this.slicing, BUCKETS_PER_TURN);
    for (const [account, buckets] of this.records) {
      const kept: string[] = [];
      for (const [id, list] of buckets) {
        await turnDue()?.();
        let old = 0;
        while (old < list.length && list[old]!.at < oldest) old++;
        if (old > 0) this.order.trimmed(list.splice(0, old));
        if (list.length === 0) {
          buckets.delete(id);
          this.keyBytes -= keyBytes(id);
        } else kept.push(`${JSON.stringify(id)}:${JSON.stringify(list)}`);
      }
      accounts.push(`${JSON.stringify(account)}:{${kept.join(',')}}`);
    }
    return `{"v":1,"accounts":{${accounts.join(',')}}}`;
  }

  /** Accounts moved or went: the order is rebuilt from what is left, and the file written soon. */
  private changedAccounts(): void {
    this.indexed = false;
    this.index();
    this.saveSoon();
  }

  /** Marks the history changed and writes it a few seconds later (once for a burst). */
  private saveSoon(): void {
    this.dirty = true;
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, HISTORY_SAVE_DELAY_MS);
  }

  /** A bucket whose list emptied: gone from the record (only if that list is still its own). */
  private forget(account: string, key: string, list: StatusChangeRecord[]): void {
    const buckets = this.records.get(account);
    if (buckets?.get(key) !== list) return;
    buckets.delete(key);
    this.keyBytes -= keyBytes(key);
  }

  /** After a load, with the first change: every entry in time order, then the oldest beyond the budget dropped. */
  private index(): void {
    if (this.indexed) return;
    this.indexed = true;
    this.order.clear();
    this.keyBytes = 0;
    // Grouped by time, then the times sorted: the changes of one poll share theirs, so this
    // sorts a few hundred times where sorting every entry took most of start-up's read.
    const byAt = new Map<string, Array<Parameters<HistoryOrder['add']>[0]>>();
    for (const [account, buckets] of this.records) {
      this.keyBytes += keyBytes(account);
      for (const [bucketId, list] of buckets) {
        this.keyBytes += keyBytes(bucketId);
        for (const entry of list) {
          const slots = byAt.get(entry.at);
          if (slots) slots.push({ list, entry, account, bucketId });
          else byAt.set(entry.at, [{ list, entry, account, bucketId }]);
        }
      }
    }
    for (const at of [...byAt.keys()].sort()) for (const slot of byAt.get(at)!) this.order.add(slot);
    this.order.evictWhile(this.overBudget, (owner, key, list) => this.forget(owner, key, list));
  }

  private parse(json: unknown): Records {
    const accounts = json && typeof json === 'object' && (json as { v?: unknown }).v === 1 ? (json as { accounts?: unknown }).accounts : undefined;
    if (!accounts || typeof accounts !== 'object') throw new Error('not a status history');
    const records: Records = new Map();
    for (const [account, buckets] of Object.entries(accounts as Record<string, unknown>)) {
      if (!buckets || typeof buckets !== 'object') continue;
      const map = new Map<string, StatusChangeRecord[]>();
      for (const [id, list] of Object.entries(buckets as Record<string, unknown>)) {
        if (!Array.isArray(list)) continue;
        let entries: StatusChangeRecord[] = [];
        let sorted = true;
        for (const item of list) {
          const entry = savedEntry(item);
          if (!entry) continue;
          if (sorted && entries.length > 0 && entries[entries.length - 1]!.at > entry.at) sorted = false;
          entries.push(entry);
        }
        if (!sorted) entries.sort(byTime);
        if (entries.length > HISTORY_PER_BUCKET) entries = entries.slice(-HISTORY_PER_BUCKET);
        if (entries.length > 0) map.set(historyKey(id), entries);
      }
      records.set(account, map);
    }
    return records;
  }
}
