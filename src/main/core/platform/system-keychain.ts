import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import type { KeychainStorage } from '../../../shared/contract';
import { KEYCHAIN_SERVICE, KeychainError, MemoryKeychain, type Keychain } from './keychain';

type EntryFactory = (service: string, account: string) => AsyncEntry;
type Finder = (service: string) => Promise<Array<{ account: string }>>;

const NO_SECRET_SERVICE =
  'No system keychain (Secret Service) is running, so your sign-in is kept in memory and will not survive a restart.';

/**
 * The OS keychain through `@napi-rs/keyring` (keytar's maintained successor): macOS
 * Keychain, Windows Credential Manager, Secret Service on Linux. On Linux the entry is
 * pinned to Secret Service, because the library's silent fallback (the kernel keyring)
 * is memory that is lost at reboot: in that case this reports `session-only` instead.
 */
class SystemKeychain implements Keychain {
  readonly storage: KeychainStorage = 'keychain';
  constructor(
    private readonly createEntry: EntryFactory,
    private readonly service: string = KEYCHAIN_SERVICE,
    private readonly find: Finder = (svc) => findCredentialsAsync(svc),
  ) {}

  async get(account: string): Promise<string | null> {
    return this.call('read', () => this.createEntry(this.service, account).getPassword());
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call('save', () => this.createEntry(this.service, account).setPassword(secret));
  }

  async delete(account: string): Promise<void> {
    await this.call('delete', () => this.createEntry(this.service, account).deleteCredential());
  }

  async list(): Promise<string[]> {
    const found = await this.call('list', () => this.find(this.service));
    return found.map((credential) => credential.account);
  }

  /** Keychain errors become a sentence; the library's own text may name the item, never the secret, but it is dropped anyway. */
  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch {
      throw new KeychainError(`The system keychain refused to ${action} your sign-in (it may be locked or access was denied).`);
    }
  }
}

/** Checks that the pinned store exists; constructing an entry throws when it does not. */
export async function openSystemKeychain(platform: NodeJS.Platform = process.platform, service = KEYCHAIN_SERVICE): Promise<Keychain> {
  const options = platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const createEntry: EntryFactory = (svc, account) => new AsyncEntry(svc, account, options);
  try {
    const probe = createEntry(service, '__flashback_tray_probe__');
    await probe.getPassword();
  } catch {
    return new MemoryKeychain(platform === 'linux' ? NO_SECRET_SERVICE : 'The system keychain is not available, so your sign-in will not survive a restart.');
  }
  return new SystemKeychain(createEntry, service);
}
