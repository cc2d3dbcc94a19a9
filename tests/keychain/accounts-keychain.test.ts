import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { openSystemKeychain } from '../../src/main/core/platform/system-keychain';
import { MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MFA_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { startHarness, waitForState } from '../helpers';

const run = promisify(execFile);
const SERVICE = `flashback-tray-test-${randomBytes(4).toString('hex')}`;
const probe = await openSystemKeychain('linux', SERVICE);
const available = process.platform === 'linux' && probe.storage === 'keychain';
if (!available) console.warn(`SKIPPED the accounts keychain test: no Secret Service on this session bus (${probe.problem ?? 'not Linux'}).`);

/** What secret-tool, from outside the app, finds under the test service: the entries' account names. */
async function entriesFromOutside(): Promise<string[]> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', SERVICE]).catch(() => ({ stdout: '', stderr: '' }));
  return [...`${stdout}${stderr}`.matchAll(/username = (.+)/g)].map((match) => match[1]!.trim()).sort();
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe.skipIf(!available)('accounts in the OS keychain (Secret Service via gnome-keyring), read from outside with secret-tool', () => {
  it('add: one entry per account (origin#id); abandon: nothing; remove the first: only its entry goes; restart: an orphan is swept', async () => {
    const keychain = await openSystemKeychain('linux', SERVICE);
    const h = await startHarness({ keychain });
    stops.push(() => h.stop());
    stops.push(async () => {
      for (const account of await entriesFromOutside()) await keychain.delete(account);
    });
    const second = new MockFlashbackApi({ buckets: makeBuckets(2, { seed: 3 }) });
    await second.start();
    stops.push(() => second.stop());
    const firstId = h.controller.state.currentAccount!;
    const first = `${new URL(h.api.url).origin}#${firstId}`;
    expect(await entriesFromOutside()).toEqual([first]);

    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (state) => state.buckets.length === 14)).accounts[1]!.id;
    const added = `${new URL(second.url).origin}#${id}`;
    expect(await entriesFromOutside()).toEqual([first, added].sort());

    // An add abandoned at its second step leaves no entry.
    const draft = await h.controller.dispatch('addAccount', [second.url, MFA_USER.email, MFA_USER.password!]);
    expect(h.controller.state.draft?.auth.kind).toBe('mfa-required');
    await h.controller.dispatch('cancelSignIn', [draft.ok ? draft.value : '']);
    expect(await entriesFromOutside()).toEqual([first, added].sort());

    // The first account removed: its entry goes, the other stays.
    expect((await h.controller.dispatch('removeAccount', [firstId])).ok).toBe(true);
    expect(await entriesFromOutside()).toEqual([added]);
    expect(h.controller.state.auth.kind).toBe('signed-in');

    // An entry no saved account owns (a crash, a damaged settings entry) is swept at the next start.
    await keychain.set(`${new URL(second.url).origin}#acc-orphan0001`, '{"v":1}');
    expect(await entriesFromOutside()).toEqual([added, `${new URL(second.url).origin}#acc-orphan0001`].sort());
    const settings = h.controller.state.settings;
    h.controller.dispose();
    const log = new MemoryLogger();
    const restarted = new AppController({ settingsStore: new MemorySettingsStore(settings), keychain, log, minRefreshGapMs: 0 });
    stops.push(() => restarted.dispose());
    await restarted.start();
    expect(await entriesFromOutside()).toEqual([added]);
    expect(log.lines.some((line) => line.includes('removed 1 of 1 keychain entries that no saved account owns'))).toBe(true);
    expect(restarted.state.accounts.map((account) => [account.id, account.auth])).toEqual([[id, 'signed-in']]);
  });
});
