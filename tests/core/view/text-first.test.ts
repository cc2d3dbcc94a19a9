import { describe, expect, it } from 'vitest';
import { ChangeFollowUp } from '../../../src/main/core/accounts/change-follow-up';
import type { BucketChange } from '../../../src/main/core/notify/bucket-changes';
import { NotificationPolicy } from '../../../src/main/core/notify/notification-policy';
import { Foreground } from '../../../src/main/core/platform/foreground';
import { StaleWork } from '../../../src/main/core/platform/lifetime';
import type { Logger } from '../../../src/main/core/platform/logger';
import { WireSender } from '../../../src/main/core/view/wire-sender';
import { DEFAULT_SETTINGS, type AppState, type BucketView } from '../../../src/shared/contract';

const AT = Date.parse('2026-12-02T07:00:00Z');
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every look at the clock 1 ms later: each slice is a few checkpoints, so both sides take many turns. */
function slowSlices() {
  let t = 0;
  return { now: () => (t += 1), sliceMs: 8, yieldTurn: turn };
}

/** A poll where every bucket changed: the view's snapshot and the follow-up of its changes, in the order the account hands them on. */
function allChanged(count: number) {
  const views: BucketView[] = Array.from({ length: count }, (_, i) => ({ id: `b${i}`, name: `Bucket ${i}`, status: 'OFFLINE', previousStatus: 'ONLINE' }));
  const changes: BucketChange[] = views.map((bucket) => ({ type: 'status-changed', bucket, previousStatus: 'ONLINE', status: 'OFFLINE' }));
  const state = { settings: DEFAULT_SETTINGS, buckets: views } as unknown as AppState;
  return { changes, snapshot: { version: 2, state } };
}

function harness() {
  const foreground = new Foreground();
  const events: string[] = [];
  const sender = new WireSender((event) => void events.push(`post ${event}`), slowSlices(), foreground);
  const follow = new ChangeFollowUp({
    settings: () => DEFAULT_SETTINGS,
    log: { ...quiet, error: (_message, error) => void events.push(`error ${String(error)}`) },
    notify: (request) => void events.push(`notify ${request.title}`),
    record: (list) => void events.push(`record ${list.length}`),
    slices: slowSlices(),
    foreground,
  });
  return { foreground, events, sender, follow };
}

describe('what people see first: a poll’s text for the views goes before its history and notification', () => {
  it('the snapshot of 20,000 changed buckets is handed over before the first change is recorded; then every change is recorded and the same notification decided', async () => {
    const { changes, snapshot } = allChanged(20_000);
    const { events, sender, follow } = harness();
    sender.send('snapshot', snapshot);
    follow.after({ kind: 'changed', buckets: snapshot.state.buckets, changes, baseline: false, at: AT, nextPollAt: undefined }, new AbortController().signal);
    await Promise.all([sender.idle(), follow.idle()]);
    expect(events[0]).toBe('post snapshot');
    const records = events.slice(1, -1);
    expect(records.every((event) => event.startsWith('record '))).toBe(true);
    expect(records.reduce((sum, event) => sum + Number(event.slice('record '.length)), 0)).toBe(20_000);
    expect(events.at(-1)).toBe(`notify ${new NotificationPolicy().forChanges(changes, DEFAULT_SETTINGS, AT)!.title}`);
  });

  it('a short follow-up waits for a large text as well', async () => {
    const { changes, snapshot } = allChanged(20_000);
    const { events, sender, follow } = harness();
    sender.send('snapshot', snapshot);
    follow.after({ kind: 'changed', buckets: [], changes: changes.slice(0, 3), baseline: false, at: AT, nextPollAt: undefined }, new AbortController().signal);
    await Promise.all([sender.idle(), follow.idle()]);
    expect(events.slice(0, 2)).toEqual(['post snapshot', 'record 3']);
  });

  it('a session that ends while the text is encoded: the follow-up records and notifies nothing', async () => {
    const { changes, snapshot } = allChanged(20_000);
    const { events, sender, follow } = harness();
    const session = new AbortController();
    sender.send('snapshot', snapshot);
    follow.after({ kind: 'changed', buckets: [], changes, baseline: false, at: AT, nextPollAt: undefined }, session.signal);
    await turn();
    session.abort(new StaleWork('signed out'));
    await Promise.all([sender.idle(), follow.idle()]);
    expect(events).toEqual(['post snapshot']);
  });

  it('with nothing being encoded the follow-up starts at once, and a failed send does not hold it', async () => {
    const { foreground, events, follow } = harness();
    const done = foreground.begin();
    done();
    done();
    expect(foreground.isBusy).toBe(false);
    follow.after({ kind: 'changed', buckets: [], changes: allChanged(2).changes, baseline: false, at: AT, nextPollAt: undefined }, new AbortController().signal);
    await follow.idle();
    expect(events[0]).toBe('record 2');
    const failing = new WireSender(() => {
      throw new Error('window gone');
    }, slowSlices(), foreground);
    failing.send('snapshot', allChanged(6000).snapshot);
    expect(foreground.isBusy).toBe(true);
    await failing.idle();
    expect(foreground.isBusy).toBe(false);
  });
});
