import type * as Double from './electron-double';

/**
 * The session bus main.ts asks for a tray host, answered by the electron double's
 * `sessionBus` (its names set per test), never by the machine's own bus: under `npm test`
 * the tests run on a private D-Bus that has no panel, which would turn every popover into a
 * window. The double is imported when asked, so a test that boots afresh gets its fresh one.
 * Used as `vi.mock('../../src/main/core/platform/session-bus', () => import('./session-bus-double'))`.
 */
export class CliSessionBus {
  async nameHasOwner(name: string): Promise<boolean> {
    const { sessionBus } = (await import('electron')) as unknown as typeof Double;
    sessionBus.asked.push(name);
    sessionBus.onAsk?.(name);
    if (!sessionBus.reachable) throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    return sessionBus.names.has(name);
  }
}

/** The real one runs a program under a deadline; the double's bus runs nothing. */
export const boundedProgram = () => async () => '';
