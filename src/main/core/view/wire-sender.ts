import type { BucketView, EventName, Events, StatePatch, StateSnapshot } from '../../../shared/contract';
import { eventToWire, snapshotHead, WIRE_SLICE, type WireEvents } from '../../../shared/wire';
import { yieldToEventLoop } from '../platform/clock';

/** Buckets encoded per turn of the event loop (about 10 ms of work on a slow machine): a large snapshot's line. */
export const BUCKETS_PER_SLICE = WIRE_SLICE;

/** `[a,b,c]` → `a,b,c` for each slice, one slice per turn of the event loop. */
async function encodeBuckets(buckets: readonly BucketView[], yieldTurn: () => Promise<void>): Promise<string> {
  const pieces: string[] = [];
  for (let start = 0; start < buckets.length; start += BUCKETS_PER_SLICE) {
    if (start > 0) await yieldTurn();
    pieces.push(JSON.stringify(buckets.slice(start, start + BUCKETS_PER_SLICE)).slice(1, -1));
  }
  return pieces.join(',');
}

/** `{"a":1}` + `"b":[…]` → `{"a":1,"b":[…]}` (the object always has other fields). */
const withField = (json: string, field: string) => `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${field}}`;

/** The list that makes a payload large: a snapshot's buckets or a patch's upserts. */
function largeList<K extends EventName>(event: K, payload: Events[K]): readonly BucketView[] | undefined {
  const list = event === 'snapshot' ? (payload as StateSnapshot).state.buckets : event === 'patch' ? (payload as StatePatch).buckets?.upsert : undefined;
  return list && list.length > BUCKETS_PER_SLICE ? list : undefined;
}

/**
 * The same text as `eventToWire`, built a slice of buckets at a time: a snapshot or patch
 * of 100,000 buckets is 25 MB of JSON, and encoding it in one go would hold the main
 * process (tray, IPC) for a quarter of a second.
 */
export async function encodeInSlices<K extends EventName>(event: K, payload: Events[K], yieldTurn: () => Promise<void> = yieldToEventLoop): Promise<WireEvents[K]> {
  const list = largeList(event, payload);
  if (!list) return eventToWire(event, payload);
  if (event === 'snapshot') {
    // The wire's lines (shared/wire.ts): the snapshot without buckets, then a slice per line.
    const lines = [snapshotHead(payload as StateSnapshot)];
    for (let start = 0; start < list.length; start += BUCKETS_PER_SLICE) {
      await yieldTurn();
      lines.push(JSON.stringify(list.slice(start, start + BUCKETS_PER_SLICE)));
    }
    return lines.join('\n') as WireEvents[K];
  }
  const encoded = await encodeBuckets(list, yieldTurn);
  const patch = payload as StatePatch;
  const rest = JSON.stringify({ ...patch, buckets: undefined });
  return withField(rest, `"buckets":{"remove":${JSON.stringify(patch.buckets!.remove)},"upsert":[${encoded}]}`) as WireEvents[K];
}

/**
 * Sends a view's events in order, each encoded for the wire without holding the event loop
 * for long: small ones at once, large lists a slice per turn (and whatever follows them
 * waits its turn). `idle()` resolves once everything given so far has been handed to `post`.
 */
export class WireSender {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly post: <K extends EventName>(event: K, payload: WireEvents[K]) => void,
    private readonly yieldTurn: () => Promise<void> = yieldToEventLoop,
  ) {}

  send<K extends EventName>(event: K, payload: Events[K]): void {
    if (this.pending === 0 && !largeList(event, payload)) return this.post(event, eventToWire(event, payload));
    this.pending++;
    this.queue = this.queue
      .then(async () => this.post(event, await encodeInSlices(event, payload, this.yieldTurn)))
      // One failed send (a window gone mid-way) must not stop the ones after it.
      .catch(() => undefined)
      .finally(() => this.pending--);
  }

  idle(): Promise<void> {
    return this.queue;
  }
}
