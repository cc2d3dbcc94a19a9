import type { BucketView } from './contract';
import { statusLabel, statusTone, storageTypeLabel, type BucketCounts } from './format';
import { listChange } from './state-patch';

/**
 * What the header, the toolbar and the filter menus need of a whole list, as counts per raw
 * value: how many buckets have each status, each storage type, each workspace ('' for none).
 * The counts of problems and offline buckets follow from the statuses (a handful of values).
 */
interface ListStats {
  readonly available: number;
  readonly statuses: ReadonlyMap<string | undefined, number>;
  readonly storageTypes: ReadonlyMap<string | undefined, number>;
  readonly workspaces: ReadonlyMap<string, number>;
}

const made = new WeakMap<readonly BucketView[], ListStats>();

function add<K>(counts: Map<K, number>, key: K, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
}

/** Values a tally keeps in its short list before it takes a map for the rest. */
const FEW = 8;

/**
 * How many times each value came, for values of which there are a handful (statuses, storage
 * types, most lists' workspaces): a fresh string from `JSON.parse` is told apart from the few
 * seen by a plain comparison, not hashed for a map lookup; past FEW values, a map. The counts
 * come out in the order the values were first seen, as one map's would.
 */
class Tally<K> {
  private readonly keys: K[] = [];
  private readonly counts: number[] = [];
  private readonly more = new Map<K, number>();

  add(key: K): void {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === key) {
        this.counts[i]!++;
        return;
      }
    }
    if (keys.length < FEW) {
      keys.push(key);
      this.counts.push(1);
    } else this.more.set(key, (this.more.get(key) ?? 0) + 1);
  }

  map(): Map<K, number> {
    const counts = new Map<K, number>();
    this.keys.forEach((key, i) => counts.set(key, this.counts[i]!));
    for (const [key, count] of this.more) counts.set(key, count);
    return counts;
  }
}

/**
 * Counts a list a slice at a time (a large snapshot is decoded a line per task, shared/wire.ts),
 * then gives the stats to the list they were counted from.
 */
export class StatsCounter {
  private readonly statuses = new Tally<string | undefined>();
  private readonly storageTypes = new Tally<string | undefined>();
  private readonly workspaces = new Tally<string>();

  add(buckets: readonly BucketView[]): void {
    const { statuses, storageTypes, workspaces } = this;
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      statuses.add(b.status);
      storageTypes.add(b.storageType);
      workspaces.add(b.workspaceId ?? '');
    }
  }

  /** The stats of `buckets`, which must be exactly the buckets added. */
  give(buckets: readonly BucketView[]): ListStats {
    const stats: ListStats = { available: buckets.length, statuses: this.statuses.map(), storageTypes: this.storageTypes.map(), workspaces: this.workspaces.map() };
    made.set(buckets, stats);
    return stats;
  }
}

function count(buckets: readonly BucketView[]): ListStats {
  const counter = new StatsCounter();
  counter.add(buckets);
  return counter.give(buckets);
}

/** `stats` after taking out `dropped` and putting in `added`: time in proportion to the change. */
function follow(stats: ListStats, length: number, dropped: readonly BucketView[], added: readonly BucketView[]): ListStats {
  const statuses = new Map(stats.statuses);
  const storageTypes = new Map(stats.storageTypes);
  const workspaces = new Map(stats.workspaces);
  const apply = (b: BucketView, by: number) => {
    add(statuses, b.status, by);
    add(storageTypes, b.storageType, by);
    add(workspaces, b.workspaceId ?? '', by);
  };
  for (const b of dropped) apply(b, -1);
  for (const b of added) apply(b, 1);
  return { available: length, statuses, storageTypes, workspaces };
}

/**
 * The list's stats, made once per list: a list a patch made from one whose stats are known
 * (state-patch.ts `listChange`) follows the patch's changes; any other list is counted in one
 * pass.
 */
export function listStats(buckets: readonly BucketView[]): ListStats {
  let stats = made.get(buckets);
  if (stats) return stats;
  const change = listChange(buckets);
  const before = change && made.get(change.from);
  if (!before) return count(buckets);
  stats = follow(before, buckets.length, change.dropped, change.added);
  made.set(buckets, stats);
  return stats;
}

/** The header's counts (as `countBuckets` makes them), from the stats. */
export function statsCounts(stats: ListStats): BucketCounts {
  let problems = 0;
  let offline = 0;
  for (const [status, n] of stats.statuses) {
    const tone = statusTone(status);
    if (tone !== 'ok') problems += n;
    if (tone === 'bad') offline += n;
  }
  return { available: stats.available, problems, offline };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export interface FilterOptions {
  statuses: string[];
  storageTypes: string[];
  workspaces: string[];
}

/** The values the filter menus offer: those present in the list, labelled and in order. */
export function statsOptions(stats: ListStats): FilterOptions {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort(collator.compare);
  return {
    statuses: sorted([...stats.statuses.keys()].map(statusLabel)),
    storageTypes: sorted([...stats.storageTypes.keys()].map(storageTypeLabel)),
    workspaces: sorted(stats.workspaces.keys()),
  };
}
