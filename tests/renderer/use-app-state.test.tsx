import { act, renderHook } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { useAppState } from '../../src/renderer/hooks/use-app-state';
import type { StatePatch, StateSnapshot } from '../../src/shared/contract';
import { bucket, FakeBridge, signedInState } from './fixtures';

/** A bridge whose `getState` answers when the test says, with the snapshot the test gives. */
class HeldBridge extends FakeBridge {
  answer!: (snapshot: StateSnapshot) => void;
  getStates = 0;
  constructor() {
    super(signedInState());
    this.invoke = (async (command: string) => {
      if (command !== 'getState') return { ok: true, value: undefined };
      this.getStates++;
      return new Promise((resolve) => (this.answer = (snapshot) => resolve({ ok: true, value: snapshot })));
    }) as FakeBridge['invoke'];
  }
}

/** Answers the pending getState and lets its promise chain run out. */
async function answerAndSettle(bridge: HeldBridge, snapshot: StateSnapshot): Promise<void> {
  bridge.answer(snapshot);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

const snapshot = (version: number, name: string): StateSnapshot => ({ version, state: signedInState({ buckets: [bucket('a', { name })] }) });
const patch = (base: number, name: string): StatePatch => ({ base, version: base + 1, buckets: { upsert: [bucket('a', { name })], remove: [] } });

describe('useAppState', () => {
  it('a snapshot of the version the view already holds changes nothing: the same state object stays, so the list is not indexed again', async () => {
    const bridge = new HeldBridge();
    const { result } = renderHook(() => useAppState(bridge));
    const first = snapshot(4, 'First');
    act(() => bridge.emit('snapshot', first));
    expect(result.current).toBe(first.state);
    // The page's own getState answers with the same version (the preview's stream and its getState both carried it).
    await act(async () => answerAndSettle(bridge, snapshot(4, 'Same version, another copy')));
    expect(result.current).toBe(first.state);
  });

  it('patches that waited for a snapshot are applied even when that snapshot is one the view already holds', async () => {
    const bridge = new HeldBridge();
    const { result } = renderHook(() => useAppState(bridge));
    await act(async () => answerAndSettle(bridge, snapshot(4, 'First')));
    // A patch from the future: the view asks for a snapshot; the next patch waits for it.
    act(() => bridge.emit('patch', patch(6, 'Gap')));
    expect(bridge.getStates).toBe(2);
    act(() => bridge.emit('snapshot', snapshot(7, 'Pushed')));
    act(() => bridge.emit('patch', patch(7, 'After')));
    await act(async () => answerAndSettle(bridge, snapshot(7, 'Asked, same version')));
    expect(result.current?.buckets[0]?.name).toBe('After');
  });

  it('a newer snapshot replaces what the view holds', async () => {
    const bridge = new HeldBridge();
    const { result } = renderHook(() => useAppState(bridge));
    await act(async () => answerAndSettle(bridge, snapshot(2, 'Old')));
    const newer = snapshot(3, 'New');
    act(() => bridge.emit('snapshot', newer));
    expect(result.current).toBe(newer.state);
  });
});
