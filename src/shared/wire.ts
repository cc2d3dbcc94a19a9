import type { BucketView, CommandName, CommandResult, Commands, EventName, Events, FlashbackBridge, StateSnapshot } from './contract';
import { FIRST_SCREEN_FROM } from './bucket-order';
import { StatsCounter } from './list-stats';
import { nextTask } from './next-task';

/**
 * How state crosses Electron's IPC: snapshots and patches (and `getState`'s answer) travel
 * as JSON text, everything else as it is. Structured-clone deserialisation of 10,000
 * buckets costs the renderer about 45 ms on the bench machine, `JSON.parse` of the same
 * about 6 ms; and one string crosses IPC and the context bridge as one copy (an object is
 * copied again, field by field, by the context bridge). Main encodes (`eventToWire`,
 * `resultToWire`); the preload passes text through untouched; the renderer decodes in its
 * own world (`bridgeFromWire`). The preview speaks JSON over HTTP already.
 *
 * A snapshot of more than WIRE_SLICE buckets is lines: the snapshot without its buckets,
 * then the buckets, WIRE_SLICE to a line (JSON text never holds a raw line break). The page
 * parses it a few lines per task, so a list of 100,000 (30 MB of text) never holds it for long,
 * and hands on the whole snapshot once the last line is in; events that come meanwhile
 * wait for it, in order. What the list shows first is the page's business (use-list-index.ts).
 */
type JsonEvent = 'snapshot' | 'patch';
const JSON_EVENTS: ReadonlySet<EventName> = new Set<JsonEvent>(['snapshot', 'patch']);

/** Buckets per line of a large snapshot: about 5 ms of `JSON.parse` on a slow machine (a line and a garbage collection in one task stay under 50 ms). */
export const WIRE_SLICE = 2500;

export type WireEvents = { [K in EventName]: K extends JsonEvent ? string : Events[K] };

/** What the preload exposes: the contract, with state as JSON text. */
export interface WireBridge {
  invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<unknown>>;
  on<K extends EventName>(event: K, listener: (payload: WireEvents[K]) => void): () => void;
}

/** The first line of a large snapshot: the snapshot with no buckets. */
export function snapshotHead(snapshot: StateSnapshot): string {
  return JSON.stringify({ version: snapshot.version, state: { ...snapshot.state, buckets: [] } });
}

export function eventToWire<K extends EventName>(event: K, payload: Events[K]): WireEvents[K] {
  if (event === 'snapshot') return snapshotToWire(payload as StateSnapshot) as WireEvents[K];
  return (JSON_EVENTS.has(event) ? JSON.stringify(payload) : payload) as WireEvents[K];
}

function snapshotToWire(snapshot: StateSnapshot): string {
  const buckets = snapshot.state.buckets;
  if (buckets.length <= WIRE_SLICE) return JSON.stringify(snapshot);
  const lines = [snapshotHead(snapshot)];
  for (let start = 0; start < buckets.length; start += WIRE_SLICE) lines.push(JSON.stringify(buckets.slice(start, start + WIRE_SLICE)));
  return lines.join('\n');
}

export function resultToWire(command: CommandName, result: CommandResult<unknown>): CommandResult<unknown> {
  if (command !== 'getState' || !result.ok) return result;
  return { ok: true, value: snapshotToWire(result.value as StateSnapshot) };
}

/**
 * Sees a large snapshot's buckets a line at a time, right as each line is parsed (while its
 * buckets are fresh in the cache), then the whole list once: the page keys its index so
 * (renderer/list-model/keyed-lines.ts), in the pass that parses, not in one of its own.
 */
interface LineWatcher {
  line(buckets: readonly BucketView[]): void;
  /** The whole list, before it is handed on: work of its own gives the page a turn with `yieldTask`. */
  done(buckets: readonly BucketView[], yieldTask: () => Promise<void>): void | Promise<void>;
}

/** A watcher for a large snapshot, given its head (the snapshot without its buckets). */
export type WatchLines = (head: StateSnapshot) => LineWatcher;

/** Parsing goes on in one task while it has taken less than this; then the page gets a turn. */
const TASK_BUDGET_MS = 12;

/** Whether the text has more than `lines` lines after its head (a line holds WIRE_SLICE buckets at most). */
function linesOver(text: string, lines: number): boolean {
  let at = text.indexOf('\n');
  for (let seen = 0; at >= 0; seen++) {
    if (seen >= lines) return true;
    at = text.indexOf('\n', at + 1);
  }
  return false;
}

/**
 * A snapshot's text decoded: a one-line one at once; a large one line by line, giving the page
 * a turn before a line that would take its task past TASK_BUDGET_MS, if it takes what the last
 * one took (100,000 buckets take a dozen tasks or more; a task never runs long by a line, which
 * a garbage collection landing in it would make a long task), and once more before handing it on. A list under FIRST_SCREEN_FROM is parsed in one task whatever the clock says: it is
 * shown whole in the frame it arrives in anyway, and a turn in between only adds a frame.
 */
export async function decodeSnapshot(text: string, yieldTask: () => Promise<void> = nextTask, watchLines?: WatchLines): Promise<StateSnapshot> {
  let cut = text.indexOf('\n');
  if (cut < 0) return JSON.parse(text) as StateSnapshot;
  let taskStart = performance.now();
  const head = JSON.parse(text.slice(0, cut)) as StateSnapshot;
  /** The lines' buckets, joined once at the end (one native copy, no growing the list a bucket at a time). */
  const lines: Array<StateSnapshot['state']['buckets']> = [];
  /** The list's counts and menu values, counted as it is parsed (shared/list-stats.ts). */
  const counter = new StatsCounter();
  const budget = linesOver(text, Math.floor((FIRST_SCREEN_FROM - 1) / WIRE_SLICE)) ? TASK_BUDGET_MS : Number.POSITIVE_INFINITY;
  /** Only a list the page shows a first screen of is watched: a smaller one is indexed in one go. */
  const watcher = budget === TASK_BUDGET_MS ? watchLines?.(head) : undefined;
  /** What the last line took: a line that would take the task past its budget waits for the next task. */
  let lineCost = 0;
  while (cut >= 0) {
    let lineStart = performance.now();
    if (lineStart - taskStart + lineCost >= budget) {
      await yieldTask();
      lineStart = taskStart = performance.now();
    }
    const end = text.indexOf('\n', cut + 1);
    const slice = JSON.parse(text.slice(cut + 1, end < 0 ? undefined : end)) as StateSnapshot['state']['buckets'];
    lines.push(slice);
    counter.add(slice);
    watcher?.line(slice);
    cut = end;
    lineCost = performance.now() - lineStart;
  }
  const buckets = head.state.buckets.concat(...lines);
  head.state.buckets = buckets;
  counter.give(buckets);
  await watcher?.done(buckets, yieldTask);
  // Handed on in a task of its own: the page's first screen and render are work enough for one task (no long task).
  if (budget !== Number.POSITIVE_INFINITY) await yieldTask();
  return head;
}

/**
 * The renderer's side: the plain contract again, state decoded in the page's own world.
 * Everything the wire delivers reaches the page in the order it came: behind a large
 * snapshot still being decoded, the events after it wait.
 */
export function bridgeFromWire(wire: WireBridge, yieldTask: () => Promise<void> = nextTask, watchLines?: WatchLines): FlashbackBridge {
  let queue: Promise<void> = Promise.resolve();
  let decoding = 0;
  const inOrder = (deliver: () => void | Promise<void>) => {
    if (decoding === 0) {
      const result = deliver();
      if (!result) return;
      decoding++;
      queue = result.finally(() => decoding--);
      return;
    }
    decoding++;
    queue = queue.then(deliver).finally(() => decoding--);
  };
  return {
    async invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<Commands[K]['result']>> {
      const result = await wire.invoke(command, ...args);
      if (command === 'getState' && result.ok && typeof result.value === 'string') {
        return { ok: true, value: (await decodeSnapshot(result.value, yieldTask, watchLines)) as Commands[K]['result'] };
      }
      return result as CommandResult<Commands[K]['result']>;
    },
    on<K extends EventName>(event: K, listener: (payload: Events[K]) => void): () => void {
      return wire.on(event, (payload) => {
        if (event === 'snapshot' && typeof payload === 'string' && payload.includes('\n')) {
          return inOrder(async () => listener((await decodeSnapshot(payload, yieldTask, watchLines)) as Events[K]));
        }
        inOrder(() => {
          listener((typeof payload === 'string' && JSON_EVENTS.has(event) ? JSON.parse(payload) : payload) as Events[K]);
        });
      });
    },
  };
}
