import type { CommandName, CommandResult, Commands, EventName, Events, FlashbackBridge, StateSnapshot } from './contract';

/**
 * How state crosses Electron's IPC: snapshots and patches (and `getState`'s answer) travel
 * as JSON text, everything else as it is. Structured-clone deserialisation of 10,000
 * buckets costs the renderer about 45 ms on the bench machine, `JSON.parse` of the same
 * about 6 ms; and one string crosses IPC and the context bridge as one copy (an object is
 * copied again, field by field, by the context bridge). Main encodes (`eventToWire`,
 * `resultToWire`); the preload passes text through untouched; the renderer decodes in its
 * own world (`bridgeFromWire`). The preview speaks JSON over HTTP already.
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
  return (JSON_EVENTS.has(event) ? JSON.stringify(payload) : payload) as WireEvents[K];
}

export function resultToWire(command: CommandName, result: CommandResult<unknown>): CommandResult<unknown> {
  return command === 'getState' && result.ok ? { ok: true, value: JSON.stringify(result.value) } : result;
}

/** The renderer's side: the plain contract again, state decoded in the page's own world. */
export function bridgeFromWire(wire: WireBridge): FlashbackBridge {
  return {
    async invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<Commands[K]['result']>> {
      const result = await wire.invoke(command, ...args);
      if (command === 'getState' && result.ok && typeof result.value === 'string') {
        return { ok: true, value: JSON.parse(result.value) as StateSnapshot as Commands[K]['result'] };
      }
      return result as CommandResult<Commands[K]['result']>;
    },
    on<K extends EventName>(event: K, listener: (payload: Events[K]) => void): () => void {
      return wire.on(event, (payload) => listener((typeof payload === 'string' && JSON_EVENTS.has(event) ? JSON.parse(payload) : payload) as Events[K]));
    },
  };
}
