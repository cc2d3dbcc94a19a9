import { readFile, rename } from 'node:fs/promises';
import type { StatusChangeRecord } from '../../../shared/contract';
import { writeFileAtomically } from '../platform/atomic-file';
import type { BucketChange } from './bucket-changes';
import { yieldToEventLoop, type Clock, type TimerHandle } from '../platform/clock';
import { HistoryOrder } from './history-order';
import type { Logger } from '../platform/logger';

export const HISTORY_PER_BUCKET = 100;
export const HISTORY_MAX_AGE_MS = 30 * 24 * 3600_000;
/** All buckets together: the oldest changes go first beyond this (about 15 MB of file). */
export const HISTORY_MAX_ENTRIES = 200_000;
/** Buckets written per turn of the event loop. */
const BUCKETS_PER_TURN = 5000;
/** Changes are written at most this often (a burst of changes is one write). */
export const HISTORY_SAVE_DELAY_MS = 5000;

/** Where the history lives between runs. */
export interface HistoryFile {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
  /** Moves an unreadable file aside; returns where it went, or undefined when it could not. */
  keepAside(): Promise<string | undefined>;
}

/** Account origin → bucket id → its changes, oldest first. */
type Records = Map<string, Map<string, StatusChangeRecord[]>>;

const KINDS = new Set(['status', 'added', 'removed']);

/** ISO strings as `toISOString` writes them sort as their times do. */
const isoAt = (epochMs: number) => new Date(epochMs).toISOString();

function isRecord(value: unknown): value is StatusChangeRecord {
  if (!value || typeof value !== 'object') return false;
  const { at, kind, from, to } = value as Record<string, unknown>;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof kind === 'string' && KINDS.has(kind) && (from === undefined || typeof from === 'string') && (to === undefined || typeof to === 'string');
}

/**
 * Every status change the app sees, per account and bucket: the last 100 per bucket, at
 * most 30 days and 200,000 changes in all, kept in one JSON file written atomically (at most
 * every few seconds, a few thousand buckets per turn of the event loop), read back at
 * start. A file that cannot be read is kept aside and the history starts anew, with a
 * sentence for the user. Recording costs time in proportion to the changes.
 */
export class StatusHistory {
  private records: Records = new Map();
  private timer: TimerHandle | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly order = new HistoryOrder();

  constructor(
    private readonly file: HistoryFile,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly yieldTurn: () => Promise<void> = yieldToEventLoop,
  ) {}

  /** Reads the saved history; returns a sentence for the user when it could not be used. */
  async load(): Promise<string | undefined> {
    let text: string | null;
    try {
      text = await this.file.read();
    } catch (error) {
      this.log.warn('the status history could not be read', error);
      return 'The status history could not be read, so it starts anew for now.';
    }
    if (text === null) return undefined;
    try {
      this.records = this.parse(JSON.parse(text));
      this.rebuildOrder();
      return undefined;
    } catch {
      const aside = await this.file.keepAside();
      return aside ? `The status history file was damaged, so it starts anew. The old file was kept as ${aside}.` : 'The status history file was damaged, so it starts anew.';
    }
  }

  record(account: string, changes: readonly BucketChange[], at: number): void {
    if (changes.length === 0) return;
    let buckets = this.records.get(account);
    if (!buckets) this.records.set(account, (buckets = new Map()));
    const iso = isoAt(at);
    for (const change of changes) {
      const entry: StatusChangeRecord =
        change.type === 'status-changed'
          ? { at: iso, kind: 'status', ...(change.previousStatus !== undefined ? { from: change.previousStatus } : {}), ...(change.status !== undefined ? { to: change.status } : {}) }
          : { at: iso, kind: change.type, ...(change.bucket.status !== undefined ? { to: change.bucket.status } : {}) };
      let list = buckets.get(change.bucket.id);
      if (!list) buckets.set(change.bucket.id, (list = []));
      list.push(entry);
      this.order.add({ list, entry, account, bucketId: change.bucket.id });
      if (list.length > HISTORY_PER_BUCKET) this.order.trimmed(list.splice(0, list.length - HISTORY_PER_BUCKET).length);
    }
    this.order.evictTo(HISTORY_MAX_ENTRIES, (owner, bucketId, list) => this.forget(owner, bucketId, list));
    this.dirty = true;
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, HISTORY_SAVE_DELAY_MS);
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
    const list = this.records.get(account)?.get(bucketId) ?? [];
    const oldest = isoAt(this.clock.now() - HISTORY_MAX_AGE_MS);
    return list.filter((entry) => entry.at >= oldest);
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
    const oldest = isoAt(this.clock.now() - HISTORY_MAX_AGE_MS);
    const accounts: string[] = [];
    let done = 0;
    for (const [account, buckets] of this.records) {
      const kept: string[] = [];
      for (const [id, list] of buckets) {
        if (++done % BUCKETS_PER_TURN === 0) await this.yieldTurn();
        let old = 0;
        while (old < list.length && list[old]!.at < oldest) old++;
        if (old > 0) this.order.trimmed(list.splice(0, old).length);
        if (list.length === 0) buckets.delete(id);
        else kept.push(`${JSON.stringify(id)}:${JSON.stringify(list)}`);
      }
      accounts.push(`${JSON.stringify(account)}:{${kept.join(',')}}`);
    }
    return `{"v":1,"accounts":{${accounts.join(',')}}}`;
  }

  /** Accounts moved or went: the order is rebuilt from what is left, and the file written soon. */
  private changedAccounts(): void {
    this.rebuildOrder();
    this.dirty = true;
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, HISTORY_SAVE_DELAY_MS);
  }

  /** A bucket whose list emptied: gone from the record (only if that list is still its own). */
  private forget(account: string, bucketId: string, list: StatusChangeRecord[]): void {
    const buckets = this.records.get(account);
    if (buckets?.get(bucketId) === list) buckets.delete(bucketId);
  }

  /** After a load: every entry in time order, then the oldest beyond the limit dropped. */
  private rebuildOrder(): void {
    this.order.clear();
    const slots: Array<Parameters<HistoryOrder['add']>[0]> = [];
    for (const [account, buckets] of this.records) {
      for (const [bucketId, list] of buckets) for (const entry of list) slots.push({ list, entry, account, bucketId });
    }
    slots.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : 0));
    for (const slot of slots) this.order.add(slot);
    this.order.evictTo(HISTORY_MAX_ENTRIES, (owner, bucketId, list) => this.forget(owner, bucketId, list));
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
        const entries = list
          .filter(isRecord)
          .map(({ at, kind, from, to }) => ({ at: isoAt(Date.parse(at)), kind, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }))
          .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
          .slice(-HISTORY_PER_BUCKET);
        if (entries.length > 0) map.set(id, entries);
      }
      records.set(account, map);
    }
    return records;
  }
}

/** The history as a JSON file in the app's data folder. */
export function historyFileAt(path: string, now: () => number = Date.now): HistoryFile {
  return {
    read: () =>
      readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      }),
    write: (text) => writeFileAtomically(path, text),
    keepAside: async () => {
      const aside = `${path}.corrupt-${now()}`;
      return rename(path, aside).then(
        () => aside,
        () => undefined,
      );
    },
  };
}

/** In memory: tests and the demo. */
export function memoryHistoryFile(initial: string | null = null): HistoryFile & { text: string | null } {
  const file = {
    text: initial,
    read: async () => file.text,
    write: async (text: string) => void (file.text = text),
    keepAside: async () => undefined,
  };
  return file;
}
