import type { AppState, CommandName, CommandResult, Commands } from '../../../shared/contract';
import type { ViewEvent } from './controller-options';
import { pauseUntil } from '../desktop/tray-model';

/** What the tray menu needs of the controller. */
interface MenuTarget {
  readonly state: AppState;
  dispatch<K extends CommandName>(name: K, rawArgs: unknown): Promise<CommandResult<Commands[K]['result']>>;
  emitViewEvent(event: ViewEvent): void;
}

/**
 * The tray menu items that are app commands, the same for the desktop and the preview;
 * false for the ones only the shell can do (open, copy, logs, quit). The action may come
 * from a page, so its shape is checked first, and each runs as a validated command.
 */
export async function runMenuAction(target: MenuTarget, action: unknown, now: number): Promise<boolean> {
  const type = action && typeof action === 'object' && 'type' in action ? action.type : undefined;
  switch (type) {
    case 'refresh':
      await target.dispatch('refresh', []);
      return true;
    case 'pause-notifications': {
      const until = (action as { until?: unknown }).until;
      if (until !== 'hour' && until !== 'tomorrow') return false;
      await target.dispatch('updateSettings', [{ notificationsPausedUntil: pauseUntil(until, new Date(now)).toISOString() }]);
      return true;
    }
    case 'open-in-web-app': {
      const bucketId = (action as { bucketId?: unknown }).bucketId;
      const result = await target.dispatch('openInWebApp', [bucketId]);
      // No address yet (or a wrong one): Settings is where it is set.
      if (!result.ok && result.error.code.startsWith('WEB_APP_')) target.emitViewEvent({ name: 'showView', payload: 'settings' });
      return true;
    }
    case 'install-update':
      await target.dispatch('installUpdate', []);
      return true;
    case 'resume-notifications':
      await target.dispatch('updateSettings', [{ notificationsPausedUntil: null }]);
      return true;
    case 'toggle-launch-at-login':
      await target.dispatch('updateSettings', [{ launchAtLogin: !target.state.settings.launchAtLogin }]);
      return true;
    case 'sign-out':
      // The menu names the current account ("Sign out of …"): that is the one it signs out.
      if (target.state.currentAccount !== null) await target.dispatch('signOut', [target.state.currentAccount]);
      return true;
    case 'settings':
    case 'sign-in':
      target.emitViewEvent({ name: 'showView', payload: type });
      return true;
    default:
      return false;
  }
}
