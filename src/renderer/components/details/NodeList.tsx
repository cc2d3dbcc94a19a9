import { useEffect, useState } from 'preact/hooks';
import type { BucketNode, CommandResult } from '../../../shared/contract';
import { relativeTime, statusLabel } from '../../../shared/format';

interface NodeListProps {
  bucketKey: string;
  name: string;
  now: number;
  /** Asks Flashback now (`getBucketNodes`); called once per opening, never for closed details. */
  load(bucketKey: string): Promise<CommandResult<BucketNode[]>>;
}

/** Why a bucket is (not) online: the bridge nodes behind it, each with its region, status, latency and age. */
export function NodeList({ bucketKey, name, now, load }: NodeListProps) {
  const [nodes, setNodes] = useState<BucketNode[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let open = true;
    setNodes(undefined);
    setError(undefined);
    void load(bucketKey).then((result) => {
      // An answer for details that were closed meanwhile goes nowhere.
      if (!open) return;
      if (result.ok) setNodes(result.value);
      else setError(result.error.message);
    });
    return () => {
      open = false;
    };
  }, [bucketKey]);

  return (
    <section aria-labelledby="nodes-title">
      <h3 id="nodes-title">Nodes</h3>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : nodes === undefined ? (
        <p class="muted">Asking Flashback…</p>
      ) : nodes.length === 0 ? (
        <p class="muted">Flashback lists no nodes for this bucket.</p>
      ) : (
        <ul class="timeline nodes" aria-label={`Nodes of ${name}`}>
          {nodes.map((node, index) => (
            <li key={`${node.ip}-${index}`}>
              <bdi class="timeline-what">{node.region || node.ip || 'Unnamed node'}</bdi>
              <span class="muted">
                {' · '}
                <bdi>{statusLabel(node.status)}</bdi>
                {node.latencyMs !== undefined ? ` · ${node.latencyMs.toLocaleString()} ms` : ''}
                {node.lastUpdated ? ` · reported ${relativeTime(node.lastUpdated, now)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
