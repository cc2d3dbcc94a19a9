import type { StatusChangeRecord } from '../../../shared/contract';

/** Where an entry lives: its bucket's list, and the keys to drop that list when it empties. */
interface Slot {
  list: StatusChangeRecord[];
  entry: StatusChangeRecord;
  account: string;
  bucketId: string;
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

  get size(): number {
    return this.live;
  }

  /** Slots held, live or not (for tests: it stays in proportion to `size`). */
  get queued(): number {
    return this.slots.length - this.head;
  }

  add(slot: Slot): void {
    this.slots.push(slot);
    this.live++;
  }

  /** An entry left its list by other means (the per-bucket limit). */
  trimmed(count: number): void {
    this.live -= count;
    if (this.slots.length - this.head > 2 * this.live + 1024) this.sweep();
  }

  /** Drops the oldest entries until at most `max` are left; `onEmpty` hears of bucket lists left with none. */
  evictTo(max: number, onEmpty: (account: string, bucketId: string, list: StatusChangeRecord[]) => void): void {
    while (this.live > max && this.head < this.slots.length) {
      const slot = this.slots[this.head++]!;
      if (slot.list[0] !== slot.entry) continue; // trimmed already
      slot.list.shift();
      this.live--;
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
  }
}
