import type { BucketView, EventName, Events, StatePatch, StateSnapshot, StatusMove } from '../../../shared/contract';
import { movedCount } from '../../../shared/status-moves';
import { eventToWire, snapshotHead, WIRE_SLICE, type WireEvents } from '../../../shared/wire';
import { FOREGROUND, type Foreground } from '../platform/foreground';
import { runInSlices, type SliceOptions } from '../platform/slices';

/** Buckets a line of a large snapshot (the wire's lines, shared/wire.ts); a patch's upserts went this many a turn before slices were timed. */
export const BUCKETS_PER_SLICE = WIRE_SLICE;
/** Buckets stringified between looks at the clock: a fraction of a millisecond's work. */
const BUCKETS_AT_A_TIME = 250;

/** A checkpoint; `LINE` also marks where a line of the snapshot starts (see `encodeInSlices`' fixed turns). */
const LINE = 'line';

/**
 * `list[from, to)` as JSON array elements (`a,b,c`), a checkpoint between pieces, pushed onto
 * `parts` (joined once, at the end, by the caller: one copy of 25 MB instead of one per level).
 */
function* elements(list: readonly BucketView[], from: number, to: number, parts: string[]): Generator<void | typeof LINE, void, void> {
  for (let start = from; start < to; start += BUCKETS_AT_A_TIME) {
    if (start > from) {
      yield;
      parts.push(',');
    }
    parts.push(JSON.stringify(list.slice(start, Math.min(start + BUCKETS_AT_A_TIME, to))).slice(1, -1));
  }
}

/** The list that makes a payload large (a snapshot's buckets, a patch's upserts), or an empty one for a patch large by its moved ids. */
function largeList<K extends EventName>(event: K, payload: Events[K]): readonly BucketView[] | undefined {
  if (event === 'snapshot') {
    const list = (payload as StateSnapshot).state.buckets;
    return list.length > BUCKETS_PER_SLICE ? list : undefined;
  }
  const buckets = event === 'patch' ? (payload as StatePatch).buckets : undefined;
  if (!buckets) return undefined;
  return buckets.upsert.length > BUCKETS_PER_SLICE || movedCount(buckets.moved) > BUCKETS_PER_SLICE ? buckets.upsert : undefined;
}

/** Ids stringified between looks at the clock. */
const IDS_AT_A_TIME = 2000;

/** A patch's moved groups as a JSON array pushed onto `parts`, a checkpoint every few thousand ids. */
function* movedGroups(moved: readonly StatusMove[], parts: string[]): Generator<void, void, void> {
  for (let i = 0; i < moved.length; i++) {
    const { ids, ...fields } = moved[i]!;
    // `{"status":…}` → `{"status":…,"ids":[` + the ids + `]}`.
    const head = JSON.stringify(fields);
    parts.push(i === 0 ? '[' : ',', head.slice(0, -1), head.length > 2 ? ',"ids":[' : '"ids":[');
    for (let start = 0; start < ids.length; start += IDS_AT_A_TIME) {
      if (start > 0) {
        yield;
        parts.push(',');
      }
      parts.push(JSON.stringify(ids.slice(start, start + IDS_AT_A_TIME)).slice(1, -1));
    }
    parts.push(']}');
  }
  if (moved.length === 0) parts.push('[');
  parts.push(']');
}

/** The wire text of a large snapshot or patch, a checkpoint every few hundred buckets. */
function* encodeLarge<K extends EventName>(event: K, payload: Events[K], list: readonly BucketView[]): Generator<void | typeof LINE, WireEvents[K], void> {
  const parts: string[] = [];
  if (event === 'snapshot') {
    // The wire's lines (shared/wire.ts): the snapshot without buckets, then a line per WIRE_SLICE buckets.
    parts.push(snapshotHead(payload as StateSnapshot));
    for (let start = 0; start < list.length; start += BUCKETS_PER_SLICE) {
      yield LINE;
      parts.push('\n[');
      yield* elements(list, start, Math.min(start + BUCKETS_PER_SLICE, list.length), parts);
      parts.push(']');
    }
    return parts.join('') as WireEvents[K];
  }
  const patch = payload as StatePatch;
  // `{"a":1}` + `"buckets":…` → `{"a":1,"buckets":…}`.
  const rest = JSON.stringify({ ...patch, buckets: undefined });
  const { remove, moved } = patch.buckets!;
  parts.push(rest.slice(0, -1), rest.length > 2 ? ',' : '', `"buckets":{"remove":${JSON.stringify(remove)},`);
  if (moved) {
    parts.push('"moved":');
    yield* movedGroups(moved, parts);
    parts.push(',');
  }
  parts.push('"upsert":[');
  yield* elements(list, 0, list.length, parts);
  parts.push(']}}');
  return parts.join('') as WireEvents[K];
}

/**
 * The same text as `eventToWire`, built a few hundred buckets at a time: a snapshot or patch
 * of 100,000 buckets is 25 MB of JSON, and encoding it in one go would hold the main
 * process (tray, IPC) for a quarter of a second. `slicing`: how the work is cut into turns,
 * by time (see platform/slices.ts); a bare function is a turn before each line of a
 * snapshot, whatever the time (for callers that count lines).
 */
export async function encodeInSlices<K extends EventName>(event: K, payload: Events[K], slicing: SliceOptions | (() => Promise<void>) = {}): Promise<WireEvents[K]> {
  const list = largeList(event, payload);
  if (!list) return eventToWire(event, payload);
  const work = encodeLarge(event, payload, list);
  if (typeof slicing !== 'function') return runInSlices(work, slicing);
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (step.value === LINE) await slicing();
  }
}

/**
 * Sends a view's events in order, each encoded for the wire without holding the event loop
 * for long: small ones at once, large lists a slice per turn (and whatever follows them
 * waits its turn). `idle()` resolves once everything given so far has been handed to `post`.
 * A large list's encoding is foreground work (platform/foreground.ts): a poll's follow-up
 * waits for the text to be handed over.
 */
export class WireSender {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly post: <K extends EventName>(event: K, payload: WireEvents[K]) => void,
    /** How large lists are cut into turns: by time by default; a bare function is a turn per line (see `encodeInSlices`). */
    private readonly slicing: SliceOptions | (() => Promise<void>) = {},
    private readonly foreground: Foreground = FOREGROUND,
  ) {}

  send<K extends EventName>(event: K, payload: Events[K]): void {
    if (this.pending === 0 && !largeList(event, payload)) return this.post(event, eventToWire(event, payload));
    this.pending++;
    // Marked at once, not when its turn comes: a follow-up started meanwhile waits for it.
    const done = this.foreground.begin();
    this.queue = this.queue
      .then(async () => this.post(event, await encodeInSlices(event, payload, this.slicing)))
      // One failed send (a window gone mid-way) must not stop the ones after it.
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
        done();
      });
  }

  idle(): Promise<void> {
    return this.queue;
  }
}
