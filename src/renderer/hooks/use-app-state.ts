import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppState, FlashbackBridge, StatePatch, StateSnapshot } from '../../shared/contract';
import { applyPatch, patchFits } from '../../shared/state-patch';

/**
 * The state as the main process numbers it: one snapshot (on load, or when asked), then
 * patches applied in order. A patch that does not start where this view is (a missed one)
 * makes it ask for a fresh snapshot; one it already has is ignored, and so is a snapshot of a
 * version it already holds. Patches that come while a snapshot is asked for wait for it.
 */
export function useAppState(bridge: FlashbackBridge): AppState | undefined {
  const [shown, setShown] = useState<AppState | undefined>(undefined);
  const held = useRef<StateSnapshot | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    let resyncing = false;
    /** Patches that arrived while a snapshot was on its way: applied after it, where they fit. */
    let early: StatePatch[] = [];
    const adopt = (snapshot: StateSnapshot) => {
      if (!alive) return;
      const current = held.current;
      // A snapshot no newer than what the view holds (the same state reaching it twice, or
      // an older one overtaken) changes nothing: no new list, so nothing is indexed again.
      let next = current && snapshot.version <= current.version ? current : snapshot;
      for (const patch of early) if (patchFits(next.version, patch) === 'apply') next = applyPatch(next, patch);
      early = [];
      if (next === current) return;
      held.current = next;
      setShown(next.state);
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
