import { trayModel } from '../../src/main/core/desktop/tray-model';
import { DEFAULT_SETTINGS, type UpdateState } from '../../src/shared/contract';

/** The tray menu for a signed-in state with this update state. */
export function tray(update: UpdateState) {
  return trayModel(
    {
      auth: { kind: 'signed-in', method: 'password', storage: 'keychain' },
      buckets: [],
      workspaces: [],
      sync: { phase: 'idle', stale: false, inFlight: false },
      settings: DEFAULT_SETTINGS,
      notices: [],
      update,
      accounts: [],
      currentAccount: 'primary',
      draft: null,
    },
    { now: Date.now(), platform: 'linux', launchAtLoginSupported: true },
  ).menu;
}
