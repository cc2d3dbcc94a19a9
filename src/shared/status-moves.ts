import { bucketKey } from './accounts';
import type { Bucket, BucketView, StatusMove } from './contract';

/** What a group of moves shares: the buckets' account, and the fields a change of status sets. */
export type StatusFields = Omit<StatusMove, 'ids'>;

/**
 * True when two buckets agree on every documented field but their id and status (contract.ts
 * `Bucket`), by `===`: the core shares unchanged strings between a bucket's views
 * (api/bucket-schema.ts `shareStrings`), so most of these compare by identity. Named accesses,
 * not a loop over field names (a keyed lookup each, several times slower on 100,000 buckets).
 */
export function sameApartFromStatus(a: Bucket, b: Bucket): boolean {
  return a.name === b.name && a.storageType === b.storageType && a.bucket === b.bucket && a.key === b.key && a.workspaceId === b.workspaceId && a.createdAt === b.createdAt;
}

/** True when `next` is `previous` with another status (and "since", "was"): the same bucket of the same account, every other field the same. */
export function onlyStatusMoved(previous: BucketView, next: BucketView): boolean {
  return next.id === previous.id && next.account === previous.account && sameApartFromStatus(previous, next);
}

function sameFields(a: StatusFields, b: StatusFields): boolean {
  return a.status === b.status && a.previousStatus === b.previousStatus && a.statusSince === b.statusSince && a.account === b.account;
}

/** A group's fields, absent ones left out (the wire carries no `null`s). */
function groupOf(fields: StatusFields): StatusMove {
  const group: Partial<StatusMove> = {};
  if (fields.account !== undefined) group.account = fields.account;
  if (fields.status !== undefined) group.status = fields.status;
  if (fields.previousStatus !== undefined) group.previousStatus = fields.previousStatus;
  if (fields.statusSince !== undefined) group.statusSince = fields.statusSince;
  group.ids = [];
  return group as StatusMove;
}

/** Groups looked through one by one before a map of them is kept: a poll's changes come in a handful of from → to pairs. */
const SCAN_AT_MOST = 8;

/**
 * Bucket ids grouped by account and the status fields they move to: a poll whose 100,000
 * statuses flipped is a few groups of ids (a few MB on the wire, and no string made per
 * bucket), not 100,000 whole buckets (25 MB). The group is found among the few there are, or
 * by a map when there are many.
 */
export class StatusMoves {
  private readonly groups: StatusMove[] = [];
  private byFields: Map<string, StatusMove> | undefined;

  add(id: string, fields: StatusFields): void {
    this.groupFor(fields).ids.push(id);
  }

  /** The groups, or undefined when none was added. */
  toArray(): StatusMove[] | undefined {
    return this.groups.length === 0 ? undefined : this.groups;
  }

  private groupFor(fields: StatusFields): StatusMove {
    const groups = this.groups;
    if (!this.byFields) {
      for (let i = 0; i < groups.length; i++) if (sameFields(groups[i]!, fields)) return groups[i]!;
      if (groups.length < SCAN_AT_MOST) return this.push(fields);
      this.byFields = new Map(groups.map((group) => [fieldsId(group), group]));
    }
    const id = fieldsId(fields);
    return this.byFields.get(id) ?? this.push(fields, id);
  }

  private push(fields: StatusFields, id?: string): StatusMove {
    const group = groupOf(fields);
    this.groups.push(group);
    if (id !== undefined) this.byFields?.set(id, group);
    return group;
  }
}

/** One string per distinct set of fields: each present field marked and measured, so an absent field and any text differ. */
function fieldsId(fields: StatusFields): string {
  const part = (text: string | undefined) => (text === undefined ? '-' : `+${text.length}:${text}`);
  return part(fields.account) + part(fields.status) + part(fields.previousStatus) + part(fields.statusSince);
}

/**
 * `bucket` with the group's status fields: a new object (views are never changed in place)
 * made field by field, which costs a third of a spread (100,000 of them at once when every
 * status flipped). A view holds these fields and no others (contract.ts `BucketView`).
 */
export function moved(bucket: BucketView, fields: StatusFields): BucketView {
  return {
    id: bucket.id,
    account: bucket.account,
    name: bucket.name,
    storageType: bucket.storageType,
    bucket: bucket.bucket,
    key: bucket.key,
    status: fields.status,
    workspaceId: bucket.workspaceId,
    createdAt: bucket.createdAt,
    statusSince: fields.statusSince,
    previousStatus: fields.previousStatus,
  };
}

/** The key (shared/accounts.ts) of a group's bucket. */
export function movedKey(group: StatusFields, id: string): string {
  return bucketKey({ id, account: group.account });
}

/** How far past the last bucket a group's next id is looked for, in the list's order, before asking the map. */
const LOOK_AHEAD = 16;

/**
 * Where each bucket of a group sits in `list`: a group's ids come in the order of the core's
 * list, which is the view's order too unless the server reordered it since the view's
 * snapshot, so the next one is looked for just after the last one found, checked by id and
 * account, and looked up by key in `places` only when it is not there. A lookup by a string
 * just made hashes it and misses the cache: 100,000 of them cost the page 70 ms.
 */
export function* placesInOrder(group: StatusMove, list: readonly BucketView[], places: ReadonlyMap<string, number>): Generator<number, void, void> {
  const { account } = group;
  let last = -1;
  for (const id of group.ids) {
    let place = -1;
    for (let at = last + 1, end = Math.min(list.length, last + 1 + LOOK_AHEAD); at < end; at++) {
      const bucket = list[at]!;
      if (bucket.id === id && bucket.account === account) {
        place = at;
        break;
      }
    }
    if (place < 0) place = places.get(movedKey(group, id)) ?? -1;
    if (place < 0) continue;
    last = place;
    yield place;
  }
}

/** How many buckets the groups move. */
export function movedCount(groups: readonly StatusMove[] | undefined): number {
  let count = 0;
  if (groups) for (const group of groups) count += group.ids.length;
  return count;
}
