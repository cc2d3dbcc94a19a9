import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { trayHostStatus } from '../../src/main/core/desktop/tray-host';
import { CliSessionBus, type RunProgram } from '../../src/main/core/platform/session-bus';
import { ownBusName } from './dbus-name-owner';

/**
 * The real tools against a real, private D-Bus session bus this test starts (so neither
 * the machine's bus nor the keychain tests' bus is touched): a bus with no tray host on
 * it is exactly GNOME without the AppIndicator extension.
 */
const hasDaemon = await new Promise<boolean>((resolve) => execFile('dbus-daemon', ['--version'], (error) => resolve(!error)));
if (!hasDaemon) console.warn('SKIPPED the real session-bus tests: dbus-daemon is not installed (`npm test` installs it).');

describe.skipIf(!hasDaemon)('the session bus, for real (a private dbus-daemon)', () => {
  let daemon: ChildProcess;
  let address = '';
  const on = (bus: string, program?: string): RunProgram => (file, args) =>
    new Promise((resolve, reject) => {
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus, PATH: program === undefined ? process.env.PATH : program };
      execFile(file, args, { env, timeout: 5000 }, (error, stdout) => (error ? reject(error) : resolve(String(stdout))));
    });

  beforeAll(async () => {
    daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const [line] = await createInterface({ input: daemon.stdout! })[Symbol.asyncIterator]().next().then((result) => [result.value as string]);
    address = line!.trim();
  });
  afterAll(() => {
    daemon.kill();
  });

  it('gdbus: the bus owns its own name, and no StatusNotifierWatcher is there', async () => {
    const bus = new CliSessionBus(on(address));
    expect(await bus.nameHasOwner('org.freedesktop.DBus')).toBe(true);
    expect(await bus.nameHasOwner('org.kde.StatusNotifierWatcher')).toBe(false);
    expect(await trayHostStatus(bus)).toBe('missing');
  });

  it('dbus-send when gdbus is not installed gives the same answers', async () => {
    const withoutGdbus: RunProgram = (file, args) => (file === 'gdbus' ? Promise.reject(Object.assign(new Error('spawn gdbus ENOENT'), { code: 'ENOENT' })) : on(address)(file, args));
    const bus = new CliSessionBus(withoutGdbus);
    expect(await bus.nameHasOwner('org.freedesktop.DBus')).toBe(true);
    expect(await trayHostStatus(bus)).toBe('missing');
  });

  it('a tray host on the bus (a client owning org.kde.StatusNotifierWatcher, as panels and the GNOME extension do): present, and missing again once it leaves', async () => {
    const bus = new CliSessionBus(on(address));
    const host = await ownBusName(address, 'org.kde.StatusNotifierWatcher');
    try {
      await vi.waitFor(async () => expect(await trayHostStatus(bus)).toBe('present'), { timeout: 5000 });
    } finally {
      host.release();
    }
    await vi.waitFor(async () => expect(await trayHostStatus(bus)).toBe('missing'), { timeout: 5000 });
  });

  it('no bus at all: unknown, so the app keeps its tray icon as before', async () => {
    expect(await trayHostStatus(new CliSessionBus(on('unix:path=/nonexistent/flashback-test-bus')))).toBe('unknown');
    // Neither tool installed.
    expect(await trayHostStatus(new CliSessionBus(on(address, '/nonexistent')))).toBe('unknown');
  });
});
