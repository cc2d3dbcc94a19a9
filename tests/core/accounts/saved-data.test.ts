import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../../src/main/core/app/controller';
import { MemoryKeychain } from '../../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../../src/main/core/platform/logger';
import { JsonFileSettingsStore } from '../../../src/main/core/settings/settings-store';
import { settingsFromJson } from '../../../src/main/core/settings/settings';
import { DEFAULT_SETTINGS } from '../../../src/shared/contract';
import { DEFAULT_USERS, type MockUser } from '../../../src/mock-api/demo-accounts';
import { MockFlashbackApi } from '../../../src/mock-api/server';
import { tempDir } from '../../setup/temp-dirs';
import { waitForState } from '../../helpers';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const QA: MockUser = { email: 'qa@example.com', password: 'qa-password', name: 'QA Team', profileEmail: 'QA Team <qa@example.com>' };

async function settingsFile(content?: unknown) {
  const dir = await tempDir('flashback-accounts-');
  const path = join(dir, 'settings.json');
  if (content !== undefined) await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function app(path: string, keychain: MemoryKeychain, log = new MemoryLogger()) {
  const controller = new AppController({ settingsStore: new JsonFileSettingsStore(path), keychain, log, minRefreshGapMs: 0 });
  stops.push(() => controller.dispose());
  return controller;
}

describe('saved accounts survive what a server or a disk can do', () => {
  it('an email the server words as "QA Team <qa@example.com>" is kept as data: every account comes back after a restart', async () => {
    const api = new MockFlashbackApi({ users: [...DEFAULT_USERS, QA] });
    const url = await api.start();
    stops.push(() => api.stop());
    const path = await settingsFile({ apiBaseUrl: url });
    const keychain = new MemoryKeychain();
    const first = app(path, keychain);
    await first.start();
    expect((await first.dispatch('addAccount', [url, QA.email, QA.password])).ok).toBe(true);
    await waitForState(first, (s) => s.settings.accounts.some((account) => account.email === QA.profileEmail));
    await first.dispatch('updateSettings', [{ theme: 'dark' }]);
    first.dispose();

    const log = new MemoryLogger();
    const again = app(path, keychain, log);
    await again.start();
    expect(again.state.notices).toEqual([]);
    expect(again.state.settings.accounts.map((account) => account.email)).toContain(QA.profileEmail);
    expect(again.state.accounts.find((account) => account.email === QA.profileEmail)?.auth).toBe('signed-in');
  });

  it('any text as an email reads back from the file exactly as it was saved, and the rest of the file with it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const saved = { ...DEFAULT_SETTINGS, theme: 'dark', accounts: [{ id: 'acc-abcdefgh1', apiBaseUrl: 'https://a.example', email: raw }] };
        const once = settingsFromJson(JSON.parse(JSON.stringify(saved)));
        const twice = settingsFromJson(JSON.parse(JSON.stringify(once.settings)));
        expect(once.invalid).toEqual([]);
        expect(once.droppedAccounts).toBe(0);
        expect(twice.settings).toEqual(once.settings);
        expect(once.settings.theme).toBe('dark');
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('a damaged entry costs that entry alone, said once in words; its keychain entry is removed at start', async () => {
    const good = { id: 'acc-goodgood1', apiBaseUrl: 'https://a.example', email: 'a@example.com' };
    const path = await settingsFile({ theme: 'dark', accounts: [good, { id: 'acc-broken01', apiBaseUrl: 42, email: 'b@example.com' }, 'not an account'] });
    const keychain = new MemoryKeychain();
    await keychain.set('https://a.example#acc-goodgood1', 'x');
    await keychain.set('https://a.example#acc-broken01', 'y');
    const log = new MemoryLogger();
    const controller = app(path, keychain, log);
    await controller.start();
    expect(controller.state.settings.accounts).toEqual([good]);
    expect(controller.state.settings.theme).toBe('dark');
    expect(controller.state.notices.map((notice) => notice.message)).toEqual([
      '2 saved accounts could not be read and were left out; the others are kept. Add them again to use them.',
    ]);
    expect(await keychain.list()).not.toContain('https://a.example#acc-broken01');
    expect(log.lines.some((line) => line.includes('removed 1 of 1 keychain entries that no saved account owns'))).toBe(true);
    controller.dispose();

    // Said once: the file no longer holds what could not be read.
    const again = app(path, keychain);
    await again.start();
    expect(again.state.notices).toEqual([]);
    expect(again.state.settings.accounts).toEqual([good]);
  });

  it('a settings file that cannot be parsed sweeps nothing: what it owned is unknown', async () => {
    const path = await settingsFile('{"accounts": [');
    const keychain = new MemoryKeychain();
    await keychain.set('https://a.example#acc-goodgood1', 'x');
    const controller = app(path, keychain);
    await controller.start();
    expect(await keychain.list()).toEqual(['https://a.example#acc-goodgood1']);
  });
});
