import type { BucketNode } from '../../../shared/contract';

const MAX_NODES = 200;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return clean ? clean.slice(0, max) : undefined;
}

function latency(node: Record<string, unknown>): number | undefined {
  // The official client's type says `latencyMs`; the docs page spells `latency_ms`.
  const value = node.latencyMs ?? node.latency_ms;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? Math.round(number) : undefined;
}

/**
 * `GET /bucket/{id}/status` → `{bucketId, nodeStatus: [{ip, region, version, status,
 * latencyMs? | latency_ms?, lastUpdated}]}`. Entries without a status are left out; strings
 * are cleaned and clipped; unknown fields never reach the view. `undefined`: not that shape.
 */
export function parseBucketNodes(body: unknown): BucketNode[] | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const list = (body as Record<string, unknown>).nodeStatus;
  if (!Array.isArray(list)) return undefined;
  const nodes: BucketNode[] = [];
  for (const item of list.slice(0, MAX_NODES)) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const node = item as Record<string, unknown>;
    const status = text(node.status, 32);
    if (!status) continue;
    const updated = text(node.lastUpdated ?? node.last_updated, 64);
    const at = updated ? Date.parse(updated) : NaN;
    const ms = latency(node);
    nodes.push({
      ip: text(node.ip, 64) ?? '',
      region: text(node.region, 64) ?? '',
      version: text(node.version, 32) ?? '',
      status,
      ...(ms !== undefined ? { latencyMs: ms } : {}),
      ...(Number.isNaN(at) ? {} : { lastUpdated: new Date(at).toISOString() }),
    });
  }
  return nodes;
}
