import type { BucketView, Workspace } from '../shared/contract';

/**
 * The workspaces Settings offers for the first account (its workspace restriction): every
 * known workspace except those only other accounts' buckets are in, then workspaces its
 * buckets are in whose names are not known, named as such (the id is the option's title).
 */
export function firstAccountWorkspaces(known: readonly Workspace[], buckets: readonly BucketView[]): Workspace[] {
  const mine = new Set<string>();
  const others = new Set<string>();
  for (const bucket of buckets) if (bucket.workspaceId) (bucket.account === undefined ? mine : others).add(bucket.workspaceId);
  const named = new Set(known.map((workspace) => workspace.id));
  const listed = known.filter((workspace) => mine.has(workspace.id) || !others.has(workspace.id));
  const unnamed = [...mine].filter((id) => !named.has(id)).map((id) => ({ id, name: 'Unnamed workspace' }));
  return [...listed, ...unnamed];
}
