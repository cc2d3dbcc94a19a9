import { describe, expect, it } from 'vitest';
import { BUCKETS_PER_SLICE, encodeInSlices, WireSender } from '../../src/main/core/view/wire-sender';
import { DEFAULT_SETTINGS, type AppState, type StatePatch, type StateSnapshot } from '../../src/shared/contract';
import { eventToWire } from '../../src/shared/wire';

const many = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `b${i}`, name: `"quoted" \u202E ${i}`, status: i % 2 ? 'ONLINE' : 'OFFLINE' }));

/** Slicing whose clock moves 1 ms at each look (every checkpoint looks slow), counting its turns. */
function slowSlicing() {
  let t = 0;
  const counter = { turns: 0 };
  return { counter, slicing: { now: () => (t += 1), sliceMs: 8, yieldTurn: async () => void counter.turns++ } };
}

/** The same encoding without looking at time. */
const unsliced = (event: 'patch', payload: StatePatch) => encodeInSlices(event, payload, async () => undefined);

describe('a large list is encoded for the wire by time, not a fixed 5,000 buckets a turn', () => {
  const state = { settings: DEFAULT_SETTINGS, buckets: [] } as unknown as AppState;

  it('a patch of 5,001 upserts (two lines’ worth) takes several turns, and its text is exactly the unsliced one', async () => {
    const { counter, slicing } = slowSlicing();
    const patch: StatePatch = { base: 1, version: 2, buckets: { upsert: many(5001), remove: ['x"y'] } };
    const text = await encodeInSlices('patch', patch, slicing);
    expect(text).toBe(await unsliced('patch', patch));
    expect(JSON.parse(text)).toEqual(JSON.parse(eventToWire('patch', patch)));
    // 5,001 buckets, 250 a look, a turn every 8 looks: 2 or more (a fixed 5,000 a turn gave 1).
    expect(counter.turns).toBeGreaterThanOrEqual(2);
  });

  it('a snapshot’s lines stay BUCKETS_PER_SLICE buckets each, however the work is cut', async () => {
    const { counter, slicing } = slowSlicing();
    const snapshot: StateSnapshot = { version: 9, state: { ...state, buckets: many(20_001) } };
    const text = await encodeInSlices('snapshot', snapshot, slicing);
    expect(text).toBe(eventToWire('snapshot', snapshot));
    expect(text.split('\n')).toHaveLength(1 + Math.ceil(20_001 / BUCKETS_PER_SLICE));
    expect(counter.turns).toBeGreaterThanOrEqual(8);
  });

  it('the sender cuts by time too', async () => {
    const { counter, slicing } = slowSlicing();
    const posted: string[] = [];
    const sender = new WireSender((_event, payload) => void posted.push(payload as string), slicing);
    const patch: StatePatch = { base: 1, version: 2, buckets: { upsert: many(10_000), remove: [] } };
    sender.send('patch', patch);
    await sender.idle();
    expect(posted).toEqual([await unsliced('patch', patch)]);
    expect(counter.turns).toBeGreaterThanOrEqual(4);
  });
});
