import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketTracker } from '../../src/main/core/notify/bucket-changes';
import { parseAvailableBuckets, parseJsonBody } from '../../src/main/core/api/bucket-schema';

const documentedExample = {
  id: '550e8400-e29b-41d4-a716-446655440000',
  name: 'My Backup Bucket',
  storageType: 'S3',
  bucket: 'my-backup-bucket-2024',
  key: 'AKIAIOSFODNN7EXAMPLE',
  status: 'ONLINE',
  workspaceId: 'workspace-123',
  createdAt: '2024-01-15T10:30:00Z',
};

describe('parseAvailableBuckets', () => {
  it('accepts the documented example as it is', () => {
    expect(parseAvailableBuckets([documentedExample])).toEqual({ ok: true, buckets: [documentedExample] });
  });

  it('keeps unknown storage types, unknown statuses and extra fields', () => {
    const result = parseAvailableBuckets([{ id: 'a', storageType: 'WASABI', status: 'DEGRADED', region: 'eu-west-1', repos: [] }]);
    expect(result).toEqual({ ok: true, buckets: [{ id: 'a', storageType: 'WASABI', status: 'DEGRADED', region: 'eu-west-1', repos: [] }] });
  });

  it('accepts buckets with only an id, since every other field is optional', () => {
    expect(parseAvailableBuckets([{ id: 'only-id' }])).toEqual({ ok: true, buckets: [{ id: 'only-id' }] });
  });

  it('drops a documented field of the wrong type instead of rejecting the list', () => {
    const result = parseAvailableBuckets([{ id: 'a', name: 42, status: null }]);
    expect(result).toEqual({ ok: true, buckets: [{ id: 'a' }] });
  });

  it('accepts an empty list (no bucket is available)', () => {
    expect(parseAvailableBuckets([])).toEqual({ ok: true, buckets: [] });
  });

  it.each([
    [{ success: true, buckets: [] }, 'a JSON object instead of a list of buckets'],
    [null, 'null instead of a list of buckets'],
    ['[]', 'a JSON string instead of a list of buckets'],
    [[{ name: 'no id' }], 'a bucket without a usable id (#1 in the list)'],
    [[{ id: 'ok' }, { id: 7 }], 'a bucket without a usable id (#2 in the list)'],
    [[{ id: '   ' }], 'a bucket without a usable id (#1 in the list)'],
    [['not an object'], 'a bucket without a usable id (#1 in the list)'],
  ])('rejects %j with a problem a person can read', (body, problem) => {
    expect(parseAvailableBuckets(body)).toEqual({ ok: false, problem });
  });

  it('keeps the first of two buckets with the same id (the tracker, which looks every id up anyway, drops the rest)', () => {
    const result = parseAvailableBuckets([{ id: 'a', name: 'first' }, { id: 'a', name: 'second' }, { id: 'b' }]);
    expect(result.ok).toBe(true);
    const tracker = new BucketTracker();
    const first = tracker.update(result.ok ? result.buckets : [], 'T1');
    expect(first.views.map((view) => view.name ?? view.id)).toEqual(['first', 'b']);
    // Known ids repeated later, and new ids repeated: still one each, and no change reported for the repeat.
    const second = tracker.update([{ id: 'b' }, { id: 'a', name: 'first' }, { id: 'b', name: 'dup' }, { id: 'c' }, { id: 'c', name: 'dup' }], 'T2');
    expect(second.views.map((view) => `${view.id}:${view.name ?? ''}`)).toEqual(['b:', 'a:first', 'c:']);
    expect(second.changes.map((change) => `${change.type}:${change.bucket.id}`)).toEqual(['added:c']);
  });

  it('never throws, and yields a list or a problem, for thousands of random and mutated payloads', () => {
    const bucketLike = fc.record(
      {
        id: fc.oneof(fc.string(), fc.uuid(), fc.integer(), fc.constant(null)),
        name: fc.oneof(fc.string(), fc.integer()),
        status: fc.oneof(fc.constantFrom('ONLINE', 'OFFLINE', 'DISCONNECTED'), fc.string()),
        storageType: fc.oneof(fc.constantFrom('S3', 'GCS', 'BLOB'), fc.string(), fc.boolean()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const payload = fc.oneof(fc.anything(), fc.array(bucketLike), fc.array(fc.anything()), fc.jsonValue());
    fc.assert(
      fc.property(payload, (body) => {
        const result = parseAvailableBuckets(body);
        if (result.ok) {
          expect(Array.isArray(body)).toBe(true);
          for (const bucket of result.buckets) expect(typeof bucket.id === 'string' && bucket.id.trim().length > 0).toBe(true);
          if ((body as unknown[]).length > 0) expect(result.buckets.length).toBeGreaterThan(0);
        } else {
          expect(result.problem.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on mutated response text either', () => {
    const good = JSON.stringify([documentedExample, { ...documentedExample, id: 'b' }]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length }), fc.string(), (cut, junk) => {
        const text = good.slice(0, cut) + junk;
        const body = parseJsonBody(text, 'application/json');
        if (body.ok) parseAvailableBuckets(body.value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseJsonBody', () => {
  it('recognises an HTML page', () => {
    expect(parseJsonBody('<!doctype html><h1>502</h1>', 'text/html')).toEqual({ ok: false, problem: 'an HTML page instead of JSON' });
  });
  it('recognises truncated JSON', () => {
    expect(parseJsonBody('[{"id":"a","na', 'application/json')).toEqual({ ok: false, problem: 'JSON that is cut off or malformed' });
  });
  it('recognises an empty body', () => {
    expect(parseJsonBody('  ', null)).toEqual({ ok: false, problem: 'an empty response' });
  });
});
