import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type AppState, type EventName, type StatePatch, type StateSnapshot } from '../../src/shared/contract';
import { BUCKETS_PER_SLICE, encodeInSlices, WireSender } from '../../src/main/core/view/wire-sender';
import { FIRST_SCREEN_FROM } from '../../src/shared/bucket-order';
import { bridgeFromWire, decodeSnapshot, eventToWire, resultToWire, WIRE_SLICE, type WireBridge } from '../../src/shared/wire';

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
    expect(text).toBe(eventToWire('snapshot', snapshot));
    expect(await decodeSnapshot(text, async () => undefined)).toEqual(snapshot);
    expect(turns).toBe(Math.ceil(12_001 / BUCKETS_PER_SLICE));
    turns = 0;
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

describe('a large snapshot travels as lines and is decoded a few lines per task, in order', () => {
  afterEach(() => vi.restoreAllMocks());
  const listOf = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `b${i}`, name: `Bucket ${(i * 7919) % count} \u202E"q"`, status: i % 7 ? 'ONLINE' : 'OFFLINE' }));
  /** A task boundary the test steps through by hand. */
  function manualTasks() {
    const waiting: Array<() => void> = [];
    return { yieldTask: () => new Promise<void>((resolve) => waiting.push(resolve)), step: async () => { waiting.shift()?.(); await Promise.resolve(); await Promise.resolve(); }, get waiting() { return waiting.length; } };
  }

  it('main writes the snapshot without buckets, then the buckets a slice per line; small lists are one line', async () => {
    const snapshot: StateSnapshot = { version: 9, state: { ...state, buckets: listOf(WIRE_SLICE * 2 + 1) } };
    const text = eventToWire('snapshot', snapshot);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({ version: 9, state: { ...state, buckets: [] } });
    expect(lines.slice(1).flatMap((line) => JSON.parse(line) as unknown[])).toEqual(snapshot.state.buckets);
    expect(await encodeInSlices('snapshot', snapshot, async () => undefined)).toBe(text);
    expect(eventToWire('snapshot', { version: 9, state: { ...state, buckets: listOf(WIRE_SLICE) } })).not.toContain('\n');
    expect(await decodeSnapshot(text, async () => undefined)).toEqual(snapshot);
  });

  it('a slow page parses a line per task (each takes its budget) and hands on the whole snapshot once, in a task of its own; a patch that came meanwhile follows it', async () => {
    // A list from FIRST_SCREEN_FROM on (a smaller one is parsed in one go, tests/renderer/one-go.test.tsx).
    const lines = FIRST_SCREEN_FROM / WIRE_SLICE + 1;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    const tasks = manualTasks();
    const { bridge, emit } = wire();
    const got: string[] = [];
    const page = bridgeFromWire(bridge, tasks.yieldTask);
    page.on('snapshot', (value) => got.push(`snapshot ${value.version} ${value.state.buckets.length}`));
    page.on('patch', (value) => got.push(`patch ${value.version}`));
    emit('snapshot', eventToWire('snapshot', { version: 4, state: { ...state, buckets: listOf(WIRE_SLICE * lines) } }));
    emit('patch', eventToWire('patch', { base: 4, version: 5 }));
    // A turn before each line, and one after the last: the page's first screen and render start a task (use-list-index.ts).
    for (let turn = 0; turn < lines + 1; turn++) {
      expect(got).toEqual([]);
      expect(tasks.waiting).toBe(1);
      await tasks.step();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(got).toEqual([`snapshot 4 ${WIRE_SLICE * lines}`, 'patch 5']);
    emit('patch', eventToWire('patch', { base: 5, version: 6 }));
    expect(got.at(-1)).toBe('patch 6');
  });

  it('a line that would take its task past the budget waits for the next task (no task runs long by a line)', async () => {
    // Each line costs 5 ms on this clock: two lines (10 ms) a task, as a third would end at 15, past the 12 ms budget.
    const lines = FIRST_SCREEN_FROM / WIRE_SLICE + 2;
    expect(lines % 2).toBe(0);
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const parse = JSON.parse;
    let parsed = 0;
    vi.spyOn(JSON, 'parse').mockImplementation((text: string) => {
      if (text.startsWith('[')) (clock += 5), parsed++;
      return parse(text) as unknown;
    });
    const tasks = manualTasks();
    const perTask: number[] = [];
    const decoded = decodeSnapshot(eventToWire('snapshot', { version: 4, state: { ...state, buckets: listOf(WIRE_SLICE * lines) } }), tasks.yieldTask);
    for (let seen = 0; perTask.length < 10 && seen < lines; ) {
      await Promise.resolve();
      if (tasks.waiting === 0) continue;
      perTask.push(parsed - seen);
      seen = parsed;
      await tasks.step();
    }
    while (tasks.waiting) await tasks.step();
    expect((await decoded).state.buckets).toHaveLength(WIRE_SLICE * lines);
    expect(perTask).toEqual(Array.from({ length: lines / 2 }, () => 2));
  });

  it('a fast page parses the lines in one task', async () => {
    vi.spyOn(performance, 'now').mockReturnValue(5);
    const tasks = manualTasks();
    const got: number[] = [];
    const { bridge, emit } = wire();
    bridgeFromWire(bridge, tasks.yieldTask).on('snapshot', (value) => got.push(value.state.buckets.length));
    emit('snapshot', eventToWire('snapshot', { version: 4, state: { ...state, buckets: listOf(WIRE_SLICE * 3) } }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tasks.waiting).toBe(0);
    expect(got).toEqual([WIRE_SLICE * 3]);
  });

  it('getState answers the whole snapshot, decoded a few lines per task', async () => {
    const { bridge, answers } = wire();
    const snapshot: StateSnapshot = { version: 8, state: { ...state, buckets: listOf(WIRE_SLICE + 10) } };
    answers.set('getState', resultToWire('getState', { ok: true, value: snapshot }));
    expect(await bridgeFromWire(bridge).invoke('getState')).toEqual({ ok: true, value: snapshot });
  });
});
