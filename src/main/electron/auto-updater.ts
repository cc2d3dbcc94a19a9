import type { Logger } from '../core/platform/logger';
import type { DownloadOutcome, Updater } from '../core/desktop/update-policy';

/** What electron-updater's `checkForUpdates()` answers (with `autoDownload`, the download's promise and its cancel switch). */
interface UpdateCheckLike {
  isUpdateAvailable?: boolean;
  updateInfo: { version: string };
  downloadPromise?: Promise<unknown> | null;
  cancellationToken?: { cancel(): void };
}

/** The part of electron-updater's `autoUpdater` this app uses. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  logger: unknown;
  checkForUpdates(): Promise<UpdateCheckLike | null>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quitAndInstall(): void;
}

interface ElectronUpdaterDeps {
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

const downloadFailure = (error: unknown): DownloadOutcome => ({ ok: false, reason: error instanceof Error ? error.message : String(error) });

/**
 * The `Updater` port over electron-updater: GitHub releases (electron-builder.yml `publish`),
 * downloads in the background. A check's result carries its download's promise; a new
 * check first cancels a download still running (electron-updater would otherwise join it,
 * stuck or not) and waits for it to let go.
 */
export function createElectronUpdater(deps: ElectronUpdaterDeps): Updater {
  const reason = unsupportedUpdateReason(deps.platform, deps.env, deps.isPackaged);
  let updater: AutoUpdaterLike | undefined;
  let running: { cancel(): void; settled: Promise<DownloadOutcome> } | undefined;
  const get = () => {
    if (!updater) {
      updater = deps.load();
      updater.autoDownload = true;
      updater.logger = { info: () => undefined, warn: (m: unknown) => deps.log.warn('updater', m), error: (m: unknown) => deps.log.warn('updater', m), debug: () => undefined };
      // Failures reach the app through the check and download promises; the event only keeps an unheard 'error' from throwing.
      updater.on('error', (error) => deps.log.info('updater error event', error.message));
    }
    return updater;
  };
  return {
    unsupportedReason: () => reason,
    async check() {
      if (reason) return undefined;
      if (running) {
        running.cancel();
        await running.settled;
        running = undefined;
      }
      const result = await get().checkForUpdates();
      if (!result || result.isUpdateAvailable === false || !result.updateInfo.version) return undefined;
      const download: Promise<DownloadOutcome> = result.downloadPromise
        ? result.downloadPromise.then(() => ({ ok: true }), downloadFailure)
        : Promise.resolve(downloadFailure(new Error('electron-updater started no download')));
      const mine = { cancel: () => result.cancellationToken?.cancel(), settled: download };
      running = mine;
      void download.then(() => {
        if (running === mine) running = undefined;
      });
      return { version: result.updateInfo.version, download };
    },
    quitAndInstall: () => get().quitAndInstall(),
  };
}
