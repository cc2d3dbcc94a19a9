import type { Settings } from '../../../shared/contract';
import type { Logger } from '../platform/logger';
import type { SettingsStore } from './settings-store';

/**
 * The one queue of settings writes: saves run one at a time, in order, and each writes the
 * settings current when it runs, so overlapping changes end on disk as they are in memory.
 * A save whose `signal` ended before its turn (the app quit) writes nothing. A failed save
 * keeps the change for this run and says so.
 */
export class SettingsSaver {
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SettingsStore,
    private readonly current: () => Settings,
    private readonly log: Logger,
    private readonly tell: (message: string) => void,
  ) {}

  save(signal: AbortSignal): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (signal.aborted) return;
      try {
        await this.store.save(this.current());
      } catch (error) {
        this.log.warn('settings could not be saved', error);
        this.tell(error instanceof Error && error.name === 'SettingsNotSaved' ? error.message : 'Your settings could not be saved to disk. The change applies until you quit Flashback Tray.');
      }
    });
    return this.saving;
  }

  /** Resolves once every save queued so far has ended. */
  idle(): Promise<void> {
    return this.saving;
  }
}
