import type { Bucket } from '../shared/contract';

/** A deterministic pseudo-random generator, so scenarios and benchmarks repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const STORAGE_TYPES = ['S3', 'GCS', 'BLOB'];
const STATUSES = ['ONLINE', 'ONLINE', 'ONLINE', 'ONLINE', 'OFFLINE', 'DISCONNECTED'];
const WORDS = ['backup', 'archive', 'media', 'logs', 'assets', 'exports', 'replica', 'cold', 'uploads', 'reports', 'builds', 'photos'];

/** `count` realistic buckets over S3/GCS/BLOB and `workspaces` workspaces. */
export function makeBuckets(count: number, options: { seed?: number; workspaces?: number } = {}): Bucket[] {
  const random = seededRandom(options.seed ?? 42);
  const workspaces = options.workspaces ?? 2;
  return Array.from({ length: count }, (_, index) => {
    const word = WORDS[index % WORDS.length]!;
    const storageType = STORAGE_TYPES[Math.floor(random() * STORAGE_TYPES.length)]!;
    const created = Date.UTC(2025, 0, 1) + Math.floor(random() * 600) * 86_400_000;
    return {
      id: uuidFrom(random),
      name: `${word[0]!.toUpperCase()}${word.slice(1)} ${index + 1}`,
      storageType,
      bucket: `${word}-${storageType.toLowerCase()}-${index + 1}`,
      key: `AKIA${Math.floor(random() * 1e12).toString(36).toUpperCase().padStart(12, 'X')}DEMO`,
      status: STATUSES[Math.floor(random() * STATUSES.length)]!,
      workspaceId: `workspace-${(index % workspaces) + 1}`,
      createdAt: new Date(created).toISOString(),
    };
  });
}

/** The demo scenario's dozen buckets: readable names, two workspaces, every storage type. */
export function demoBuckets(): Bucket[] {
  const rows: Array<[string, string, string, string, string]> = [
    ['Production backups', 'S3', 'acme-prod-backups', 'ONLINE', 'workspace-engineering'],
    ['Media archive', 'GCS', 'acme-media-archive', 'ONLINE', 'workspace-engineering'],
    ['Build artifacts', 'S3', 'acme-build-artifacts', 'ONLINE', 'workspace-engineering'],
    ['Log cold storage', 'BLOB', 'acmelogscold', 'OFFLINE', 'workspace-engineering'],
    ['Staging replica', 'GCS', 'acme-staging-replica', 'ONLINE', 'workspace-engineering'],
    ['Customer exports', 'S3', 'acme-customer-exports', 'DISCONNECTED', 'workspace-engineering'],
    ['Finance reports', 'BLOB', 'acmefinancereports', 'ONLINE', 'workspace-finance'],
    ['Invoices 2026', 'S3', 'acme-invoices-2026', 'ONLINE', 'workspace-finance'],
    ['Audit trail', 'GCS', 'acme-audit-trail', 'ONLINE', 'workspace-finance'],
    ['Payroll archive', 'BLOB', 'acmepayrollarchive', 'ONLINE', 'workspace-finance'],
    ['Tax documents', 'S3', 'acme-tax-documents', 'ONLINE', 'workspace-finance'],
    ['Scanned receipts', 'GCS', 'acme-scanned-receipts', 'ONLINE', 'workspace-finance'],
  ];
  const random = seededRandom(7);
  return rows.map(([name, storageType, bucket, status, workspaceId], index) => ({
    id: uuidFrom(random),
    name,
    storageType,
    bucket,
    key: `AKIA${['IOSFODNN7', 'J2EXAMPLE', 'Q4SAMPLEX', 'ZZDEMOKEY'][index % 4]}${String(index).padStart(3, '0')}DEMO`,
    status,
    workspaceId,
    createdAt: new Date(Date.UTC(2025, index % 12, 3 + index)).toISOString(),
  }));
}

/** The ops user's buckets: a few of its own, and the demo user's first one (two accounts of one workspace see the same bucket). */
export function opsBuckets(demo: readonly Bucket[]): Bucket[] {
  const random = seededRandom(11);
  const own: Array<[string, string, string, string]> = [
    ['Incident snapshots', 'S3', 'acme-incident-snapshots', 'ONLINE'],
    ['Metrics history', 'GCS', 'acme-metrics-history', 'OFFLINE'],
    ['Runbook attachments', 'BLOB', 'acmerunbookfiles', 'ONLINE'],
  ];
  return [
    ...own.map(([name, storageType, bucket, status], index) => ({
      id: uuidFrom(random),
      name,
      storageType,
      bucket,
      status,
      workspaceId: 'workspace-operations',
      createdAt: new Date(Date.UTC(2025, 6, 10 + index)).toISOString(),
    })),
    ...demo.slice(0, 1),
  ];
}
