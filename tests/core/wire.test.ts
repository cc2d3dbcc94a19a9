import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_SCREEN_FROM, FIRST_SCREEN_ROWS, orderEntry, byOrder } from '../../src/shared/bucket-order';
import { countBuckets } from '../../src/shared/format';
import { DEFAULT_SETTINGS, type AppState, type BucketView, type EventName, type StatePatch, type StateSnapshot } from '../../src/shared/contract';
import { BUCKETS_PER_SLICE, encodeInSlices, WireSender } from '../../src/main/core/view/wire-sender';
import { bridgeFromWire, eventToWire, resultToWire, type WireBridge } from '../../src/shared/wire';

const state: AppState = {
  auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
  buckets: [{ id: 'b1', name: 'Alpha \u202Eevil', status: 'ONLINE' }],
  workspaces: [],
  sync: { phase: 'idle', stale: false, inFlight: false },
  settings: DEFAULT_SETTINGS,
  notices: [],
  update: { kind: 'idle' },
  accounts: [],
  currentAccount: 'primary',
  draft: null,
};

/** A wire as main → preload → page would carry it: what main encodes reaches the page unchanged. */
function wire(): { bridge: WireBridge; emit(event: EventName, payload: unknown): void; answers: Map<string, unknown> } {
  const listeners = new Map<string, Array<(payload: never) => void>>();
  const answers = new Map<string, unknown>();
  return {
    answers,
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload as never)),
    bridge: {
      invoke: async (command: string, ..._args: unknown[]) => answers.get(command) as never,
      on: (event, listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
        return () => undefined;
      },
    },
  };
}

describe('state on the Electron wire (JSON text: one copy over IPC and the context bridge, a fast parse in the page)', () => {
  it('encodes snapshots, patches and getState’s answer as text, and nothing else', () => {
    const snapshot: StateSnapshot = { version: 3, state };
    const patch: StatePatch = { base: 3, version: 4, buckets: { upsert: [], remove: ['b1'] } };
    expect(typeof eventToWire('snapshot', snapshot)).toBe('string');
    expect(typeof eventToWire('patch', patch)).toBe('string');
    expect(eventToWire('focusBucket', 'b1')).toBe('b1');
    expect(eventToWire('showView', 'settings')).toBe('settings');
    expect(resultToWire('getState', { ok: true, value: snapshot })).toEqual({ ok: true, value: JSON.stringify(snapshot) });
    const failure = { ok: false as const, error: { code: 'X', message: 'no' } };
    expect(resultToWire('getState', failure)).toBe(failure);
    expect(resultToWire('getHistory', { ok: true, value: [] })).toEqual({ ok: true, value: [] });
  });

  it('the page gets the same values back, bidi controls and all', async () => {
    const { bridge, emit, answers } = wire();
    const page = bridgeFromWire(bridge);
    const snapshot: StateSnapshot = { version: 3, state };
    const got: unknown[] = [];
    page.on('snapshot', (value) => got.push(value));
    page.on('patch', (value) => got.push(value));
    page.on('focusBucket', (value) => got.push(value));
    emit('snapshot', eventToWire('snapshot', snapshot));
    emit('patch', eventToWire('patch', { base: 3, version: 4 }));
    emit('focusBucket', eventToWire('focusBucket', 'b1'));
    expect(got).toEqual([snapshot, { base: 3, version: 4 }, 'b1']);
    answers.set('getState', resultToWire('getState', { ok: true, value: snapshot }));
    expect(await page.invoke('getState')).toEqual({ ok: true, value: snapshot });
    answers.set('refresh', { ok: false, error: { code: 'auth', message: 'Sign in.' } });
    expect(await page.invoke('refresh')).toEqual({ ok: false, error: { code: 'auth', message: 'Sign in.' } });
  });
});

describe('WireSender: large lists encoded a slice per turn, in order', () => {
  const many = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `b${i}`, name: `"quoted" \u202E ${i}`, status: i % 2 ? 'ONLINE' : 'OFFLINE' }));

  it('builds exactly the text JSON.stringify would mean, yielding between slices', async () => {
    let turns = 0;
    const yieldTurn = async () => void turns++;
    const snapshot: StateSnapshot = { version: 9, state: { ...state, buckets: many(12_001) } };
    const text = await encodeInSlices('snapshot', snapshot, yieldTurn);
    const whole = eventToWire('snapshot', snapshot);
    const cut = text.indexOf('\n');
    expect(cut).toBeGreaterThan(0);
    expect(text.slice(0, cut) === whole.slice(0, whole.indexOf('\n'))).toBe(true);
    expect(JSON.parse(text.slice(cut + 1))).toEqual(snapshot);
    expect(turns).toBe(Math.ceil(12_001 / BUCKETS_PER_SLICE) - 1);
    const patch: StatePatch = { base: 9, version: 10, sync: state.sync, buckets: { upsert: many(BUCKETS_PER_SLICE + 1), remove: ['x"y'] } };
    expect(JSON.parse(await encodeInSlices('patch', patch, yieldTurn))).toEqual(patch);
    const bare: StatePatch = { base: 1, version: 2, buckets: { upsert: many(BUCKETS_PER_SLICE + 1), remove: [] } };
    expect(JSON.parse(await encodeInSlices('patch', bare, yieldTurn))).toEqual(bare);
  });

  it('sends small events at once, and keeps the order behind a large one; a failed post does not stop the rest', async () => {
    const posted: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sender = new WireSender((event, payload) => {
      if (event === 'focusBucket' && payload === 'boom') throw new Error('window gone');
      posted.push(event);
    }, () => gate);
    sender.send('focusBucket', 'b1');
    expect(posted).toEqual(['focusBucket']);
    sender.send('patch', { base: 1, version: 2, buckets: { upsert: many(BUCKETS_PER_SLICE * 2), remove: [] } });
    sender.send('focusBucket', 'boom');
    sender.send('shown', true);
    expect(posted).toEqual(['focusBucket']);
    release();
    await sender.idle();
    expect(posted).toEqual(['focusBucket', 'patch', 'shown']);
    sender.send('shown', true);
    expect(posted).toHaveLength(4);
  });
});

describe('a large snapshot starts with its head: the first screen and the whole list\'s counts', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  /** Names out of order, every seventh offline. */
  const listOf = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `b${i}`, name: `Bucket ${(i * 7919) % count}`, status: i % 7 ? 'ONLINE' : 'OFFLINE' }));
  const ordered = (list: readonly BucketView[]) => list.map(orderEntry).sort(byOrder).map((entry) => entry.bucket);

  it('main puts the head line in front; the rest of the text is the whole snapshot; small lists have no head', () => {
    const snapshot: StateSnapshot = { version: 9, state: { ...state, buckets: listOf(FIRST_SCREEN_FROM + 1) } };
    const text = eventToWire('snapshot', snapshot);
    const cut = text.indexOf('\n');
    const head = JSON.parse(text.slice(0, cut)) as StateSnapshot;
    expect(head.version).toBe(9);
    expect(head.partial).toEqual(countBuckets(snapshot.state.buckets));
    expect(head.state.buckets).toEqual(ordered(snapshot.state.buckets).slice(0, FIRST_SCREEN_ROWS));
    expect({ ...head.state, buckets: [] }).toEqual({ ...snapshot.state, buckets: [] });
    expect(JSON.parse(text.slice(cut + 1))).toEqual(snapshot);
    expect(eventToWire('snapshot', { version: 9, state: { ...state, buckets: listOf(FIRST_SCREEN_FROM - 1) } })).not.toContain('\n');
  });

  it('the page gets the head at once and the whole snapshot right after the next frame', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    const { bridge, emit } = wire();
    const got: StateSnapshot[] = [];
    bridgeFromWire(bridge).on('snapshot', (value) => got.push(value));
    const snapshot: StateSnapshot = { version: 4, state: { ...state, buckets: listOf(3000) } };
    emit('snapshot', eventToWire('snapshot', snapshot));
    expect(got).toHaveLength(1);
    expect(got[0]!.partial).toEqual(countBuckets(snapshot.state.buckets));
    expect(got[0]!.state.buckets).toHaveLength(FIRST_SCREEN_ROWS);
    vi.advanceTimersByTime(100);
    expect(got).toHaveLength(1);
    frames.shift()!();
    vi.advanceTimersByTime(0);
    expect(got).toEqual([got[0], snapshot]);
    vi.advanceTimersByTime(1000);
    expect(got).toHaveLength(2);
  });

  it('getState answers a large list with its head; the whole follows as a snapshot event (or at once when nobody listens)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 16));
    const { bridge, answers } = wire();
    const snapshot: StateSnapshot = { version: 8, state: { ...state, buckets: listOf(2500) } };
    answers.set('getState', resultToWire('getState', { ok: true, value: snapshot }));
    const alone = bridgeFromWire(bridge);
    expect(await alone.invoke('getState')).toEqual({ ok: true, value: snapshot });
    const page = bridgeFromWire(bridge);
    const events: StateSnapshot[] = [];
    page.on('snapshot', (value) => events.push(value));
    const answer = await page.invoke('getState');
    expect(answer.ok && answer.value.partial).toEqual(countBuckets(snapshot.state.buckets));
    expect(answer.ok && answer.value.state.buckets).toHaveLength(FIRST_SCREEN_ROWS);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(events).toEqual([snapshot]);
  });

  it('where no frame comes (a window not drawn), the whole snapshot still follows', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const { bridge, emit } = wire();
    const got: StateSnapshot[] = [];
    bridgeFromWire(bridge).on('snapshot', (value) => got.push(value));
    emit('snapshot', eventToWire('snapshot', { version: 4, state: { ...state, buckets: listOf(3000) } }));
    vi.advanceTimersByTime(250);
    expect(got.map((value) => value.partial === undefined)).toEqual([false, true]);
  });
});
