import { bucketKey } from '../../../shared/accounts';
import { useEffect, useState } from 'preact/hooks';
import type { BucketNode, BucketView, CommandResult, StatusChangeRecord } from '../../../shared/contract';
import { bucketDisplayName, clockTime, duration, statusLabel } from '../../../shared/format';
import { PanelHead } from '../frame/PanelHead';
import { NodeList } from './NodeList';

interface HistoryViewProps {
  bucket: BucketView;
  now: number;
  load(bucketId: string): Promise<CommandResult<StatusChangeRecord[]>>;
  loadNodes(bucketId: string): Promise<CommandResult<BucketNode[]>>;
  onBack(): void;
}

/** A change in words: "ONLINE → OFFLINE", "Became available (ONLINE)". */
export function what(entry: StatusChangeRecord): string {
  if (entry.kind === 'added') return `Became available${entry.to ? ` (${statusLabel(entry.to)})` : ''}`;
  if (entry.kind === 'removed') return 'Taken by a repository, or deleted';
  return `${statusLabel(entry.from)} → ${statusLabel(entry.to)}`;
}

/**
 * A bucket's details: the nodes behind it as Flashback reports them now, then its timeline,
 * newest first: "ONLINE → DISCONNECTED · 14:02 · lasted 3 h".
 */
export function HistoryView({ bucket, now, load, loadNodes, onBack }: HistoryViewProps) {
  const [entries, setEntries] = useState<StatusChangeRecord[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void load(bucketKey(bucket)).then((result) => {
      if (!alive) return;
      if (result.ok) setEntries(result.value);
      else setError(result.error.message);
    });
    return () => {
      alive = false;
    };
  }, [bucketKey(bucket), bucket.status]);

  const name = bucketDisplayName(bucket);
  const newestFirst = entries ? [...entries].reverse() : [];
  return (
    <section class="panel history" aria-labelledby="history-title">
      <PanelHead id="history-title" onBack={onBack}>
        Details of <bdi>{name}</bdi>
      </PanelHead>
      <NodeList bucketKey={bucketKey(bucket)} name={name} now={now} load={loadNodes} />
      <h3>Status history</h3>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : entries === undefined ? (
        <p class="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p class="muted">No changes seen yet. Flashback Tray records every change it sees while it runs, for 30 days.</p>
      ) : (
        <ol class="timeline" aria-label={`Changes of ${name}, newest first`}>
          {newestFirst.map((entry, index) => {
            // Entries are oldest first: the one after this one (in time) ended it.
            const next = index === 0 ? undefined : newestFirst[index - 1];
            const lasted = ((next ? Date.parse(next.at) : now) - Date.parse(entry.at)) / 1000;
            return (
              <li key={`${entry.at}-${index}`}>
                <bdi class="timeline-what">{what(entry)}</bdi>
                <span class="muted">
                  {' · '}
                  <time dateTime={entry.at}>{clockTime(entry.at, now)}</time>
                  {entry.kind === 'removed' ? '' : next ? ` · lasted ${duration(lasted)}` : ` · for ${duration(lasted)} so far`}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <p class="muted small">The last 100 changes per bucket, at most 30 days, kept on this computer.</p>
    </section>
  );
}
