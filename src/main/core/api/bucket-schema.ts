import type { Bucket } from '../../../shared/contract';

/**
 * The documented fields. Every one is optional and the enums are open sets, so a field of
 * the wrong type is dropped (treated as absent) rather than failing the whole list; only a
 * body that is not a list of objects with string ids is rejected.
 *
 * Written as a plain loop rather than a valibot schema: this runs on every poll, and with
 * 10,000 buckets valibot took 8–25 ms where this takes about 1 ms (see `npm run bench`).
 */
/** A bucket as parsed: the known fields typed, unknown extra fields kept as they came. */
export type ParsedBucket = Bucket & Record<string, unknown>;

type ParseResult = { ok: true; buckets: ParsedBucket[] } | { ok: false; problem: string };

/** Describes what arrived, for the sentence a person reads ("an HTML page", "a JSON object"). */
function describeBody(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'a list';
  return typeof body === 'object' ? 'a JSON object' : `a JSON ${typeof body}`;
}

/**
 * Checks a parsed `GET /bucket/available` body. The objects come straight from
 * `JSON.parse`, so they are cleaned in place (no copies); unknown extra fields are kept.
 * A repeated id is left to the BucketTracker (it keeps the first), which looks every id up
 * anyway: a Set here cost 30 ms at 100,000 buckets, for hashing the ids a second time.
 */
export function parseAvailableBuckets(body: unknown): ParseResult {
  if (!Array.isArray(body)) return { ok: false, problem: `${describeBody(body)} instead of a list of buckets` };
  const buckets: ParsedBucket[] = [];
  for (let index = 0; index < body.length; index++) {
    const bucket = checkBucket(body[index]);
    if (!bucket) return noId(index);
    buckets.push(bucket);
  }
  return { ok: true, buckets };
}

/** One item of the list, cleaned in place; undefined when it is not an object with a usable id. */
export function checkBucket(item: unknown): ParsedBucket | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const rawId = record.id;
  if (typeof rawId !== 'string') return undefined;
  const id = rawId.trim();
  if (id === '') return undefined;
  if (id !== rawId) record.id = id;
  // Written out field by field: a loop over field names makes each access a slow keyed
  // lookup (about 50 ms at 100,000 buckets); named accesses take a few.
  if (!(typeof record.name === 'string' || record.name === undefined)) delete record.name;
  if (!(typeof record.storageType === 'string' || record.storageType === undefined)) delete record.storageType;
  if (!(typeof record.bucket === 'string' || record.bucket === undefined)) delete record.bucket;
  if (!(typeof record.key === 'string' || record.key === undefined)) delete record.key;
  if (!(typeof record.status === 'string' || record.status === undefined)) delete record.status;
  if (!(typeof record.workspaceId === 'string' || record.workspaceId === undefined)) delete record.workspaceId;
  if (!(typeof record.createdAt === 'string' || record.createdAt === undefined)) delete record.createdAt;
  return record as ParsedBucket;
}

/**
 * Gives `bucket` (just parsed) the very strings of `like` (the same bucket in the last list)
 * wherever they are equal: the copies just parsed die young instead of living on with the
 * list (a status flip leaves every other field as it was, and 100,000 buckets' ids, names
 * and dates are most of a list's memory). The values are the same either way.
 */
export function shareStrings(bucket: Bucket, like: Bucket): void {
  if (bucket.id === like.id) bucket.id = like.id;
  if (bucket.name !== undefined && bucket.name === like.name) bucket.name = like.name;
  if (bucket.storageType !== undefined && bucket.storageType === like.storageType) bucket.storageType = like.storageType;
  if (bucket.bucket !== undefined && bucket.bucket === like.bucket) bucket.bucket = like.bucket;
  if (bucket.key !== undefined && bucket.key === like.key) bucket.key = like.key;
  if (bucket.status !== undefined && bucket.status === like.status) bucket.status = like.status;
  if (bucket.workspaceId !== undefined && bucket.workspaceId === like.workspaceId) bucket.workspaceId = like.workspaceId;
  if (bucket.createdAt !== undefined && bucket.createdAt === like.createdAt) bucket.createdAt = like.createdAt;
}

function noId(index: number): ParseResult {
  return { ok: false, problem: `a bucket without a usable id (#${index + 1} in the list)` };
}

/** Turns the raw response text into JSON, or says in words why it is not JSON. */
export function parseJsonBody(text: string, contentType: string | null): { ok: true; value: unknown } | { ok: false; problem: string } {
  const trimmed = text.trimStart();
  if (trimmed === '') return { ok: false, problem: 'an empty response' };
  if (trimmed.startsWith('<') || contentType?.includes('text/html')) return { ok: false, problem: 'an HTML page instead of JSON' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: 'JSON that is cut off or malformed' };
  }
}
