import type { Bucket, Workspace } from '../shared/contract';

const KNOWN_NAMES: Record<string, string> = {
  'workspace-engineering': 'Engineering',
  'workspace-finance': 'Finance',
};

/** The workspaces the buckets point to, named as people would name them. */
export function workspacesFor(buckets: readonly Bucket[]): Workspace[] {
  const ids = new Set<string>();
  for (const bucket of buckets) if (bucket.workspaceId) ids.add(bucket.workspaceId);
  return [...ids].sort().map((id) => ({ id, name: KNOWN_NAMES[id] ?? id.replace(/^workspace-/, 'Workspace ') }));
}
