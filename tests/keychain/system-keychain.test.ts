import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSystemKeychain } from '../../src/main/core/platform/system-keychain';
import type { Keychain } from '../../src/main/core/platform/keychain';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const SERVICE = `flashback-tray-test-${randomBytes(4).toString('hex')}`;
const ACCOUNT = 'http://127.0.0.1:4010';

async function hasSecretTool(): Promise<boolean> {
  return run('secret-tool', ['--version']).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );
}

const probe = await openSystemKeychain('linux', SERVICE);
const available = process.platform === 'linux' && probe.storage === 'keychain';
if (!available) {
  console.warn(
    `SKIPPED the real-keychain tests: no Secret Service on this session bus (${probe.problem ?? 'not Linux'}). ` +
      '`npm test` starts a private one when gnome-keyring and dbus are installed (see .ci/run).',
  );
}

describe.skipIf(!available)('the OS keychain (Secret Service via gnome-keyring)', () => {
  let keychain: Keychain;
  beforeAll(async () => {
    keychain = await openSystemKeychain('linux', SERVICE);
  });
  afterAll(async () => {
    await keychain?.delete(ACCOUNT);
  });

  it('stores a secret, reads it back, and a new keychain object (a restart) still finds it', async () => {
    expect(keychain.storage).toBe('keychain');
    await keychain.set(ACCOUNT, '{"v":1,"accessToken":"abc"}');
    expect(await keychain.get(ACCOUNT)).toBe('{"v":1,"accessToken":"abc"}');
    const afterRestart = await openSystemKeychain('linux', SERVICE);
    expect(await afterRestart.get(ACCOUNT)).toBe('{"v":1,"accessToken":"abc"}');
  });

  it('is where the app says it is: secret-tool finds it by service and account', async () => {
    if (!(await hasSecretTool())) throw new Error('secret-tool is missing: install libsecret-tools');
    await keychain.set(ACCOUNT, 'outside-check');
    const { stdout } = await run('secret-tool', ['lookup', 'service', SERVICE, 'username', ACCOUNT]);
    expect(stdout.trim()).toBe('outside-check');
    const search = await run('secret-tool', ['search', '--all', 'service', SERVICE]);
    expect(`${search.stdout}${search.stderr}`).toContain(`username = ${ACCOUNT}`);
  });

  it('deletes it, and reading then gives nothing', async () => {
    await keychain.set(ACCOUNT, 'to-delete');
    await keychain.delete(ACCOUNT);
    expect(await keychain.get(ACCOUNT)).toBeNull();
    const lookup = await run('secret-tool', ['lookup', 'service', SERVICE, 'username', ACCOUNT]).then(
      ({ stdout }) => stdout,
      () => '',
    );
    expect(lookup).toBe('');
  });
});

describe('without a Secret Service', () => {
  it('reports session-only with a reason instead of using the kernel keyring silently', async () => {
    const script = `import { openSystemKeychain } from './src/main/core/platform/system-keychain.ts';
      const k = await openSystemKeychain('linux', '${SERVICE}');
      console.log(JSON.stringify({ storage: k.storage, problem: k.problem }));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
    });
    expect(JSON.parse(stdout)).toEqual({
      storage: 'session-only',
      problem: 'No system keychain (Secret Service) is running, so your sign-in is kept in memory and will not survive a restart.',
    });
  });
});
