import { useEffect, useState } from 'preact/hooks';
import type { CommandResult, RecentChange } from '../../../shared/contract';
import { clockTime } from '../../../shared/format';
import { PanelHead } from '../frame/PanelHead';
import { what } from './HistoryView';

interface RecentViewProps {
  now: number;
  load(): Promise<CommandResult<RecentChange[]>>;
  /** Changes when the list may have changed (a poll): the view asks again. */
  freshness: unknown;
  /** Whether a bucket (its key) is in the list now: only those can be shown. */
  isListed(key: string): boolean;
  onShow(key: string): void;
  onBack(): void;
}

/** The newest changes across every bucket, newest first; a click (or Enter) shows that bucket in the list. */
export function RecentView({ now, load, freshness, isListed, onShow, onBack }: RecentViewProps) {
  const [changes, setChanges] = useState<RecentChange[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void load().then((result) => {
      if (!alive) return;
      if (result.ok) setChanges(result.value);
      else setError(result.error.message);
    });
    return () => void (alive = false);
  }, [freshness]);
  return (
    <section class="panel recent" aria-labelledby="recent-title">
      <PanelHead id="recent-title" onBack={onBack}>
        Recent changes
      </PanelHead>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : changes === undefined ? (
        <p class="muted">Loading…</p>
      ) : changes.length === 0 ? (
        <p class="muted">No changes seen yet. Every status change Flashback Tray sees shows here, newest first, for 30 days.</p>
      ) : (
        <ol class="timeline recent-list" aria-label="Recent changes, newest first">
          {changes.map((change, index) => {
            const listed = isListed(change.bucketKey);
            return (
              <li key={`${change.bucketKey}-${change.at}-${index}`}>
                <button
                  type="button"
                  class="recent-item"
                  disabled={!listed}
                  title={listed ? 'Show this bucket in the list' : 'This bucket is no longer in the list'}
                  onClick={() => onShow(change.bucketKey)}
                >
                  <bdi class="timeline-what">{change.name}</bdi>
                  <span class="recent-change">
                    <bdi>{what(change)}</bdi>
                    <span class="muted">
                      {' · '}
                      <time dateTime={change.at}>{clockTime(change.at, now)}</time>
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <p class="muted small">The last 50 changes across your buckets, kept on this computer.</p>
    </section>
  );
}
