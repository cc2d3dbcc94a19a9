/**
 * The first place of each of a list's piece hashes (non-negative integers below 2^53, see
 * hashed-list.ts), in two typed arrays with open addressing: for a list in another order,
 * where a `Map` of 100,000 numbers cost a boxed key each, about 10 ms to fill and garbage
 * after. A place found here is only where that hash was: the caller's bytes decide.
 */
export class HashIndex {
  private readonly keys: Float64Array;
  private readonly places: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.places = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Records `place` for `hash` unless the hash has a place already (the first one stays). */
  add(hash: number, place: number): void {
    const { keys, mask } = this;
    let slot = (hash >>> 0) & mask;
    while (keys[slot] !== -1) {
      if (keys[slot] === hash) return;
      slot = (slot + 1) & mask;
    }
    keys[slot] = hash;
    this.places[slot] = place;
  }

  /** The first place recorded for `hash`, or -1. */
  get(hash: number): number {
    const { keys, mask } = this;
    let slot = (hash >>> 0) & mask;
    for (;;) {
      const key = keys[slot]!;
      if (key === hash) return this.places[slot]!;
      if (key === -1) return -1;
      slot = (slot + 1) & mask;
    }
  }
}
