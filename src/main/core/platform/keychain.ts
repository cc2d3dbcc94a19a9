import type { KeychainStorage } from '../../../shared/contract';

/** A secret store for one service, keyed by account. Every call is asynchronous. */
export interface Keychain {
  readonly storage: KeychainStorage;
  /** Why secrets only last for this session, in words, when `storage` is `session-only`. */
  readonly problem?: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
  /** Every account name under the app's service (to remove entries no saved account owns). */
  list(): Promise<string[]>;
}

export const KEYCHAIN_SERVICE = 'flashback-tray';

/** Holds secrets in this process's memory only: the honest fallback when no keychain works. */
export class MemoryKeychain implements Keychain {
  readonly storage = 'session-only' as const;
  private readonly secrets = new Map<string, string>();
  constructor(readonly problem?: string) {}
  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }
  async delete(account: string): Promise<void> {
    this.secrets.delete(account);
  }
  async list(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}

export class KeychainError extends Error {
  override readonly name = 'KeychainError';
}
