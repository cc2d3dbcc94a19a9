import { useCallback, useRef, useState } from 'preact/hooks';
import { bucketKey } from '../../shared/accounts';
import type { BucketView, FlashbackBridge } from '../../shared/contract';
import { bucketDisplayName, clip } from '../../shared/format';

/** What the toast says after a mute or an unmute, and the one click that takes it back. */
export interface MuteToast {
  text: string;
  undo(): void;
}

const TOAST_FOR_MS = 8000;

/** `muted` with `key` in (true) or out (false), the list's order kept. */
export function withMuted(muted: readonly string[], key: string, on: boolean): string[] {
  const without = muted.filter((entry) => entry !== key);
  return on ? [...without, key] : without;
}

/**
 * Mute and unmute one bucket (`settings.mutedBuckets`, which main validates and notifications
 * honour): each says what it did in a toast with Undo for a few seconds; a refusal (the list
 * is full) goes to `refused`.
 */
export function useMute(bridge: FlashbackBridge, mutedBuckets: readonly string[], refused: (message: string) => void) {
  const [toast, setToast] = useState<MuteToast | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(mutedBuckets);
  latest.current = mutedBuckets;

  const set = useCallback(
    async (key: string, on: boolean): Promise<boolean> => {
      const result = await bridge.invoke('updateSettings', { mutedBuckets: withMuted(latest.current, key, on) });
      if (!result.ok) refused(result.error.message);
      return result.ok;
    },
    [bridge],
  );

  const toggle = useCallback(
    async (bucket: BucketView) => {
      const key = bucketKey(bucket);
      const on = !latest.current.includes(key);
      if (!(await set(key, on))) return;
      const name = clip(bucketDisplayName(bucket), 80);
      clearTimeout(timer.current);
      const hide = () => setToast(undefined);
      setToast({
        text: on ? `Muted ${name}: no notifications for it.` : `Notifications for ${name} are on again.`,
        undo: () => {
          clearTimeout(timer.current);
          hide();
          void set(key, !on);
        },
      });
      timer.current = setTimeout(hide, TOAST_FOR_MS);
    },
    [set],
  );

  return { toast, toggle };
}
