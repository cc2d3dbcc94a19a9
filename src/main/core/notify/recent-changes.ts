import type { BucketView, RecentChange, StatusChangeRecord } from '../../../shared/contract';
import { bucketDisplayName } from '../../../shared/format';
import { historyKey } from './history-bounds';

/** What the recent changes need of an account: its id, the key its history is kept under, its buckets now. */
export interface RecentSource {
  id: string;
  historyKey: string;
  buckets: readonly BucketView[];
}

type Lists = ReadonlyMap<string, ReadonlyMap<string, readonly StatusChangeRecord[]>>;

/**
 * The newest `limit` changes across every account's buckets since `oldest` (ISO), newest
 * first, each with the bucket's key and name (as listed now; a bucket no longer listed, by
 * its id). Each bucket's list is oldest first, so a list is read from its end only while its
 * entries could still be among the newest: time in proportion to the buckets, not the changes.
 */
export function recentChanges(lists: Lists, accounts: readonly RecentSource[], limit: number, oldest: string): RecentChange[] {
  const found: Array<{ entry: StatusChangeRecord; account: RecentSource; key: string }> = [];
  /** The oldest time among the newest `limit` found so far, once there are that many. */
  let floor = oldest;
  for (const account of accounts) {
    const buckets = lists.get(account.historyKey);
    if (!buckets) continue;
    for (const [key, list] of buckets) {
      for (let i = list.length - 1; i >= 0 && list[i]!.at >= floor; i--) found.push({ entry: list[i]!, account, key });
      if (found.length > 4 * limit) {
        found.sort((a, b) => (a.entry.at > b.entry.at ? -1 : a.entry.at < b.entry.at ? 1 : 0));
        found.length = limit;
        floor = found[limit - 1]!.entry.at;
      }
    }
  }
  found.sort((a, b) => (a.entry.at > b.entry.at ? -1 : a.entry.at < b.entry.at ? 1 : 0));
  const named = new Map<RecentSource, Map<string, BucketView>>();
  const bucketOf = (account: RecentSource, key: string) => {
    let byKey = named.get(account);
    if (!byKey) named.set(account, (byKey = new Map(account.buckets.map((bucket) => [historyKey(bucket.id), bucket]))));
    return byKey.get(key);
  };
  return found.slice(0, limit).map(({ entry, account, key }) => {
    const bucket = bucketOf(account, key);
    return { ...entry, bucketKey: `${account.id}/${bucket?.id ?? key}`, name: bucket ? bucketDisplayName(bucket) : key };
  });
}
