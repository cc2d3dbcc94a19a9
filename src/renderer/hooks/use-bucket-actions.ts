import { useCallback, useRef, useState } from 'preact/hooks';
import { bucketKey } from '../../shared/accounts';
import type { BucketView, FlashbackBridge } from '../../shared/contract';
import { bucketDisplayName } from '../../shared/format';

export type Copied = { id: string; what: 'bucket-id' | 'bucket-name' };

const COPIED_FOR_MS = 1600;
const PROBLEM_FOR_MS = 6000;

/**
 * Copy, open in the web app and refresh, each saying what happened through `announce` (a live
 * region); a refusal (no web-app address yet, a refresh during a rate limit) is also shown, as
 * `problem`, for a few seconds: nothing fails silently.
 */
export function useBucketActions(bridge: FlashbackBridge, announce: (update: (previous: string) => string) => void) {
  const [copied, setCopied] = useState<Copied | undefined>(undefined);
  const copiedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const problemTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refused = useCallback((message: string) => {
    clearTimeout(problemTimer.current);
    setProblem(message);
    problemTimer.current = setTimeout(() => setProblem(undefined), PROBLEM_FOR_MS);
  }, []);

  const copy = useCallback(
    async (bucket: BucketView, what: Copied['what']) => {
      const text = what === 'bucket-id' ? bucket.id : (bucket.bucket ?? '');
      if (!text) return;
      const result = await bridge.invoke('copyText', text, what);
      const label = what === 'bucket-id' ? 'bucket id' : 'bucket name';
      if (!result.ok) {
        refused(`Could not copy the ${label}: ${result.error.message}`);
        return;
      }
      clearTimeout(copiedTimer.current);
      setCopied({ id: bucketKey(bucket), what });
      // A changing text makes screen readers announce each copy, even of the same bucket twice.
      announce((previous) => `Copied ${label} of ${bucketDisplayName(bucket)}${previous.endsWith('.') ? '' : '.'}`);
      copiedTimer.current = setTimeout(() => setCopied(undefined), COPIED_FOR_MS);
    },
    [bridge],
  );

  const openInWebApp = useCallback(
    async (bucket: BucketView) => {
      const result = await bridge.invoke('openInWebApp', bucketKey(bucket));
      if (result.ok) announce(() => `Opened ${bucketDisplayName(bucket)} in the web app.`);
      else refused(result.error.message);
    },
    [bridge],
  );

  const refresh = useCallback(() => {
    void bridge.invoke('refresh').then((result) => {
      if (!result.ok) refused(result.error.message);
    });
  }, [bridge]);

  return { copied, copy, openInWebApp, refresh, problem, refused };
}
