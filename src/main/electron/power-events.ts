import type { PauseReason } from '../core/sync/bucket-sync';

interface PowerDeps {
  powerMonitor: {
    on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
    removeListener(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  };
  isOnline(): boolean;
  pause(reason: PauseReason): void;
  resume(reason: PauseReason): void;
  /** How often to look for the network to come back, while it is gone. */
  offlineCheckMs?: number;
}

interface PowerEvents {
  /** A request failed for want of a network: look now whether the machine is offline. */
  checkConnectivity(): void;
  dispose(): void;
}

/**
 * Sleep, lock and offline pause the poller; wake, unlock and back online resume it (with
 * a refresh). Electron's main process has no "offline" event, but nothing needs to watch
 * while all is well: connectivity is looked at on start and after a network failure, and
 * only while offline does a timer look for the way back.
 */
export function registerPowerEvents(deps: PowerDeps): PowerEvents {
  const handlers: Array<['suspend' | 'resume' | 'lock-screen' | 'unlock-screen', () => void]> = [
    ['suspend', () => deps.pause('sleep')],
    ['resume', () => deps.resume('sleep')],
    ['lock-screen', () => deps.pause('lock')],
    ['unlock-screen', () => deps.resume('lock')],
  ];
  for (const [event, handler] of handlers) deps.powerMonitor.on(event, handler);
  let timer: ReturnType<typeof setInterval> | undefined;
  const stopWatching = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const checkConnectivity = () => {
    if (timer !== undefined || deps.isOnline()) return;
    deps.pause('offline');
    timer = setInterval(() => {
      if (!deps.isOnline()) return;
      stopWatching();
      deps.resume('offline');
    }, deps.offlineCheckMs ?? 30_000);
    timer.unref?.();
  };
  checkConnectivity();
  return {
    checkConnectivity,
    dispose: () => {
      stopWatching();
      for (const [event, handler] of handlers) deps.powerMonitor.removeListener(event, handler);
    },
  };
}
