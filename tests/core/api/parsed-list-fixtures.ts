import { parseAvailableBuckets } from '../../../src/main/core/api/bucket-schema';
import { listFrom, type ParsedList } from '../../../src/main/core/api/incremental-list';

/** A response body as the server sends it: the value as compact JSON bytes. */
export const body = (value: unknown) => Buffer.from(JSON.stringify(value));

/** The list a whole parse of `bytes` keeps (its pieces cut and its buckets checked), as a poll before would have left it. */
export function fullList(bytes: Buffer): ParsedList {
  const parsed = parseAvailableBuckets(JSON.parse(bytes.toString()));
  if (!parsed.ok) throw new Error(parsed.problem);
  const list = listFrom(bytes, parsed.buckets);
  if (!list) throw new Error('not cut');
  return list;
}
