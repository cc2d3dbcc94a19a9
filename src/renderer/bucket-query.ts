import { accountOf, bucketKey } from '../shared/accounts';
import type { BucketView, Workspace } from '../shared/contract';
import { byOrder, nameKey, type OrderEntry } from '../shared/bucket-order';
import type { BucketComparator } from '../shared/list-order';
import { bucketDisplayName, isProblem, statusLabel, storageTypeLabel } from '../shared/format';

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
  return buckets.map((bucket) => indexOne(bucket, workspaceNames)).sort(compare);
}

/** Entries a patch takes out or puts in place one by one (binary search, a splice each; a changed bucket is one of each); more are merged in one pass. */
const SPLICE_AT_MOST = 64;

/**
 * Keeps the sorted index across patches: a bucket whose object did not change keeps its
 * entry (patches keep unchanged buckets' identity and place), the few that changed are taken
 * out and put back in place; many are sorted alone and merged in (time in proportion to the
 * list once, not per change). Most of the list changed, or another order: one fresh sort.
 */
export class BucketIndex {
  private entries: IndexedBucket[] = [];
  /** Entries by bucket id, built when the first patch needs it (a list that only arrives once never does). */
  private lookup: Map<string, IndexedBucket> | undefined;
  private names: WorkspaceNames | undefined;
  private source: readonly BucketView[] | undefined;
  private compare: BucketComparator = byOrder;

  /** True until a non-empty list has been indexed (a new page, or after the list was emptied). */
  get empty(): boolean {
    return this.entries.length === 0;
  }

  /**
   * True when `update` would sort the whole list afresh: a new page, other workspace names,
   * another order, or a list most of whose buckets are new objects (a snapshot; a patch keeps the unchanged
   * ones). Judged from 64 buckets spread over the list.
   */
  wouldRebuild(buckets: readonly BucketView[], workspaceNames: WorkspaceNames, compare: BucketComparator = byOrder): boolean {
    if (workspaceNames !== this.names || compare !== this.compare || this.entries.length === 0) return true;
    if (buckets === this.source) return false;
    const byId = this.byId();
    const step = Math.max(1, Math.floor(buckets.length / 64));
    let sampled = 0;
    let kept = 0;
    for (let i = 0; i < buckets.length; i += step) {
      sampled++;
      if (byId.get(bucketKey(buckets[i]!))?.bucket === buckets[i]) kept++;
    }
    return kept * 2 < sampled;
  }

  /** Takes an index made elsewhere (index-build.ts) for `buckets`, sorted by `compare`. */
  adopt(buckets: readonly BucketView[], workspaceNames: WorkspaceNames, entries: IndexedBucket[], compare: BucketComparator = byOrder): void {
    this.source = buckets;
    this.compare = compare;
    this.names = workspaceNames;
    this.entries = entries;
    this.lookup = undefined;
  }

  update(buckets: readonly BucketView[], workspaceNames: WorkspaceNames, compare: BucketComparator = byOrder): IndexedBucket[] {
    if (buckets === this.source && workspaceNames === this.names && compare === this.compare) return this.entries;
    const previous = this.source ?? [];
    const rebuild = workspaceNames !== this.names || compare !== this.compare;
    this.compare = compare;
    this.source = buckets;
    this.names = workspaceNames;
    if (rebuild) return this.rebuild(buckets);
    const byId = this.byId();
    const fresh: BucketView[] = [];
    /** Indexed buckets found in the new list, as they are or changed. */
    let found = 0;
    for (let i = 0; i < buckets.length; i++) {
      const bucket = buckets[i]!;
      // A patch leaves unchanged buckets as the same objects in the same places: no lookup for them.
      if (previous[i] === bucket) {
        found++;
        continue;
      }
      const entry = byId.get(bucketKey(bucket));
      if (entry) found++;
      if (entry?.bucket !== bucket) fresh.push(bucket);
    }
    const gone: IndexedBucket[] = [];
    // Only when some indexed bucket was not found does anything need to know which.
    if (found < byId.size) {
      const ids = new Set(buckets.map(bucketKey));
      for (const [id, entry] of byId) if (!ids.has(id)) gone.push(entry);
    }
    for (const bucket of fresh) {
      const old = byId.get(bucketKey(bucket));
      if (old) gone.push(old);
    }
    if (fresh.length === 0 && gone.length === 0) return this.entries;
    if (fresh.length > buckets.length / 2) return this.rebuild(buckets);
    this.entries = fresh.length + gone.length > SPLICE_AT_MOST ? this.merged(fresh, gone) : this.spliced(fresh, gone);
    return this.entries;
  }

  /** A few changes: each taken out and put back in place by binary search. */
  private spliced(fresh: readonly BucketView[], gone: readonly IndexedBucket[]): IndexedBucket[] {
    const byId = this.byId();
    const entries = this.entries.slice();
    for (const entry of gone) {
      const at = position(entries, entry, this.compare);
      if (entries[at] === entry) entries.splice(at, 1);
      if (byId.get(bucketKey(entry.bucket)) === entry) byId.delete(bucketKey(entry.bucket));
    }
    for (const bucket of fresh) {
      const entry = indexOne(bucket, this.names!);
      entries.splice(position(entries, entry, this.compare), 0, entry);
      byId.set(bucketKey(bucket), entry);
    }
    return entries;
  }

  /** Many changes: the new entries sorted alone, then one pass merges them into the kept ones. */
  private merged(fresh: readonly BucketView[], gone: readonly IndexedBucket[]): IndexedBucket[] {
    const byId = this.byId();
    const out = new Set(gone);
    const added = fresh.map((bucket) => indexOne(bucket, this.names!)).sort(this.compare);
    const entries: IndexedBucket[] = [];
    let next = 0;
    for (const entry of this.entries) {
      if (out.has(entry)) continue;
      while (next < added.length && this.compare(added[next]!, entry) < 0) entries.push(added[next++]!);
      entries.push(entry);
    }
    while (next < added.length) entries.push(added[next++]!);
    for (const entry of gone) if (byId.get(bucketKey(entry.bucket)) === entry) byId.delete(bucketKey(entry.bucket));
    for (const entry of added) byId.set(bucketKey(entry.bucket), entry);
    return entries;
  }

  private rebuild(buckets: readonly BucketView[]): IndexedBucket[] {
    this.entries = indexBuckets(buckets, this.names, this.compare);
    this.lookup = undefined;
    return this.entries;
  }

  private byId(): Map<string, IndexedBucket> {
    if (!this.lookup) {
      this.lookup = new Map();
      for (const entry of this.entries) this.lookup.set(bucketKey(entry.bucket), entry);
    }
    return this.lookup;
  }
}

/** First index whose entry sorts at or after `entry`. */
function position(entries: readonly IndexedBucket[], entry: IndexedBucket, compare: BucketComparator): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(entries[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface FilterOptions {
  statuses: string[];
  storageTypes: string[];
  workspaces: string[];
}

/** The values the filter menus offer: those present in the list. */
export function filterOptions(buckets: readonly BucketView[]): FilterOptions {
  // The raw values first (a list of 100,000 holds a handful), then their labels.
  const statuses = new Set<string | undefined>();
  const storageTypes = new Set<string | undefined>();
  const workspaces = new Set<string>();
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    statuses.add(b.status);
    storageTypes.add(b.storageType);
    workspaces.add(b.workspaceId ?? '');
  }
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort(collator.compare);
  return { statuses: sorted([...statuses].map(statusLabel)), storageTypes: sorted([...storageTypes].map(storageTypeLabel)), workspaces: sorted(workspaces) };
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

export function workspaceNamesOf(workspaces: readonly Workspace[]): WorkspaceNames {
  return new Map(workspaces.map((workspace) => [workspace.id, workspace.name]));
}

/** The workspace's name; its id when the name is not known (yet); "No workspace" when there is none. */
export function workspaceLabel(workspaceId: string | undefined, names: WorkspaceNames = NO_NAMES): string {
  if (!workspaceId) return 'No workspace';
  return names.get(workspaceId) ?? workspaceId;
}
