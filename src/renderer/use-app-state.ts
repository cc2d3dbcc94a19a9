import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppState, FlashbackBridge, StatePatch, StateSnapshot } from '../shared/contract';
import type { BucketCounts } from '../shared/format';
import { applyPatch, patchFits } from '../shared/state-patch';

/** What the view shows: the state, and while only a large list's head is in, the whole list's counts. */
export interface ShownState {
  state: AppState;
  /** Set while `state.buckets` is only the list's first screen (see shared/wire.ts). */
  partial?: BucketCounts;
}

/**
 * The state as the main process numbers it: one snapshot (on load, or when asked), then
 * patches applied in order. A patch that does not start where this view is (a missed one)
 * makes it ask for a fresh snapshot; one it already has is ignored. A large snapshot's head
 * is shown at once; patches wait for the whole snapshot, which follows right after it.
 */
export function useAppState(bridge: FlashbackBridge): ShownState | undefined {
  const [shown, setShown] = useState<ShownState | undefined>(undefined);
  const held = useRef<StateSnapshot | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    let resyncing = false;
    /** The version of a head on screen whose whole snapshot has not come yet. */
    let awaiting: number | undefined;
    /** Patches that arrived while a snapshot was on its way: applied after it, where they fit. */
    let early: StatePatch[] = [];
    const adopt = (snapshot: StateSnapshot) => {
      if (!alive || (held.current && snapshot.version < held.current.version)) return;
      if (snapshot.partial) {
        if (held.current && snapshot.version === held.current.version) return;
        awaiting = snapshot.version;
        setShown({ state: snapshot.state, partial: snapshot.partial });
        return;
      }
      if (awaiting !== undefined && snapshot.version >= awaiting) awaiting = undefined;
      let next = snapshot;
      for (const patch of early) if (patchFits(next.version, patch) === 'apply') next = applyPatch(next, patch);
      early = [];
      held.current = next;
      setShown({ state: next.state });
    };
    const resync = () => {
      if (resyncing) return;
      resyncing = true;
      void bridge.invoke('getState').then((result) => {
        resyncing = false;
        if (result.ok) adopt(result.value);
      });
    };
    const onPatch = (patch: StatePatch) => {
      const current = held.current;
      if (awaiting !== undefined && !resyncing) {
        early.push(patch);
        return;
      }
      if (resyncing || !current) {
        early.push(patch);
        return resync();
      }
      const fit = patchFits(current.version, patch);
      if (fit === 'apply') adopt(applyPatch(current, patch));
      else if (fit === 'resync') resync();
    };
    const offSnapshot = bridge.on('snapshot', adopt);
    const offPatch = bridge.on('patch', onPatch);
    resync();
    return () => {
      alive = false;
      offSnapshot();
      offPatch();
    };
  }, [bridge]);

  return shown;
}
