import type { PauseReason } from '../core/controller';

export interface PowerDeps {
  powerMonitor: {
    on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
    removeListener(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  };
  isOnline(): boolean;
  pause(reason: PauseReason): void;
  resume(reason: PauseReason): void;
  /** How often to check connectivity (Electron's main process has no online event). */
  onlineCheckMs?: number;
}

/** Sleep, lock and offline pause the poller; wake, unlock and back online resume it (with a refresh). */
export function registerPowerEvents(deps: PowerDeps): () => void {
  const handlers: Array<['suspend' | 'resume' | 'lock-screen' | 'unlock-screen', () => void]> = [
    ['suspend', () => deps.pause('sleep')],
    ['resume', () => deps.resume('sleep')],
    ['lock-screen', () => deps.pause('lock')],
    ['unlock-screen', () => deps.resume('lock')],
  ];
  for (const [event, handler] of handlers) deps.powerMonitor.on(event, handler);
  let online = deps.isOnline();
  if (!online) deps.pause('offline');
  const timer = setInterval(() => {
    const now = deps.isOnline();
    if (now === online) return;
    online = now;
    if (now) deps.resume('offline');
    else deps.pause('offline');
  }, deps.onlineCheckMs ?? 10_000);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    for (const [event, handler] of handlers) deps.powerMonitor.removeListener(event, handler);
  };
}
