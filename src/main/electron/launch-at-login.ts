import type { App } from 'electron';
import { autostartPath, setXdgAutostart } from '../core/desktop/xdg-autostart';

interface LaunchAtLogin {
  readonly supported: boolean;
  set(enabled: boolean): Promise<void>;
}

/** macOS and Windows: the OS login items. Linux: an XDG autostart entry (the AppImage path when there is one). */
export function createLaunchAtLogin(
  app: Pick<App, 'setLoginItemSettings'>,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  homeDir: string,
  execPath: string,
): LaunchAtLogin {
  if (platform === 'darwin' || platform === 'win32') {
    return {
      supported: true,
      async set(enabled) {
        app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
      },
    };
  }
  if (platform === 'linux') {
    return {
      supported: true,
      set: (enabled) => setXdgAutostart(enabled, autostartPath(env, homeDir), env.APPIMAGE ?? execPath),
    };
  }
  return { supported: false, set: async () => undefined };
}
