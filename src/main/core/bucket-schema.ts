import * as v from 'valibot';
import type { Bucket } from '../../shared/contract';

/**
 * Every documented field is optional and the enums are open sets, so a field of the
 * wrong type is dropped (treated as absent) rather than failing the whole list; only
 * a body that is not a list of objects with string ids is rejected.
 */
const optionalText = v.fallback(v.optional(v.string()), undefined);

const BucketSchema = v.looseObject({
  id: v.pipe(v.string(), v.trim(), v.nonEmpty()),
  name: optionalText,
  storageType: optionalText,
  bucket: optionalText,
  key: optionalText,
  status: optionalText,
  workspaceId: optionalText,
  createdAt: optionalText,
});

const AvailableBucketsSchema = v.array(BucketSchema);

/** A bucket as parsed: the known fields typed, unknown extra fields kept as they came. */
export type ParsedBucket = Bucket & Record<string, unknown>;

export type ParseResult = { ok: true; buckets: ParsedBucket[] } | { ok: false; problem: string };

/** Describes what arrived, for the sentence a person reads ("an HTML page", "a JSON object"). */
function describeBody(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'a list';
  return typeof body === 'object' ? 'a JSON object' : `a JSON ${typeof body}`;
}

export function parseAvailableBuckets(body: unknown): ParseResult {
  if (!Array.isArray(body)) return { ok: false, problem: `${describeBody(body)} instead of a list of buckets` };
  const result = v.safeParse(AvailableBucketsSchema, body);
  if (!result.success) {
    const index = result.issues[0]?.path?.[0]?.key;
    const where = typeof index === 'number' ? `bucket #${index + 1}` : 'a bucket';
    return { ok: false, problem: `${where} has no usable id` };
  }
  return { ok: true, buckets: dropOmittedKeys(dedupeById(result.output as ParsedBucket[])) };
}

/** Identity is the id: a repeated id keeps its first occurrence. */
function dedupeById(buckets: ParsedBucket[]): ParsedBucket[] {
  const seen = new Set<string>();
  const unique: ParsedBucket[] = [];
  for (const bucket of buckets) {
    if (seen.has(bucket.id)) continue;
    seen.add(bucket.id);
    unique.push(bucket);
  }
  return unique;
}

/** valibot's fallback leaves `key: undefined` entries; drop them so snapshots stay small and equal. */
function dropOmittedKeys(buckets: ParsedBucket[]): ParsedBucket[] {
  for (const bucket of buckets) {
    for (const key of Object.keys(bucket)) if (bucket[key] === undefined) delete bucket[key];
  }
  return buckets;
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
