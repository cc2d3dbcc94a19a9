import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/mock-api/server';
import { startHarness, waitForState, type Harness } from '../helpers';

/**
 * When a poll fails with a 5xx or a timeout, `GET /health` says whose problem it is, and
 * the banner's state says so: Flashback's, this computer's, or this request's alone.
 */
describe('whose problem a failed poll is', () => {
  let h: Harness;
  afterEach(async () => h.stop());

  async function failWith(fault: Fault, health: 'ok' | 'error' | 'down') {
    h = await startHarness({ requestTimeoutMs: 400 });
    h.api.health = health;
    h.api.resetStats();
    h.api.injectFault(fault);
    await h.controller.dispatch('refresh', []);
    return h.controller;
  }

  it.each([
    ['HTTP 503, health "error": Flashback’s', { type: 'status', status: 503 } as Fault, 'error', 'flashback'],
    ['HTTP 500, health "ok": this request refused', { type: 'status', status: 500 } as Fault, 'ok', 'refused'],
    ['HTTP 502, health cut off: this computer’s', { type: 'status', status: 502 } as Fault, 'down', 'offline'],
    ['a timeout, health cut off: this computer’s', { type: 'timeout' } as Fault, 'down', 'offline'],
    ['a timeout, health "ok": this request refused', { type: 'timeout' } as Fault, 'ok', 'refused'],
  ] as const)('%s', async (_what, fault, health, whose) => {
    const controller = await failWith(fault, health);
    const state = await waitForState(controller, (s) => s.sync.error?.whose !== undefined);
    expect(state.sync.error).toMatchObject({ whose });
    expect(h.api.stats.requests['GET /health']).toBe(1);
  });

  it('asks nothing for failures that already say whose they are (403, 404, 429, bad JSON)', async () => {
    for (const fault of [{ type: 'status', status: 404 }, { type: 'status', status: 429 }, { type: 'html' }] as Fault[]) {
      const controller = await failWith(fault, 'ok');
      await waitForState(controller, (s) => s.sync.error !== undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(controller.state.sync.error?.whose).toBeUndefined();
      expect(h.api.stats.requests['GET /health']).toBeUndefined();
      await h.stop();
    }
    h = await startHarness();
  });

  it('a health answer that comes after the next poll succeeded changes nothing', async () => {
    const controller = await failWith({ type: 'status', status: 500 }, 'ok');
    await waitForState(controller, (s) => s.sync.error?.whose === 'refused');
    await controller.dispatch('refresh', []);
    await waitForState(controller, (s) => s.sync.error === undefined);
    expect(controller.state.sync.error).toBeUndefined();
  });
});
