import type { UpdateState } from '../../../shared/contract';
import type { Clock, TimerHandle } from '../platform/clock';
import type { Logger } from '../platform/logger';

/** What the app needs of an updater (electron-updater in the desktop app, a fake in the preview). */
export interface Updater {
  /** Why this installation cannot update itself (a deb, a portable build …), or undefined when it can. */
  unsupportedReason(): string | undefined;
  /** Asks for a newer version; when there is one, it starts downloading in the background. */
  check(): Promise<{ version: string } | undefined>;
  /** Called once a downloaded update is ready to install. */
  onDownloaded(listener: (version: string) => void): void;
  quitAndInstall(): void;
}

export const UPDATE_CHECK_EVERY_MS = 6 * 3600_000;

export interface UpdatePolicyOptions {
  updater: Updater;
  clock: Clock;
  log: Logger;
  autoUpdate(): boolean;
  publish(state: UpdateState): void;
}

/**
 * When to look for updates and what to show: at start and every 6 hours while the setting
 * is on, by hand with "Check now" otherwise; one check at a time; a failure is a sentence
 * and a later try, never a crash; an installation that cannot update says why instead.
 */
export class UpdatePolicy {
  private state: UpdateState = { kind: 'idle' };
  private timer: TimerHandle | undefined;
  private checking: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: UpdatePolicyOptions) {
    options.updater.onDownloaded((version) => this.set({ kind: 'ready', version }));
  }

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

  checkNow(): Promise<void> {
    if (this.state.kind === 'unsupported' || this.state.kind === 'ready' || this.state.kind === 'downloading') return Promise.resolve();
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
    this.disposed = true;
    this.cancelTimer();
  }

  private async check(): Promise<void> {
    this.set({ kind: 'checking' });
    const checkedAt = new Date(this.options.clock.now()).toISOString();
    try {
      const found = await this.options.updater.check();
      // A download that finished during the check already said "ready".
      if (this.state.kind === 'checking') this.set(found ? { kind: 'downloading', version: found.version } : { kind: 'up-to-date', checkedAt });
    } catch (error) {
      this.options.log.warn('the update check failed', error);
      const next = this.options.autoUpdate() ? ' It tries again in 6 hours.' : '';
      this.set({ kind: 'error', message: `Flashback Tray could not check for updates (no connection, or the release server did not answer).${next}`, checkedAt });
    }
  }

  private schedule(): void {
    this.cancelTimer();
    if (this.disposed || !this.options.autoUpdate() || this.state.kind === 'ready' || this.state.kind === 'unsupported') return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.checkNow();
    }, UPDATE_CHECK_EVERY_MS);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(state: UpdateState): void {
    if (this.disposed) return;
    this.state = state;
    this.options.publish(state);
  }
}

/** An app without an updater (development, tests): says so once, does nothing. */
export const noUpdater = (reason = 'Updates come with the installed app; this build does not update itself.'): Updater => ({
  unsupportedReason: () => reason,
  check: async () => undefined,
  onDownloaded: () => undefined,
  quitAndInstall: () => undefined,
});
