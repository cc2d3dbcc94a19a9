import { accountOf } from '../../shared/accounts';
import type { BucketView, Workspace } from '../../shared/contract';
import { byOrder, nameKey, type OrderEntry } from '../../shared/bucket-order';
import type { BucketComparator } from '../../shared/list-order';
import { bucketDisplayName, isProblem } from '../../shared/format';
import { Cells, cellsOf } from './index-cells';
import { listStats, statsOptions, type FilterOptions } from '../../shared/list-stats';

export interface BucketFilters {
  query: string;
  /** '' all, 'problems' anything not fine, else one status. */
  status: string;
  storageType: string;
  workspace: string;
}

export const NO_FILTERS: BucketFilters = { query: '', status: '', storageType: '', workspace: '' };

export function hasFilters(filters: BucketFilters): boolean {
  return Boolean(filters.query.trim() || filters.status || filters.storageType || filters.workspace);
}

export interface IndexedBucket extends OrderEntry {
  /** The workspace's name, when `GET /workspace` gave one. */
  workspaceName: string | undefined;
  /** Lower-case text the search box matches (name, provider bucket, id, workspace): made when first searched (see `searchText`). */
  haystack: string | undefined;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function indexOne(bucket: BucketView, workspaceNames: WorkspaceNames): IndexedBucket {
  return {
    bucket,
    workspaceName: bucket.workspaceId ? workspaceNames.get(bucket.workspaceId) : undefined,
    haystack: undefined,
    problem: isProblem(bucket),
    sortName: nameKey(bucketDisplayName(bucket)),
  };
}

/** What the search box matches: name, provider bucket, id, workspace id and name, lower-cased. */
export function searchTextOf(bucket: BucketView, workspaceName: string | undefined): string {
  let text = bucket.id;
  if (bucket.name) text += `\n${bucket.name}`;
  if (bucket.bucket) text += `\n${bucket.bucket}`;
  if (bucket.workspaceId) text += `\n${bucket.workspaceId}`;
  if (workspaceName) text += `\n${workspaceName}`;
  return text.toLowerCase();
}

/** The entry's search text, made once per entry on first need (a list that is never searched never pays for it). */
export function searchText(entry: IndexedBucket): string {
  if (entry.haystack === undefined) entry.haystack = searchTextOf(entry.bucket, entry.workspaceName);
  return entry.haystack;
}

/** Sorted once per list (in the chosen order, shared/list-order.ts), so each keystroke only filters. */
export function indexBuckets(buckets: readonly BucketView[], workspaceNames: WorkspaceNames = NO_NAMES, compare: BucketComparator = byOrder): IndexedBucket[] {
  const entries = buckets.map((bucket) => indexOne(bucket, workspaceNames));
  const cellOf = cellsOf(compare);
  return cellOf ? sortedByCells(entries, cellOf, compare) : entries.sort(compare);
}

/**
 * `entries.sort(compare)`, exactly, in less time, for an order with cells (index-cells.ts): each
 * entry goes in its cell, and only a cell whose members did not come in order is sorted (a new
 * 10,000-bucket list is sorted in its first frame). Cells keep the list's order, and the sort is
 * stable, so ties come out as one sort leaves them.
 */
function sortedByCells(entries: IndexedBucket[], cellOf: (entry: IndexedBucket) => number, compare: BucketComparator): IndexedBucket[] {
  const cells = new Cells<IndexedBucket>(compare);
  for (let i = 0; i < entries.length; i++) cells.add(cellOf(entries[i]!), entries[i]!);
  let at = 0;
  for (const { members, ordered } of cells.inOrder()) {
    if (!ordered) members.sort(compare);
    for (let i = 0; i < members.length; i++) entries[at++] = members[i]!;
  }
  return entries;
}

export type { FilterOptions } from '../../shared/list-stats';

/** The values the filter menus offer: those present in the list (from its stats, shared/list-stats.ts). */
export function filterOptions(buckets: readonly BucketView[]): FilterOptions {
  return statsOptions(listStats(buckets));
}

interface GroupItem {
  kind: 'group';
  workspace: string;
  /** Set when groups are per account too (several accounts shown). */
  account?: string;
  count: number;
}
/** A row: a bucket itself (no wrapper, so an ungrouped list is the filtered list as it is), or a group heading. */
export type ListItem = GroupItem | BucketView;

export function isGroup(item: ListItem): item is GroupItem {
  return 'kind' in item;
}

/**
 * Rows for the list, with workspace headings when grouping (groups in name order, rows keep
 * their order). With `byAccount` (several accounts shown) a workspace seen by two accounts
 * is two groups, one per account, in the accounts' order.
 */
export function listItems(buckets: readonly BucketView[], groupByWorkspace: boolean, workspaceNames: WorkspaceNames = NO_NAMES, byAccount?: readonly string[]): ListItem[] {
  if (!groupByWorkspace) return buckets as BucketView[];
  const groups = new Map<string, { workspace: string; account: string; buckets: BucketView[] }>();
  for (const bucket of buckets) {
    const workspace = bucket.workspaceId ?? '';
    const account = byAccount ? accountOf(bucket) : '';
    const key = `${account}\n${workspace}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { workspace, account, buckets: [] }));
    group.buckets.push(bucket);
  }
  const items: ListItem[] = [];
  const label = (workspace: string) => workspaceLabel(workspace, workspaceNames);
  const rank = (account: string) => byAccount?.indexOf(account) ?? 0;
  const sorted = [...groups.values()].sort(
    (a, b) => collator.compare(label(a.workspace), label(b.workspace)) || collator.compare(a.workspace, b.workspace) || rank(a.account) - rank(b.account),
  );
  for (const group of sorted) {
    items.push(byAccount ? { kind: 'group', workspace: group.workspace, account: group.account, count: group.buckets.length } : { kind: 'group', workspace: group.workspace, count: group.buckets.length });
    for (const bucket of group.buckets) items.push(bucket);
  }
  return items;
}

/** Workspace id → the name `GET /workspace` gave it. */
export type WorkspaceNames = ReadonlyMap<string, string>;
const NO_NAMES: WorkspaceNames = new Map();

const namesOf = new WeakMap<readonly Workspace[], WorkspaceNames>();

/** Made once per workspaces list: the same map wherever it is asked for (keyed-lines.ts finds the index's names by identity). */
export function workspaceNamesOf(workspaces: readonly Workspace[]): WorkspaceNames {
  let names = namesOf.get(workspaces);
  if (!names) namesOf.set(workspaces, (names = new Map(workspaces.map((workspace) => [workspace.id, workspace.name]))));
  return names;
}

/** The workspace's name; its id when the name is not known (yet); "No workspace" when there is none. */
export function workspaceLabel(workspaceId: string | undefined, names: WorkspaceNames = NO_NAMES): string {
  if (!workspaceId) return 'No workspace';
  return names.get(workspaceId) ?? workspaceId;
}
