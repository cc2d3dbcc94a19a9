import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeychain } from '../../../src/main/core/platform/keychain';
import { accountStatus } from '../../../src/renderer/list-model/account-scope';
import { keychainKey, startHarness, type Harness } from '../../helpers';

/** A keychain that refuses to delete while `locked` (as a locked login keychain does). */
class LockedForDeletes extends MemoryKeychain {
  locked = false;
  override async delete(account: string): Promise<void> {
    if (this.locked) throw new Error('locked');
    return super.delete(account);
  }
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('a keychain that refuses to delete', () => {
  it('sign-out says so in words and never reports "signed out" while the secret stays', async () => {
    const keychain = new LockedForDeletes();
    h = await startHarness({ keychain });
    const key = keychainKey(h);
    const id = h.controller.state.currentAccount!;
    keychain.locked = true;
    expect((await h.controller.dispatch('signOut', [id])).ok).toBe(true);
    expect(await keychain.get(key)).not.toBeNull();
    const account = h.controller.state.accounts.find((each) => each.id === id)!;
    expect(account.secretKept).toBe(true);
    expect(accountStatus(account)).toBe('signing out…');
    expect(account.problem).toMatch(/refused to delete the saved sign-in/);
    expect(h.controller.state.notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^The system keychain refused to delete the saved sign-in of demo@flashback\.test .*tries again every minute/)]);
  });

  it('removal says so in words too, and the entry is left for the retry and the next start', async () => {
    const keychain = new LockedForDeletes();
    h = await startHarness({ keychain });
    const key = keychainKey(h);
    keychain.locked = true;
    expect((await h.controller.dispatch('removeAccount', [h.controller.state.currentAccount])).ok).toBe(true);
    expect(h.controller.state.accounts).toEqual([]);
    expect(await keychain.list()).toEqual([key]);
    expect(h.controller.state.notices).toHaveLength(1);
  });
});
