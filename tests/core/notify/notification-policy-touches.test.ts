import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BucketChange } from '../../../src/main/core/notify/bucket-changes';
import { FLAP_WINDOW_MS, NotificationPolicy, SETTLE_MS } from '../../../src/main/core/notify/notification-policy';
import { TouchOrder } from '../../../src/main/core/notify/touch-order';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/contract';
import { NotificationPolicy as PolicyBefore } from './notification-policy-before';

const T0 = Date.parse('2026-12-02T10:00:00Z');

const change = (id: string, kind: number, status: string): BucketChange =>
  kind === 0 ? { type: 'added', bucket: { id, status } } : kind === 1 ? { type: 'removed', bucket: { id, status } } : { type: 'status-changed', bucket: { id, status }, previousStatus: 'ONLINE', status };

describe('the notification policy with its entries touched in place', () => {
  it('decides exactly as the policy before it, poll after poll: flapping, settling, quiet, muted, kinds switched off, resets, the same or another order', () => {
    const poll = fc.record({
      changes: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), kind: fc.nat(2), status: fc.constantFrom('ONLINE', 'OFFLINE') }), { maxLength: 10 }),
      wait: fc.oneof(fc.constantFrom(0, 60_000, SETTLE_MS, FLAP_WINDOW_MS, FLAP_WINDOW_MS + 1), fc.nat(FLAP_WINDOW_MS * 2)),
      settings: fc.constantFrom<Partial<Settings>>({}, { notifications: { ...DEFAULT_SETTINGS.notifications, enabled: false } }, { notifications: { ...DEFAULT_SETTINGS.notifications, removed: false } }, { mutedBuckets: ['c'] }, { notificationsPausedUntil: new Date(T0 + 10 ** 12).toISOString() }),
      reset: fc.boolean(),
      again: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(poll, { maxLength: 25 }), (polls) => {
        const policy = new NotificationPolicy();
        const before = new PolicyBefore();
        let now = T0;
        let last: BucketChange[] = [];
        for (const { changes, wait, settings, reset, again } of polls) {
          now += wait;
          if (reset && !again) {
            policy.reset();
            before.reset();
          }
          const list = again ? last : changes.map(({ id, kind, status }) => change(id, kind, status));
          last = list;
          const values: Settings = { ...DEFAULT_SETTINGS, ...settings };
          expect(policy.forChanges(list, values, now)).toEqual(before.forChanges(list, values, now));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('100,000 changes a poll, every bucket flapping: the same notifications as before', () => {
    const policy = new NotificationPolicy();
    const before = new PolicyBefore();
    for (let round = 0; round < 6; round++) {
      const list = Array.from({ length: 100_000 }, (_, i) => change(`b${(i * 7 + round) % 100_000}`, 2, round % 2 ? 'ONLINE' : 'OFFLINE'));
      const now = T0 + round * (round === 4 ? SETTLE_MS : 60_000);
      expect(policy.forChanges(list, DEFAULT_SETTINGS, now)).toEqual(before.forChanges(list, DEFAULT_SETTINGS, now));
    }
  });
});

describe('TouchOrder', () => {
  it('keeps its entries in the order a Map does when a touch deletes and sets again, and drops from the front as it would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('touch', 'delete', 'drop', 'pass'), fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.nat(5)), { maxLength: 200 }), (steps) => {
        const order = new TouchOrder<number>();
        const map = new Map<string, number>();
        for (const [step, key, value] of steps) {
          if (step === 'touch') {
            const entry = order.findInPass(key);
            if (entry) {
              entry.value = value;
              order.touch(entry);
            } else order.add(key, value);
            map.delete(key);
            map.set(key, value);
          } else if (step === 'delete') {
            order.delete(key);
            map.delete(key);
          } else if (step === 'pass') order.beginPass();
          else {
            const dropped: string[] = [];
            order.dropWhile((k, v) => v < value && dropped.push(k) > 0);
            const expected: string[] = [];
            for (const [k, v] of map) {
              if (!(v < value)) break;
              expected.push(k);
              map.delete(k);
            }
            expect(dropped).toEqual(expected);
          }
          expect(order.size).toBe(map.size);
          for (const [k, v] of map) expect(order.get(k)).toBe(v);
        }
      }),
      { numRuns: 500 },
    );
  });
});
