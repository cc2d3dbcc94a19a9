import type { BucketView, Workspace } from '../../shared/contract';

/**
 * The workspaces Settings offers (the workspace restriction applies to every account alike):
 * every known workspace, then workspaces buckets are in whose names are not known, named as
 * such (the id is the option's title).
 */
export function pickableWorkspaces(known: readonly Workspace[], buckets: readonly BucketView[]): Workspace[] {
  const seen = new Set<string>();
  for (const bucket of buckets) if (bucket.workspaceId) seen.add(bucket.workspaceId);
  const named = new Set(known.map((workspace) => workspace.id));
  const unnamed = [...seen].filter((id) => !named.has(id)).map((id) => ({ id, name: 'Unnamed workspace' }));
  return [...known, ...unnamed];
}
