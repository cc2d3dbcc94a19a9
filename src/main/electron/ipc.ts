import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { COMMAND_CHANNELS } from '../../shared/channels';
import type { CommandName, CommandResult } from '../../shared/contract';
import { COMMAND_NAMES } from '../core/commands/commands';
import type { Logger } from '../core/platform/logger';
import { resultToWire } from '../../shared/wire';

interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** Validates arguments and runs the command (the controller's `dispatch`). */
  dispatch(name: CommandName, args: unknown[]): Promise<CommandResult<unknown>>;
  isTrustedSender(frame: IpcMainInvokeEvent['senderFrame']): boolean;
  log: Logger;
}

const FORBIDDEN: CommandResult = { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not control Flashback Tray.' } };

/** One handler per command channel; each checks who is asking before anything else. */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  for (const name of COMMAND_NAMES) {
    deps.ipcMain.handle(COMMAND_CHANNELS[name], async (event, ...args: unknown[]) => {
      if (!deps.isTrustedSender(event.senderFrame)) {
        deps.log.warn(`refused IPC ${name} from an untrusted frame`);
        return FORBIDDEN;
      }
      return resultToWire(name, await deps.dispatch(name, args));
    });
  }
  return () => {
    for (const name of COMMAND_NAMES) deps.ipcMain.removeHandler(COMMAND_CHANNELS[name]);
  };
}
