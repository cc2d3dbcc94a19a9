import type { Updater } from '../main/core/desktop/update-policy';

/**
 * The preview's updater: no real release server, but the same states the desktop app
 * shows. With a version (`--fake-update 9.9.9`) a check finds it, "downloads" it for a
 * moment, then offers to restart; without one, every check says the app is up to date.
 */
export class FakeUpdater implements Updater {
  private readonly listeners: Array<(version: string) => void> = [];

  constructor(
    private readonly newerVersion: string | undefined,
    private readonly onInstall: (version: string) => void,
    private readonly downloadMs = 800,
  ) {}

  unsupportedReason(): string | undefined {
    return undefined;
  }

  async check(): Promise<{ version: string } | undefined> {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const version = this.newerVersion;
    if (!version) return undefined;
    setTimeout(() => {
      for (const listener of this.listeners) listener(version);
    }, this.downloadMs);
    return { version };
  }

  onDownloaded(listener: (version: string) => void): void {
    this.listeners.push(listener);
  }

  quitAndInstall(): void {
    if (this.newerVersion) this.onInstall(this.newerVersion);
  }
}
