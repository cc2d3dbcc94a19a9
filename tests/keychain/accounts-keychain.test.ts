import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openSystemKeychain } from '../../src/main/core/platform/system-keychain';
import { makeBuckets } from '../../src/mock-api/buckets';
import { DEMO_USER, MockFlashbackApi } from '../../src/mock-api/server';
import { startHarness, waitForState } from '../helpers';

const run = promisify(execFile);
const SERVICE = `flashback-tray-test-${randomBytes(4).toString('hex')}`;
const probe = await openSystemKeychain('linux', SERVICE);
const available = process.platform === 'linux' && probe.storage === 'keychain';
if (!available) console.warn(`SKIPPED the several-accounts keychain test: no Secret Service on this session bus (${probe.problem ?? 'not Linux'}).`);

/** What secret-tool, from outside the app, finds under the test service: the entries' account names. */
async function entriesFromOutside(): Promise<string[]> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', SERVICE]).catch(() => ({ stdout: '', stderr: '' }));
  return [...`${stdout}${stderr}`.matchAll(/username = (.+)/g)].map((match) => match[1]!.trim()).sort();
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe.skipIf(!available)('several accounts in the OS keychain (Secret Service via gnome-keyring)', () => {
  it('each account has its own entry; removing one deletes that entry and leaves the other', async () => {
    const keychain = await openSystemKeychain('linux', SERVICE);
    const h = await startHarness({ keychain });
    stops.push(() => h.stop());
    const second = new MockFlashbackApi({ buckets: makeBuckets(2, { seed: 3 }) });
    await second.start();
    stops.push(() => second.stop());
    const first = new URL(h.api.url).origin;
    stops.push(async () => {
      for (const account of await entriesFromOutside()) await keychain.delete(account);
    });

    await h.controller.dispatch('addAccount', [second.url, DEMO_USER.email, DEMO_USER.password]);
    const id = (await waitForState(h.controller, (state) => state.buckets.length === 14)).accounts[1]!.id;
    const added = `${new URL(second.url).origin}#${id}`;
    expect(await entriesFromOutside()).toEqual([first, added].sort());

    expect((await h.controller.dispatch('removeAccount', [id])).ok).toBe(true);
    expect(await entriesFromOutside()).toEqual([first]);
    expect(h.controller.state.auth.kind).toBe('signed-in');
  });
});
