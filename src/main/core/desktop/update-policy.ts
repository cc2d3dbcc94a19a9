import type { UpdateState } from '../../../shared/contract';
import type { Clock, TimerHandle } from '../platform/clock';
import { Lifetime } from '../platform/lifetime';
import type { Logger } from '../platform/logger';

/** How a found update's background download ended. */
export type DownloadOutcome = { ok: true } | { ok: false; reason: string };

/** A newer version a check found, and its download's outcome (a promise that never rejects). */
export interface FoundUpdate {
  version: string;
  download: Promise<DownloadOutcome>;
}

/** What the app needs of an updater (electron-updater in the desktop app, a fake in the preview). */
export interface Updater {
  /** Why this installation cannot update itself (a deb, a portable build …), or undefined when it can. */
  unsupportedReason(): string | undefined;
  /**
   * Asks for a newer version; when there is one, downloads it in the background and says
   * how that download ended. A download still running from an earlier check is abandoned
   * first, so every check is a fresh try.
   */
  check(): Promise<FoundUpdate | undefined>;
  quitAndInstall(): void;
}

export const UPDATE_CHECK_EVERY_MS = 6 * 3600_000;
/** A download not finished after this long is said to be stuck; the next check starts it again. */
export const DOWNLOAD_STALLS_AFTER_MS = 3600_000;

interface UpdatePolicyOptions {
  updater: Updater;
  clock: Clock;
  log: Logger;
  autoUpdate(): boolean;
  publish(state: UpdateState): void;
}

/**
 * When to look for updates and what to show: at start and every 6 hours while the setting
 * is on, by hand with "Check now" (which always checks) otherwise; one check at a time; a
 * failed check, a failed download and a stuck one are each a sentence and a retry at the
 * next check, never a crash; an installation that cannot update says why instead. Each
 * check runs under its own generation: a newer check or `dispose()` ends it, and its late
 * answer or download outcome then changes nothing.
 */
export class UpdatePolicy {
  private state: UpdateState = { kind: 'idle' };
  private timer: TimerHandle | undefined;
  private stallTimer: TimerHandle | undefined;
  private checking: Promise<void> | undefined;
  private readonly lifetime = new Lifetime();

  constructor(private readonly options: UpdatePolicyOptions) {}

  start(): void {
    const reason = this.options.updater.unsupportedReason();
    if (reason) return this.set({ kind: 'unsupported', reason });
    if (this.options.autoUpdate()) void this.checkNow();
  }

  /** The setting changed: on schedules checks (and checks now if never done), off stops them. */
  settingChanged(): void {
    if (this.state.kind === 'unsupported') return;
    if (!this.options.autoUpdate()) return this.cancelTimer();
    if (this.state.kind === 'idle') void this.checkNow();
    else this.schedule();
  }

  /** Checks now, whatever the last check or download did (unless this installation cannot update). */
  checkNow(): Promise<void> {
    if (this.state.kind === 'unsupported' || this.lifetime.isEnded) return Promise.resolve();
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
      this.schedule();
    });
    return this.checking;
  }

  /** Restarts into the downloaded version; nothing when none is ready. */
  install(): void {
    if (this.state.kind === 'ready') this.options.updater.quitAndInstall();
  }

  dispose(): void {
    this.lifetime.end();
    this.cancelTimer();
    this.cancelStallTimer();
  }

  private async check(): Promise<void> {
    const signal = this.lifetime.renew('a newer update check');
    this.cancelStallTimer();
    const ready = this.state.kind === 'ready' ? this.state : undefined;
    this.set({ kind: 'checking' });
    const checkedAt = new Date(this.options.clock.now()).toISOString();
    let found: FoundUpdate | undefined;
    try {
      found = await this.options.updater.check();
    } catch (error) {
      if (signal.aborted) return;
      this.options.log.warn('the update check failed', error);
      this.set({ kind: 'error', message: `Flashback Tray could not check for updates (no connection, or the release server did not answer).${this.retryWords()}`, checkedAt });
      return;
    }
    if (signal.aborted) return;
    if (!found) return this.set(ready ?? { kind: 'up-to-date', checkedAt });
    const { version, download } = found;
    this.set({ kind: 'downloading', version });
    this.stallTimer = this.options.clock.setTimeout(() => {
      this.stallTimer = undefined;
      if (signal.aborted || this.state.kind !== 'downloading') return;
      this.options.log.warn(`the download of ${version} has not finished in ${DOWNLOAD_STALLS_AFTER_MS / 60_000} minutes`);
      this.set({ kind: 'error', message: `The download of version ${version} is not finishing (the connection may have stalled).${this.retryWords()}`, checkedAt });
    }, DOWNLOAD_STALLS_AFTER_MS);
    void download.then((outcome) => {
      // A late finish of a download said to be stuck still counts, while its check is the latest.
      if (signal.aborted) return;
      this.cancelStallTimer();
      if (outcome.ok) {
        // Nothing more to look for until the restart.
        this.cancelTimer();
        return this.set({ kind: 'ready', version });
      }
      this.options.log.warn('the update download failed', outcome.reason);
      this.set({ kind: 'error', message: `Version ${version} could not be downloaded (the connection dropped, or the release server did not send it).${this.retryWords()}`, checkedAt });
    });
  }

  private retryWords(): string {
    return this.options.autoUpdate() ? ' It tries again in 6 hours.' : ' "Check now" tries again.';
  }

  private schedule(): void {
    this.cancelTimer();
    if (this.lifetime.isEnded || !this.options.autoUpdate() || this.state.kind === 'ready' || this.state.kind === 'unsupported') return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.checkNow();
    }, UPDATE_CHECK_EVERY_MS);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private cancelStallTimer(): void {
    if (this.stallTimer !== undefined) this.options.clock.clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  private set(state: UpdateState): void {
    if (this.lifetime.isEnded) return;
    this.state = state;
    this.options.publish(state);
  }
}

/** An app without an updater (development, tests): says so once, does nothing. */
export const noUpdater = (reason = 'Updates come with the installed app; this build does not update itself.'): Updater => ({
  unsupportedReason: () => reason,
  check: async () => undefined,
  quitAndInstall: () => undefined,
});
