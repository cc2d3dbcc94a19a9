import type { Clock, TimerHandle } from '../platform/clock';
import type { Keychain } from '../platform/keychain';
import type { Logger } from '../platform/logger';

/** How often a keychain that refused to delete is asked again. */
const DELETE_RETRY_MS = 60_000;

/**
 * Deletes keychain entries the app no longer wants: at start, every entry under the app's
 * service that no saved account owns (left by a damaged settings entry, a crash, an account
 * removed while the keychain was locked); during the run, the ones the keychain refused to
 * delete (locked, access denied), asked again every minute until it agrees.
 */
export class KeychainJanitor {
  private readonly leftovers = new Set<string>();
  private timer: TimerHandle | undefined;
  private disposed = false;

  constructor(
    private readonly keychain: Keychain,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** An entry the keychain finally deleted. */
    private readonly onDeleted: (key: string) => void,
  ) {}

  /** Is this entry waiting to be deleted? */
  holds(key: string): boolean {
    return this.leftovers.has(key);
  }

  /** The keychain refused to delete `key`: try again later. */
  retryLater(key: string): void {
    this.leftovers.add(key);
    this.arm();
  }

  /** `key` is wanted again (the account signed in anew): stop deleting it. */
  keep(key: string): void {
    this.leftovers.delete(key);
  }

  /** Removes every entry under the service that `owned` does not name; logs how many. */
  async sweep(owned: ReadonlySet<string>): Promise<void> {
    let orphans: string[];
    try {
      orphans = (await this.keychain.list()).filter((key) => !owned.has(key));
    } catch (error) {
      this.log.warn('the keychain could not be listed; entries no account owns stay for now', error);
      return;
    }
    let removed = 0;
    for (const key of orphans) {
      if (this.disposed) return;
      if (await this.delete(key)) removed++;
      else this.retryLater(key);
    }
    if (orphans.length > 0) this.log.info(`removed ${removed} of ${orphans.length} keychain entries that no saved account owns`);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.retry();
    }, DELETE_RETRY_MS);
  }

  private async retry(): Promise<void> {
    for (const key of [...this.leftovers]) {
      if (this.disposed) return;
      if (!this.leftovers.has(key) || !(await this.delete(key)) || !this.leftovers.delete(key)) continue;
      this.log.info('a keychain entry it had refused to delete is deleted now');
      this.onDeleted(key);
    }
    if (this.leftovers.size > 0) this.arm();
  }

  private async delete(key: string): Promise<boolean> {
    try {
      await this.keychain.delete(key);
      return true;
    } catch (error) {
      this.log.warn('the keychain refused to delete an entry; trying again in a minute', error);
      return false;
    }
  }
}
