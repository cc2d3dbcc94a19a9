import type { DownloadOutcome, FoundUpdate, Updater } from '../main/core/desktop/update-policy';

/**
 * The preview's updater: no real release server, but the same states the desktop app
 * shows. With a version (`--fake-update 9.9.9`) a check finds it, "downloads" it for a
 * moment, then offers to restart; without one, every check says the app is up to date.
 * `failDownloads` (`--fake-update-fails N`) makes the first N downloads fail, to see a
 * failed download said in words and retried at the next check.
 */
export class FakeUpdater implements Updater {
  private downloads = 0;

  private readonly downloadMs: number;
  private readonly failDownloads: number;

  constructor(
    private readonly newerVersion: string | undefined,
    private readonly onInstall: (version: string) => void,
    options: { downloadMs?: number; failDownloads?: number | undefined } = {},
  ) {
    this.downloadMs = options.downloadMs ?? 800;
    this.failDownloads = options.failDownloads ?? 0;
  }

  unsupportedReason(): string | undefined {
    return undefined;
  }

  async check(): Promise<FoundUpdate | undefined> {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const version = this.newerVersion;
    if (!version) return undefined;
    const fails = this.downloads++ < this.failDownloads;
    const download = new Promise<DownloadOutcome>((resolve) =>
      setTimeout(() => resolve(fails ? { ok: false, reason: 'the fake release server dropped the connection' } : { ok: true }), this.downloadMs),
    );
    return { version, download };
  }

  quitAndInstall(): void {
    if (this.newerVersion) this.onInstall(this.newerVersion);
  }
}
