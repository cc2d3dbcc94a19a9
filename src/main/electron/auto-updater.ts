import type { Logger } from '../core/platform/logger';
import type { Updater } from '../core/desktop/update-policy';

/** The part of electron-updater's `autoUpdater` this app uses. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  logger: unknown;
  checkForUpdates(): Promise<{ isUpdateAvailable?: boolean; updateInfo: { version: string } } | null>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  quitAndInstall(): void;
}

export interface ElectronUpdaterDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  /** Loads electron-updater (kept out of the main bundle, required only when updates can run). */
  load(): AutoUpdaterLike;
  log: Logger;
}

/** Why this installation cannot update itself, the way electron-updater sees installations. */
export function unsupportedUpdateReason(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  if (!isPackaged) return 'This is a development build: updates come with the installed app.';
  if (platform === 'linux' && !env.APPIMAGE) return 'This Linux package is updated by your package manager (apt, dnf …), not by Flashback Tray.';
  if (platform === 'win32' && env.PORTABLE_EXECUTABLE_DIR) return 'The portable version cannot update itself: download the new version from the releases page.';
  return undefined;
}

/** The `Updater` port over electron-updater: GitHub releases (electron-builder.yml `publish`), downloads in the background. */
export function createElectronUpdater(deps: ElectronUpdaterDeps): Updater {
  const reason = unsupportedUpdateReason(deps.platform, deps.env, deps.isPackaged);
  let updater: AutoUpdaterLike | undefined;
  const listeners: Array<(version: string) => void> = [];
  const get = () => {
    if (!updater) {
      updater = deps.load();
      updater.autoDownload = true;
      updater.logger = { info: () => undefined, warn: (m: unknown) => deps.log.warn('updater', m), error: (m: unknown) => deps.log.warn('updater', m), debug: () => undefined };
      updater.on('update-downloaded', (info) => listeners.forEach((listener) => listener(info.version)));
    }
    return updater;
  };
  return {
    unsupportedReason: () => reason,
    async check() {
      if (reason) return undefined;
      const result = await get().checkForUpdates();
      return result && result.isUpdateAvailable !== false && result.updateInfo.version ? { version: result.updateInfo.version } : undefined;
    },
    onDownloaded: (listener) => void listeners.push(listener),
    quitAndInstall: () => get().quitAndInstall(),
  };
}
