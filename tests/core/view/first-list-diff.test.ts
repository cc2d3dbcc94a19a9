import { describe, expect, it, vi } from 'vitest';
import * as accounts from '../../../src/shared/accounts';
import { diffBuckets } from '../../../src/main/core/view/bucket-diff';

vi.mock('../../../src/shared/accounts', async (importOriginal) => {
  const real = await importOriginal<typeof accounts>();
  return { ...real, bucketKey: vi.fn(real.bucketKey) };
});

describe('the patch of a first list', () => {
  it('is every bucket, found without a key or a set per bucket (100,000 at sign-in were a long task)', () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({ id: `b${i}`, account: i % 2 ? 'acc-2' : undefined, status: 'ONLINE' }));
    const patch = diffBuckets([], list);
    expect(patch).toEqual({ upsert: list, remove: [] });
    expect(patch.upsert).not.toBe(list);
    expect(accounts.bucketKey).not.toHaveBeenCalled();
  });
});
