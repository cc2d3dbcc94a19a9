import { useEffect, useState } from 'preact/hooks';
import { msUntilCountdownChanges, msUntilRelativeTimeChanges } from '../../shared/format';

interface ShownTimes {
  /** Shown as "5 min ago". */
  since?: readonly (string | undefined)[];
  /** Shown as a countdown, "Retrying in 2 min.". */
  until?: readonly (string | undefined)[];
  /** Something shown changes at this moment (a pause that ends). */
  at?: readonly (string | undefined)[];
}

/** Milliseconds until the first of these labels reads differently; undefined: none will. */
function msUntilNextLabel(times: ShownTimes, now: number): number | undefined {
  let next: number | undefined;
  const consider = (ms: number | undefined) => {
    if (ms !== undefined && (next === undefined || ms < next)) next = ms;
  };
  for (const iso of times.since ?? []) consider(msUntilRelativeTimeChanges(iso, now));
  for (const iso of times.until ?? []) consider(msUntilCountdownChanges(iso, now));
  for (const iso of times.at ?? []) {
    const at = iso ? Date.parse(iso) : NaN;
    if (at > now) consider(at - now);
  }
  return next;
}

function isHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/**
 * The current time, for views that show relative times. It ticks once, exactly when the
 * first of the shown labels changes ("4 s ago" → "5 s ago", "5 min" → "6 min"), never on
 * a fixed beat, and not at all while the popover is hidden: opening it shows fresh labels.
 */
export function useNow(times: ShownTimes): number {
  const [now, setNow] = useState(() => Date.now());
  const [hidden, setHidden] = useState(isHidden);
  const key = `${(times.since ?? []).join()}|${(times.until ?? []).join()}|${(times.at ?? []).join()}`;

  useEffect(() => {
    const onVisibility = () => {
      setHidden(isHidden());
      setNow(Date.now());
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  useEffect(() => {
    if (hidden) return;
    const wait = msUntilNextLabel(times, Date.now());
    if (wait === undefined) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [hidden, now, key]);

  return now;
}
