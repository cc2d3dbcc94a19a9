import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `everyMs`, so relative times ("40 s ago") keep updating. */
export function useNow(everyMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
