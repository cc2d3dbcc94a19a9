import type { StatusChangeRecord } from '../../../shared/contract';

/** Where an entry lives: its bucket's list, and the keys to drop that list when it empties. */
interface Slot {
  list: StatusChangeRecord[];
  entry: StatusChangeRecord;
  account: string;
  bucketId: string;
  /** The entry's bytes, counted once when it is queued. */
  bytes?: number;
}

/**
 * Every recorded entry in the order it was recorded (which is time order), so that the
 * oldest can be dropped when the whole history is over its size, at a cost in proportion
 * to what is dropped. Entries already trimmed from their bucket's list (over 100 per
 * bucket) are skipped when they come up, and swept out once they would outnumber the
 * rest, so the queue never grows without bound either.
 */
export class HistoryOrder {
  private slots: Slot[] = [];
  private head = 0;
  private live = 0;
  private liveBytes = 0;

  /** `sizeOf`: an entry's bytes in the saved file, so the whole can be kept under a byte budget. */
  constructor(private readonly sizeOf: (entry: StatusChangeRecord) => number = () => 0) {}

  get size(): number {
    return this.live;
  }

  /** The live entries' bytes, as `sizeOf` counts them. */
  get bytes(): number {
    return this.liveBytes;
  }

  /** Slots held, live or not (for tests: it stays in proportion to `size`). */
  get queued(): number {
    return this.slots.length - this.head;
  }

  add(slot: Slot): void {
    const bytes = (slot.bytes = this.sizeOf(slot.entry));
    this.slots.push(slot);
    this.live++;
    this.liveBytes += bytes;
  }

  /** Entries that left their list by other means (the per-bucket limit, age). */
  trimmed(entries: readonly StatusChangeRecord[]): void {
    this.live -= entries.length;
    for (const entry of entries) this.liveBytes -= this.sizeOf(entry);
    if (this.slots.length - this.head > 2 * this.live + 1024) this.sweep();
  }

  /** Drops the oldest entries while `over()` says so; `onEmpty` hears of bucket lists left with none. */
  evictWhile(over: () => boolean, onEmpty: (account: string, bucketId: string, list: StatusChangeRecord[]) => void): void {
    while (this.head < this.slots.length && over()) {
      const slot = this.slots[this.head++]!;
      if (slot.list[0] !== slot.entry) continue; // trimmed already
      slot.list.shift();
      this.live--;
      this.liveBytes -= slot.bytes!;
      if (slot.list.length === 0) onEmpty(slot.account, slot.bucketId, slot.list);
    }
    if (this.head > 4096 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.slots = [];
    this.head = 0;
    this.live = 0;
    this.liveBytes = 0;
  }

  /** Keeps only entries still in their lists, in order. */
  private sweep(): void {
    const kept: Slot[] = [];
    const present = new Map<StatusChangeRecord[], Set<StatusChangeRecord>>();
    for (let i = this.head; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      let entries = present.get(slot.list);
      if (!entries) present.set(slot.list, (entries = new Set(slot.list)));
      if (entries.has(slot.entry)) kept.push(slot);
    }
    this.slots = kept;
    this.head = 0;
    this.live = kept.length;
    this.liveBytes = kept.reduce((sum, slot) => sum + slot.bytes!, 0);
  }
}
