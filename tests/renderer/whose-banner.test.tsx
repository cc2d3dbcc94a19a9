import { describe, expect, it } from 'vitest';
import { pickBanner } from '../../src/renderer/components/frame/Banner';
import type { SyncError } from '../../src/shared/contract';
import { NOW, signedInState } from './fixtures';

describe('the banner says whose problem a failed poll is', () => {
  const failed = (whose?: SyncError['whose']) => {
    const state = signedInState();
    const error: SyncError = { kind: 'server', message: 'Flashback’s server had a problem (HTTP 503).', ...(whose ? { whose } : {}) };
    return pickBanner({ ...state, sync: { ...state.sync, phase: 'error', error } }, NOW)?.text ?? '';
  };

  it.each([
    ['flashback', /^Flashback is having problems\. Flashback’s server had a problem \(HTTP 503\)\./],
    ['offline', /^This computer seems to be offline: not even Flashback’s health check gets through\. /],
    ['refused', /^Flashback refused this request \(it says it is well otherwise\)\. /],
  ] as const)('%s', (whose, text) => {
    expect(failed(whose)).toMatch(text);
  });

  it('before the health check answers, the failure alone', () => {
    expect(failed()).toMatch(/^Flashback’s server had a problem \(HTTP 503\)\./);
  });
});
