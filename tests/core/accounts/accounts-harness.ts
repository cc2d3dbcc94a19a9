// The accounts tests' harness: controllers and mock servers that stop after each test.
import { afterEach } from 'vitest';
import type { AppState } from '../../../src/shared/contract';
import { makeBuckets } from '../../../src/mock-api/buckets';
import { MockFlashbackApi } from '../../../src/mock-api/server';
import { startHarness, type Harness } from '../../helpers';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** Runs `stop` after the test (in reverse order of registration). */
export function stopAfter(stop: () => Promise<void> | void): void {
  stops.push(stop);
}

/** A controller on its own mock server, stopped after the test. */
export async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  stops.push(() => h.stop());
  return h;
}

/** A second server with its own buckets, stopped after the test. */
export async function secondServer(buckets = makeBuckets(3, { seed: 5 })): Promise<{ api: MockFlashbackApi; url: string }> {
  const api = new MockFlashbackApi({ buckets });
  const url = await api.start();
  stops.push(() => api.stop());
  return { api, url };
}

export const ofAccount = (state: AppState, account: string | undefined) => state.buckets.filter((bucket) => bucket.account === account);
