/** One entry: its key, its value (changed in place), and the number of its last touch (-1 once deleted). */
interface Touched<V> {
  readonly key: string;
  value: V;
  seq: number;
}

/**
 * A map whose entries are kept in the order they were last touched, as a `Map` is when an
 * entry is deleted and set again to move it to the end, without that churn: a touch is a
 * number and a slot at the end of a queue, and the slot an entry left behind is skipped when
 * it comes up (swept out once such slots would outnumber the live ones). 100,000 buckets that
 * all changed are 100,000 touches per poll: one lookup each, where a delete and a set (and
 * the garbage of a table full of holes) cost several times more.
 */
export class TouchOrder<V> {
  private readonly entries = new Map<string, Touched<V>>();
  private slots: Touched<V>[] = [];
  /** The entry's `seq` when its slot was queued: a slot whose entry moved on since is dead. */
  private seqs: number[] = [];
  private head = 0;
  private seq = 0;
  /**
   * The entries touched since `beginPass`, in order, and those of the pass before: a list of
   * keys that comes in the same order as last time (the server's order of buckets) finds each
   * entry by its place there, checked by key, without hashing the key into a map of 100,000
   * (most of the time a lookup takes there is waiting on memory).
   */
  private pass: Touched<V>[] = [];
  private lastPass: Touched<V>[] = [];

  get size(): number {
    return this.entries.size;
  }

  find(key: string): Touched<V> | undefined {
    return this.entries.get(key);
  }

  /** Starts a pass: the keys touched from now on are looked up first where the last pass had them. */
  beginPass(): void {
    this.lastPass = this.pass;
    this.pass = [];
  }

  /** Ends a pass: the one before it is no longer needed. */
  endPass(): void {
    this.lastPass = [];
  }

  /** `find`, looking first at the entry the last pass touched at this place of the pass. */
  findInPass(key: string): Touched<V> | undefined {
    const hint = this.lastPass[this.pass.length];
    return hint !== undefined && hint.seq !== -1 && hint.key === key ? hint : this.entries.get(key);
  }

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** A new entry, the most recently touched. */
  add(key: string, value: V): Touched<V> {
    const entry: Touched<V> = { key, value, seq: 0 };
    this.delete(key);
    this.entries.set(key, entry);
    this.touch(entry);
    return entry;
  }

  /** Makes an entry of this map the most recently touched. */
  touch(entry: Touched<V>): void {
    entry.seq = ++this.seq;
    this.pass.push(entry);
    this.slots.push(entry);
    this.seqs.push(entry.seq);
    if (this.slots.length - this.head > 2 * this.entries.size + 1024) this.sweep();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.seq = -1;
    this.entries.delete(key);
  }

  clear(): void {
    for (const entry of this.entries.values()) entry.seq = -1;
    this.entries.clear();
    this.slots = [];
    this.seqs = [];
    this.head = 0;
    this.pass = [];
    this.lastPass = [];
  }

  /** Drops entries from the least recently touched on while `drop` says so (what iterating a `Map` from its front and deleting until one stays does). */
  dropWhile(drop: (key: string, value: V) => boolean): void {
    const { slots, seqs } = this;
    while (this.head < slots.length) {
      const entry = slots[this.head]!;
      if (entry.seq === seqs[this.head]) {
        if (!drop(entry.key, entry.value)) break;
        entry.seq = -1;
        this.entries.delete(entry.key);
      }
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > slots.length) {
      this.slots = slots.slice(this.head);
      this.seqs = seqs.slice(this.head);
      this.head = 0;
    }
  }

  /** Keeps only the slots of live entries, in order. */
  private sweep(): void {
    const slots: Touched<V>[] = [];
    const seqs: number[] = [];
    for (let i = this.head; i < this.slots.length; i++) {
      const entry = this.slots[i]!;
      if (entry.seq !== this.seqs[i]) continue;
      slots.push(entry);
      seqs.push(entry.seq);
    }
    this.slots = slots;
    this.seqs = seqs;
    this.head = 0;
  }
}
