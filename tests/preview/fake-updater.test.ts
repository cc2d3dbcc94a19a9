import { describe, expect, it } from 'vitest';
import { FakeUpdater } from '../../src/preview/fake-updater';

describe('the preview’s fake updater', () => {
  it('a check’s result carries its download’s outcome: the first N fail, the next one succeeds', async () => {
    const updater = new FakeUpdater('9.9.9', () => undefined, { downloadMs: 1, failDownloads: 1 });
    const first = await updater.check();
    expect(first?.version).toBe('9.9.9');
    expect(await first?.download).toEqual({ ok: false, reason: 'the fake release server dropped the connection' });
    const second = await updater.check();
    expect(await second?.download).toEqual({ ok: true });
  });

  it('without a version every check finds nothing', async () => {
    expect(await new FakeUpdater(undefined, () => undefined).check()).toBeUndefined();
  });
});
