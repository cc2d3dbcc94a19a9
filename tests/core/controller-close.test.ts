import { describe, expect, it } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import type { Settings } from '../../src/shared/contract';

/** A settings store whose writes end only when the test says (a slow disk). */
class HeldSettingsStore extends MemorySettingsStore {
  readonly held: Array<() => void> = [];
  override async save(settings: Settings): Promise<void> {
    await new Promise<void>((resolve) => this.held.push(resolve));
    await super.save(settings);
  }
}

const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('closing the core', () => {
  it('resolves only after a settings save already begun has ended: after it, nothing writes to the data folder', async () => {
    const store = new HeldSettingsStore();
    const controller = new AppController({ settingsStore: store, keychain: new MemoryKeychain(), log: new MemoryLogger(), notifier: { show: () => undefined } });
    await controller.start();
    void controller.dispatch('updateSettings', [{ theme: 'dark' }]);
    await turns(5);
    expect(store.held).toHaveLength(1);
    let closed = false;
    const closing = controller.close().then(() => (closed = true));
    await turns(20);
    // The preview removes a folder it made once close resolves: a write still running would put it back.
    expect(closed).toBe(false);
    store.held[0]!();
    await closing;
    expect(closed).toBe(true);
    expect((await store.load()).settings.theme).toBe('dark');
    // Closed means stopped: a later change is not written.
    await controller.dispatch('updateSettings', [{ theme: 'light' }]);
    await turns(5);
    expect(store.held).toHaveLength(1);
  });
});
