/**
 * The first place of each of a list's piece hashes (non-negative integers below 2^53, see
 * hashed-list.ts), in one typed array with open addressing, each hash beside its place: for a
 * list in another order, where a `Map` of 100,000 numbers cost a boxed key each, about 10 ms
 * to fill and garbage after; and a lookup in a shuffled list is one cache miss, not one for
 * the hash and another for its place. A place found here is only where that hash was: the
 * caller's bytes decide.
 */
export class HashIndex {
  /** `[hash, place]` per slot; an empty slot's hash is -1. */
  private readonly slots: Float64Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Float64Array(size * 2).fill(-1);
    this.mask = size - 1;
  }

  /** Records `place` for `hash` unless the hash has a place already (the first one stays). */
  add(hash: number, place: number): void {
    const { slots, mask } = this;
    let slot = (hash >>> 0) & mask;
    while (slots[slot * 2] !== -1) {
      if (slots[slot * 2] === hash) return;
      slot = (slot + 1) & mask;
    }
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = place;
  }

  /** The first place recorded for `hash`, or -1. */
  get(hash: number): number {
    const { slots, mask } = this;
    let slot = (hash >>> 0) & mask;
    for (;;) {
      const key = slots[slot * 2]!;
      if (key === hash) return slots[slot * 2 + 1]!;
      if (key === -1) return -1;
      slot = (slot + 1) & mask;
    }
  }
}
