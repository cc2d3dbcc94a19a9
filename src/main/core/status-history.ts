import { readFile, rename } from 'node:fs/promises';
import type { StatusChangeRecord } from '../../shared/contract';
import { writeFileAtomically } from './atomic-file';
import type { BucketChange } from './bucket-changes';
import type { Clock, TimerHandle } from './clock';
import type { Logger } from './logger';

export const HISTORY_PER_BUCKET = 100;
export const HISTORY_MAX_AGE_MS = 30 * 24 * 3600_000;
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

function isRecord(value: unknown): value is StatusChangeRecord {
  if (!value || typeof value !== 'object') return false;
  const { at, kind, from, to } = value as Record<string, unknown>;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof kind === 'string' && KINDS.has(kind) && (from === undefined || typeof from === 'string') && (to === undefined || typeof to === 'string');
}

/**
 * Every status change the app sees, per account and bucket: the last 100 per bucket and
 * at most 30 days, kept in one JSON file written atomically (at most every few seconds),
 * read back at start. A file that cannot be read is kept aside and the history starts
 * anew, with a sentence for the user. Recording costs time in proportion to the changes.
 */
export class StatusHistory {
  private records: Records = new Map();
  private timer: TimerHandle | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: HistoryFile,
    private readonly clock: Clock,
    private readonly log: Logger,
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
    const iso = new Date(at).toISOString();
    for (const change of changes) {
      const entry: StatusChangeRecord =
        change.type === 'status-changed'
          ? { at: iso, kind: 'status', ...(change.previousStatus !== undefined ? { from: change.previousStatus } : {}), ...(change.status !== undefined ? { to: change.status } : {}) }
          : { at: iso, kind: change.type, ...(change.bucket.status !== undefined ? { to: change.bucket.status } : {}) };
      let list = buckets.get(change.bucket.id);
      if (!list) buckets.set(change.bucket.id, (list = []));
      list.push(entry);
      if (list.length > HISTORY_PER_BUCKET) list.splice(0, list.length - HISTORY_PER_BUCKET);
    }
    this.dirty = true;
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, HISTORY_SAVE_DELAY_MS);
  }

  entries(account: string, bucketId: string): StatusChangeRecord[] {
    const list = this.records.get(account)?.get(bucketId) ?? [];
    const oldest = this.clock.now() - HISTORY_MAX_AGE_MS;
    return list.filter((entry) => Date.parse(entry.at) >= oldest);
  }

  /** Writes what changed since the last write (quit calls it too). */
  flush(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.file.write(this.serialise());
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

  private serialise(): string {
    const oldest = this.clock.now() - HISTORY_MAX_AGE_MS;
    const accounts: Record<string, Record<string, StatusChangeRecord[]>> = {};
    for (const [account, buckets] of this.records) {
      const kept: Record<string, StatusChangeRecord[]> = {};
      for (const [id, list] of buckets) {
        const recent = list.filter((entry) => Date.parse(entry.at) >= oldest);
        if (recent.length > 0) kept[id] = recent;
        else buckets.delete(id);
      }
      accounts[account] = kept;
    }
    return JSON.stringify({ v: 1, accounts });
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
        const entries = list.filter(isRecord).slice(-HISTORY_PER_BUCKET);
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
