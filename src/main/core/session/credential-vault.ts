import type { KeychainStorage } from '../../../shared/contract';
import { MemoryKeychain, type Keychain } from '../platform/keychain';
import type { Logger } from '../platform/logger';
import type { StoredCredentials } from './stored-credentials';

function keychainText(error: unknown): string {
  return error instanceof Error && error.name === 'KeychainError' ? error.message : 'The system keychain could not be used.';
}

/**
 * The session's only way to the keychain. Operations run one at a time, in order, so a
 * late write can never land after a newer delete; a write whose generation has ended is
 * skipped. When the keychain refuses a write, the sign-in is kept in memory and `problem`
 * says so.
 */
export class CredentialVault {
  private queue: Promise<unknown> = Promise.resolve();
  private keychain: Keychain;
  private fallbackProblem: string | undefined;

  constructor(
    keychain: Keychain,
    private readonly log: Logger,
  ) {
    this.keychain = keychain;
  }

  get storage(): KeychainStorage {
    return this.keychain.storage;
  }

  get problem(): string | undefined {
    return this.fallbackProblem ?? this.keychain.problem;
  }

  /** A read that failed says why in words (the message of a `KeychainError`). */
  read(account: string): Promise<{ ok: true; text: string | null } | { ok: false; problem: string }> {
    return this.run(async () => {
      try {
        return { ok: true as const, text: await this.keychain.get(account) };
      } catch (error) {
        this.log.warn('keychain read failed', error);
        return { ok: false as const, problem: keychainText(error) };
      }
    });
  }

  /** Saves unless `signal` has aborted by the time the write's turn comes; true when it fell back to memory. */
  save(account: string, credentials: StoredCredentials, signal: AbortSignal): Promise<boolean> {
    return this.run(async () => {
      if (signal.aborted) return false;
      const text = JSON.stringify(credentials);
      try {
        await this.keychain.set(account, text);
        return false;
      } catch (error) {
        this.log.warn('keychain write failed; keeping the sign-in in memory only', error);
        this.fallbackProblem = `${keychainText(error)} Your sign-in will not survive a restart.`;
        this.keychain = new MemoryKeychain(this.fallbackProblem);
        await this.keychain.set(account, text);
        return true;
      }
    });
  }

  /** True when the entry is gone (or never was); false when the keychain refused to delete it. */
  remove(account: string): Promise<boolean> {
    return this.run(async () => {
      try {
        await this.keychain.delete(account);
        return true;
      } catch (error) {
        this.log.warn('keychain delete failed', error);
        return false;
      }
    });
  }

  private run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
