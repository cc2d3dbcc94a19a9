import { beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_CHANNELS, EVENT_CHANNELS } from '../../src/shared/channels';
import type { FlashbackBridge } from '../../src/shared/contract';
import * as electron from './electron-double';
import { vi } from 'vitest';

vi.mock('electron', () => import('./electron-double'));

describe('preload', () => {
  let bridge: FlashbackBridge;
  beforeAll(async () => {
    await import('../../src/preload/preload');
    bridge = electron.contextBridge.exposed.get('flashback') as FlashbackBridge;
  });

  it('exposes exactly the contract (invoke and on), frozen, under window.flashback', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['flashback']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('maps commands to their channels', async () => {
    await bridge.invoke('copyText', 'id-1', 'bucket-id');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(COMMAND_CHANNELS.copyText, 'id-1', 'bucket-id');
  });

  it('refuses a command name outside the contract', async () => {
    const result = await (bridge.invoke as (name: string) => Promise<unknown>)('__proto__');
    expect(result).toMatchObject({ ok: false });
  });

  it('gives listeners the payload only, never the IPC event, and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = bridge.on('focusBucket', (...args: unknown[]) => received.push(args));
    const event = { sender: { secret: 'ipc internals' } };
    electron.ipcRenderer.emit(EVENT_CHANNELS.focusBucket, event, 'bucket-7');
    off();
    electron.ipcRenderer.emit(EVENT_CHANNELS.focusBucket, event, 'bucket-8');
    expect(received).toEqual([['bucket-7']]);
  });
});
