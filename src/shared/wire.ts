import { afterNextFrame } from './after-frame';
import { FIRST_SCREEN_FROM, FIRST_SCREEN_ROWS, firstScreen } from './bucket-order';
import type { CommandName, CommandResult, Commands, EventName, Events, FlashbackBridge, StateSnapshot } from './contract';
import { countBuckets } from './format';

/**
 * How state crosses Electron's IPC: snapshots and patches (and `getState`'s answer) travel
 * as JSON text, everything else as it is. Structured-clone deserialisation of 10,000
 * buckets costs the renderer about 45 ms on the bench machine, `JSON.parse` of the same
 * about 6 ms; and one string crosses IPC and the context bridge as one copy (an object is
 * copied again, field by field, by the context bridge). Main encodes (`eventToWire`,
 * `resultToWire`); the preload passes text through untouched; the renderer decodes in its
 * own world (`bridgeFromWire`). The preview speaks JSON over HTTP already.
 *
 * A snapshot of a large list (FIRST_SCREEN_FROM buckets or more) starts with a line of its
 * own, its head: the same snapshot with only the list's first screen and the whole list's
 * counts (`partial`). The page shows the head in the frame the text arrives in and decodes
 * the rest right after that frame. (JSON text never holds a raw line break.)
 */
type JsonEvent = 'snapshot' | 'patch';
const JSON_EVENTS: ReadonlySet<EventName> = new Set<JsonEvent>(['snapshot', 'patch']);

export type WireEvents = { [K in EventName]: K extends JsonEvent ? string : Events[K] };

/** What the preload exposes: the contract, with state as JSON text. */
export interface WireBridge {
  invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<unknown>>;
  on<K extends EventName>(event: K, listener: (payload: WireEvents[K]) => void): () => void;
}

export function eventToWire<K extends EventName>(event: K, payload: Events[K]): WireEvents[K] {
  if (event === 'snapshot') return withHead(payload as StateSnapshot, JSON.stringify(payload)) as WireEvents[K];
  return (JSON_EVENTS.has(event) ? JSON.stringify(payload) : payload) as WireEvents[K];
}

/** `text` (the snapshot's JSON) with its head line in front when the list is large. */
export function withHead(snapshot: StateSnapshot, text: string): string {
  const buckets = snapshot.state.buckets;
  if (buckets.length < FIRST_SCREEN_FROM) return text;
  const head: StateSnapshot = { version: snapshot.version, state: { ...snapshot.state, buckets: firstScreen(buckets, FIRST_SCREEN_ROWS) }, partial: countBuckets(buckets) };
  return `${JSON.stringify(head)}\n${text}`;
}

/** The snapshot's head now (when it has one), the whole snapshot right after the next frame. */
function deliverSnapshot(text: string, listener: (snapshot: StateSnapshot) => void): void {
  const cut = text.indexOf('\n');
  if (cut < 0) return listener(JSON.parse(text) as StateSnapshot);
  listener(JSON.parse(text.slice(0, cut)) as StateSnapshot);
  afterNextFrame(() => listener(JSON.parse(text.slice(cut + 1)) as StateSnapshot));
}

export function resultToWire(command: CommandName, result: CommandResult<unknown>): CommandResult<unknown> {
  if (command !== 'getState' || !result.ok) return result;
  const snapshot = result.value as StateSnapshot;
  return { ok: true, value: withHead(snapshot, JSON.stringify(snapshot)) };
}

/**
 * The renderer's side: the plain contract again, state decoded in the page's own world. A
 * large snapshot's head comes first (the event, or `getState`'s answer) and the whole
 * snapshot follows right after the next frame as a `snapshot` event.
 */
export function bridgeFromWire(wire: WireBridge): FlashbackBridge {
  const snapshotListeners = new Set<(snapshot: StateSnapshot) => void>();
  const toSnapshotListeners = (snapshot: StateSnapshot) => {
    for (const listener of snapshotListeners) listener(snapshot);
  };
  return {
    async invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<Commands[K]['result']>> {
      const result = await wire.invoke(command, ...args);
      if (command === 'getState' && result.ok && typeof result.value === 'string') {
        const text = result.value;
        // Nobody to hand the rest to: the whole snapshot now.
        if (snapshotListeners.size === 0) return { ok: true, value: JSON.parse(text.slice(text.indexOf('\n') + 1)) as Commands[K]['result'] };
        let head: StateSnapshot | undefined;
        deliverSnapshot(text, (snapshot) => (head === undefined ? (head = snapshot) : toSnapshotListeners(snapshot)));
        return { ok: true, value: head as Commands[K]['result'] };
      }
      return result as CommandResult<Commands[K]['result']>;
    },
    on<K extends EventName>(event: K, listener: (payload: Events[K]) => void): () => void {
      if (event !== 'snapshot') {
        return wire.on(event, (payload) => listener((typeof payload === 'string' && JSON_EVENTS.has(event) ? JSON.parse(payload) : payload) as Events[K]));
      }
      const snapshotListener = listener as (snapshot: StateSnapshot) => void;
      snapshotListeners.add(snapshotListener);
      const off = wire.on(event, (payload) => (typeof payload === 'string' ? deliverSnapshot(payload, snapshotListener) : snapshotListener(payload as unknown as StateSnapshot)));
      return () => {
        snapshotListeners.delete(snapshotListener);
        off();
      };
    },
  };
}
