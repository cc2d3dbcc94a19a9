/**
 * The only bridge between the sandboxed popover and the main process: exactly the typed
 * contract, nothing else. Listener callbacks receive the payload only, never the IPC event
 * (which would expose `sender` and with it a way back into Electron).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_CHANNELS, EVENT_CHANNELS } from '../shared/channels';
import type { CommandName, CommandResult, Commands, EventName } from '../shared/contract';
import type { WireBridge, WireEvents } from '../shared/wire';

/** State arrives as JSON text and is passed on untouched: the page decodes it (see shared/wire.ts). */
const bridge: WireBridge = {
  invoke<K extends CommandName>(command: K, ...args: Commands[K]['args']): Promise<CommandResult<unknown>> {
    const channel = Object.hasOwn(COMMAND_CHANNELS, command) ? COMMAND_CHANNELS[command] : undefined;
    if (!channel) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: 'Unknown command.' } });
    return ipcRenderer.invoke(channel, ...args) as Promise<CommandResult<unknown>>;
  },
  on<K extends EventName>(event: K, listener: (payload: WireEvents[K]) => void): () => void {
    const channel = Object.hasOwn(EVENT_CHANNELS, event) ? EVENT_CHANNELS[event] : undefined;
    if (!channel) return () => undefined;
    const wrapped = (_event: unknown, payload: WireEvents[K]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('flashback', Object.freeze(bridge));
