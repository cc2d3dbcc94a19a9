import type { Bucket } from '../shared/contract';

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-1'];

/**
 * `GET /bucket/{id}/status` for a bucket: three bridge nodes whose statuses follow the
 * bucket's (an OFFLINE bucket has every node offline, a DISCONNECTED one has one node
 * cut off). Both spellings of the latency appear, as the sources disagree: the official
 * client's `latencyMs` and the docs page's `latency_ms`.
 */
export function nodeStatusOf(bucket: Bucket, now: number) {
  const nodeStatus = REGIONS.map((region, index) => {
    const status = bucket.status === 'OFFLINE' ? 'OFFLINE' : bucket.status === 'DISCONNECTED' && index === 1 ? 'DISCONNECTED' : 'ONLINE';
    const latency = status === 'ONLINE' ? 20 + index * 35 : undefined;
    return {
      ip: `10.0.${index}.${(bucket.id.length * 7 + index) % 250}`,
      region,
      version: '1.4.2',
      status,
      ...(latency === undefined ? {} : index === 1 ? { latency_ms: latency } : { latencyMs: latency }),
      lastUpdated: new Date(now - (index + 1) * 60_000 * (status === 'ONLINE' ? 1 : 30)).toISOString(),
    };
  });
  return { bucketId: bucket.id, nodeStatus };
}
