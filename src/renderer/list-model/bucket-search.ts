import { accountOf } from '../../shared/accounts';
import type { BucketView } from '../../shared/contract';
import { isProblem, statusLabel, storageTypeLabel } from '../../shared/format';
import { bucketsOf } from './bucket-index';
import { searchText, searchTextOf, type BucketFilters, type IndexedBucket, type WorkspaceNames } from './bucket-query';

/** The search box's words, lower-cased: a bucket matches when its search text holds every one. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** True when every bucket matching `next` also matches `previous`: each earlier word lies inside a word typed now. */
export function narrows(previous: readonly string[], next: readonly string[]): boolean {
  return previous.every((word) => next.some((longer) => longer.includes(word)));
}

/** The menus' filters and the shown account, for one bucket (the search box apart). */
function passes(b: BucketView, problem: boolean, filters: BucketFilters, account: string | undefined): boolean {
  if (account !== undefined && accountOf(b) !== account) return false;
  const { status, storageType, workspace } = filters;
  if (status && (status === 'problems' ? !problem : statusLabel(b.status) !== status)) return false;
  if (storageType && storageTypeLabel(b.storageType) !== storageType) return false;
  return !workspace || (b.workspaceId ?? '') === workspace;
}

function holdsAll(text: string, terms: readonly string[]): boolean {
  for (let t = 0; t < terms.length; t++) if (!text.includes(terms[t]!)) return false;
  return true;
}

const unfiltered = (filters: BucketFilters, account: string | undefined, terms: readonly string[]) => !terms.length && !filters.status && !filters.storageType && !filters.workspace && account === undefined;

/** The entries of `source` that pass the filters and hold every term; one plain pass. */
function matching(source: readonly IndexedBucket[], filters: BucketFilters, account: string | undefined, terms: readonly string[]): IndexedBucket[] {
  const out: IndexedBucket[] = [];
  for (let i = 0; i < source.length; i++) {
    const entry = source[i]!;
    if (!passes(entry.bucket, entry.problem, filters, account)) continue;
    if (terms.length && !holdsAll(entry.haystack ?? searchText(entry), terms)) continue;
    out.push(entry);
  }
  return out;
}

/**
 * The same test for a bare bucket, for a list not indexed yet (its first screen, see
 * use-list-index.ts); undefined when nothing is filtered.
 */
export function bucketMatcher(filters: BucketFilters, account: string | undefined, names: WorkspaceNames): ((bucket: BucketView) => boolean) | undefined {
  const terms = queryTerms(filters.query);
  if (unfiltered(filters, account, terms)) return undefined;
  return (b) => passes(b, isProblem(b), filters, account) && (!terms.length || holdsAll(searchTextOf(b, b.workspaceId ? names.get(b.workspaceId) : undefined), terms));
}

interface Last {
  indexed: readonly IndexedBucket[];
  account: string | undefined;
  status: string;
  storageType: string;
  workspace: string;
  terms: readonly string[];
  entries: readonly IndexedBucket[];
  buckets: BucketView[];
}

/**
 * The list's filter, narrowing as people type: while the index and the other filters stay
 * the same, a query that extends the last one (each earlier word inside a word typed now)
 * looks only through the last result, so each key costs what the last result holds, not
 * the whole list. Any other change starts again from the whole index.
 */
export class BucketSearch {
  private last: Last | undefined;

  run(indexed: readonly IndexedBucket[], filters: BucketFilters, account?: string): BucketView[] {
    const terms = queryTerms(filters.query);
    const last = this.last;
    const same = last && last.indexed === indexed && last.account === account && last.status === filters.status && last.storageType === filters.storageType && last.workspace === filters.workspace;
    if (same && last.terms.length === terms.length && last.terms.every((term, i) => term === terms[i])) return last.buckets;
    const source = same && narrows(last.terms, terms) ? last.entries : indexed;
    const entries = unfiltered(filters, account, terms) ? indexed : matching(source, filters, account, terms);
    const buckets = entries === indexed ? bucketsOf(indexed) : entries.map((entry) => entry.bucket);
    this.last = { indexed, account, status: filters.status, storageType: filters.storageType, workspace: filters.workspace, terms, entries, buckets };
    return buckets;
  }
}
