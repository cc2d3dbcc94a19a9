import type { BucketView, Workspace } from '../shared/contract';
import { bucketDisplayName, isProblem, statusLabel, storageTypeLabel } from '../shared/format';

export interface BucketFilters {
  query: string;
  /** '' all, 'problems' anything not fine, else one status. */
  status: string;
  storageType: string;
  workspace: string;
  groupByWorkspace: boolean;
}

export const NO_FILTERS: BucketFilters = { query: '', status: '', storageType: '', workspace: '', groupByWorkspace: false };

export function hasFilters(filters: BucketFilters): boolean {
  return Boolean(filters.query.trim() || filters.status || filters.storageType || filters.workspace);
}

export interface IndexedBucket {
  bucket: BucketView;
  /** Lower-case text the search box matches: name, provider bucket, id, workspace. */
  haystack: string;
  problem: boolean;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Sorted once per list (problems first, then by name, then id: a stable, total order)
 * with the search text precomputed, so each keystroke only filters.
 */
export function indexBuckets(buckets: readonly BucketView[], workspaceNames: WorkspaceNames = NO_NAMES): IndexedBucket[] {
  const indexed = buckets.map((bucket) => ({
    bucket,
    name: bucketDisplayName(bucket),
    haystack: [bucket.name, bucket.bucket, bucket.id, bucket.workspaceId, bucket.workspaceId && workspaceNames.get(bucket.workspaceId)].filter(Boolean).join('\n').toLowerCase(),
    problem: isProblem(bucket),
  }));
  indexed.sort((a, b) => Number(b.problem) - Number(a.problem) || collator.compare(a.name, b.name) || (a.bucket.id < b.bucket.id ? -1 : 1));
  return indexed.map(({ bucket, haystack, problem }) => ({ bucket, haystack, problem }));
}

export function filterBuckets(indexed: readonly IndexedBucket[], filters: BucketFilters): BucketView[] {
  const terms = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: BucketView[] = [];
  for (const entry of indexed) {
    const b = entry.bucket;
    if (filters.status === 'problems' ? !entry.problem : filters.status && statusLabel(b.status) !== filters.status) continue;
    if (filters.storageType && storageTypeLabel(b.storageType) !== filters.storageType) continue;
    if (filters.workspace && (b.workspaceId ?? '') !== filters.workspace) continue;
    if (terms.length && !terms.every((term) => entry.haystack.includes(term))) continue;
    out.push(b);
  }
  return out;
}

export interface FilterOptions {
  statuses: string[];
  storageTypes: string[];
  workspaces: string[];
}

/** The values the filter menus offer: those present in the list. */
export function filterOptions(buckets: readonly BucketView[]): FilterOptions {
  const statuses = new Set<string>();
  const storageTypes = new Set<string>();
  const workspaces = new Set<string>();
  for (const b of buckets) {
    statuses.add(statusLabel(b.status));
    storageTypes.add(storageTypeLabel(b.storageType));
    workspaces.add(b.workspaceId ?? '');
  }
  const sorted = (set: Set<string>) => [...set].sort(collator.compare);
  return { statuses: sorted(statuses), storageTypes: sorted(storageTypes), workspaces: sorted(workspaces) };
}

export type ListItem = { kind: 'group'; workspace: string; count: number } | { kind: 'bucket'; bucket: BucketView };

/** Rows for the list, with workspace headings when grouping (groups in name order, rows keep their order). */
export function listItems(buckets: readonly BucketView[], groupByWorkspace: boolean, workspaceNames: WorkspaceNames = NO_NAMES): ListItem[] {
  if (!groupByWorkspace) return buckets.map((bucket) => ({ kind: 'bucket', bucket }));
  const groups = new Map<string, BucketView[]>();
  for (const bucket of buckets) {
    const key = bucket.workspaceId ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(bucket);
  }
  const items: ListItem[] = [];
  const label = (key: string) => workspaceLabel(key, workspaceNames);
  for (const key of [...groups.keys()].sort((a, b) => collator.compare(label(a), label(b)) || collator.compare(a, b))) {
    const group = groups.get(key)!;
    items.push({ kind: 'group', workspace: key, count: group.length });
    for (const bucket of group) items.push({ kind: 'bucket', bucket });
  }
  return items;
}

/** The settings picker: the user's workspaces by name, plus ids seen on buckets that `GET /workspace` did not name. */
export function pickerWorkspaces(known: readonly Workspace[], seenIds: readonly string[]): Workspace[] {
  const ids = new Set(known.map((workspace) => workspace.id));
  const unnamed = seenIds.filter((id) => id && !ids.has(id)).map((id) => ({ id, name: id }));
  return [...known, ...unnamed];
}

/** Workspace id → the name `GET /workspace` gave it. */
export type WorkspaceNames = ReadonlyMap<string, string>;
const NO_NAMES: WorkspaceNames = new Map();

export function workspaceNamesOf(workspaces: readonly Workspace[]): WorkspaceNames {
  return new Map(workspaces.map((workspace) => [workspace.id, workspace.name]));
}

/** The workspace's name; its id when the name is not known (yet); "No workspace" when there is none. */
export function workspaceLabel(workspaceId: string | undefined, names: WorkspaceNames = NO_NAMES): string {
  if (!workspaceId) return 'No workspace';
  return names.get(workspaceId) ?? workspaceId;
}
