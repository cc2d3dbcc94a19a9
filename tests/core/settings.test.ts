import { tempDir } from '../setup/temp-dirs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedApiBaseUrl, validateSettingsPatch } from '../../src/main/core/settings/settings';
import { JsonFileSettingsStore, MemorySettingsStore } from '../../src/main/core/settings/settings-store';
import { SettingsSaver } from '../../src/main/core/settings/settings-saver';
import { DEFAULT_SETTINGS } from '../../src/shared/contract';
import { AppController } from '../../src/main/core/app/controller';
import { MemoryKeychain } from '../../src/main/core/platform/keychain';
import { MemoryLogger } from '../../src/main/core/platform/logger';

async function storeWith(text: string | undefined) {
  const dir = await tempDir('flashback-settings-');
  const path = join(dir, 'settings.json');
  if (text !== undefined) await writeFile(path, text);
  return { dir, path, store: new JsonFileSettingsStore(path, () => 1234) };
}

describe('settings file', () => {
  it('uses the defaults on first run, quietly', async () => {
    const { store } = await storeWith(undefined);
    expect(await store.load()).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('round-trips what it saved', async () => {
    const { store } = await storeWith(undefined);
    const settings = { ...DEFAULT_SETTINGS, pollIntervalSeconds: 120, theme: 'dark' as const, workspaceId: 'ws-1' };
    await store.save(settings);
    expect(await store.load()).toEqual({ settings });
  });

  it('writes atomically, in the one save queue: overlapping saves end on disk as the last change, no temporary file left behind', async () => {
    const { store, dir } = await storeWith(undefined);
    let current = DEFAULT_SETTINGS;
    const saver = new SettingsSaver(store, () => current, new MemoryLogger(), () => undefined);
    const signal = new AbortController().signal;
    await Promise.all(
      [1, 2, 3].map((n) => {
        current = { ...DEFAULT_SETTINGS, pollIntervalSeconds: 60 * n };
        return saver.save(signal);
      }),
    );
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).pollIntervalSeconds).toBe(180);
  });

  it('a save whose turn comes after its signal ended (the app quit) writes nothing', async () => {
    const { store, dir } = await storeWith(undefined);
    const saver = new SettingsSaver(store, () => DEFAULT_SETTINGS, new MemoryLogger(), () => undefined);
    const quit = new AbortController();
    const saved = saver.save(quit.signal);
    quit.abort();
    await saved;
    expect(await readdir(dir)).toEqual([]);
  });

  it('moves a corrupt file aside, uses the defaults and says so', async () => {
    const { store, dir, path } = await storeWith('{"pollIntervalSeconds": 30, "theme": "da');
    const result = await store.load();
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.problem).toBe(`Your settings file was damaged, so the defaults are in use. The old file was kept as ${path}.corrupt-1234.`);
    expect((await readdir(dir)).sort()).toEqual(['settings.json.corrupt-1234']);
  });

  it('keeps the good fields of a file with some bad ones', async () => {
    const { store } = await storeWith(JSON.stringify({ pollIntervalSeconds: 5, theme: 'dark', apiBaseUrl: 'http://evil.example', notifications: { added: false } }));
    const result = await store.load();
    expect(result.settings).toMatchObject({ pollIntervalSeconds: 60, theme: 'dark', apiBaseUrl: DEFAULT_SETTINGS.apiBaseUrl, notifications: { added: false, removed: true } });
    expect(result.problem).toBe('Some settings were not valid and were reset to their defaults: apiBaseUrl, pollIntervalSeconds.');
  });

  it('the app starts with a corrupt file and tells the user', async () => {
    const { store } = await storeWith('not json');
    const controller = new AppController({ settingsStore: store, keychain: new MemoryKeychain(), log: new MemoryLogger() });
    await controller.start();
    expect(controller.state.notices).toEqual([{ id: 'notice-1', level: 'warning', message: expect.stringContaining('Your settings file was damaged') }]);
    expect(controller.state.settings).toEqual(DEFAULT_SETTINGS);
    controller.dispose();
  });
});

describe('settings from a view are validated', () => {
  it.each([
    // Each refusal in the words a person reads in Settings, never a field's internal name.
    [{ pollIntervalSeconds: 5 }, 'Check for changes every 15 seconds to 1 hour, in whole seconds.'],
    [{ pollIntervalSeconds: 60.5 }, 'Check for changes every 15 seconds to 1 hour, in whole seconds.'],
    [{ apiBaseUrl: 'javascript:alert(1)' }, 'The API address must start with https:// (http:// only for this computer) and hold no user name, password, query or #.'],
    [{ apiBaseUrl: 'http://flashback.example' }, 'The API address must start with https:// (http:// only for this computer) and hold no user name, password, query or #.'],
    [{ theme: 'neon' }, 'The theme is Match system, Light or Dark.'],
    [{ notifications: { enabled: 'yes' } }, 'Each notification switch is on or off.'],
    [{ globalShortcut: 'rm -rf /' }, '“rm -rf /” is not a shortcut: it needs a modifier (Ctrl, Alt, Shift or Super) and one key, e.g. CommandOrControl+Shift+B.'],
    [{ globalShortcut: 'banana' }, '“banana” is not a shortcut: it needs a modifier (Ctrl, Alt, Shift or Super) and one key, e.g. CommandOrControl+Shift+B.'],
    [{ globalShortcut: 'Hyper+B' }, '“Hyper” is not a modifier: use Ctrl, Alt, Shift, Super or CommandOrControl, then one key, e.g. CommandOrControl+Shift+B.'],
    [{ globalShortcut: 'Ctrl+Shift+Home' }, '“Home” cannot end a shortcut: end it with a letter, a digit, F1–F24, Space, an arrow or one of , . / ; \''],
    [{ unknownKey: 1 }, 'That setting cannot be changed from here.'],
    [{ listOrder: 'random' }, 'The list is ordered by problems first, name, recent changes or workspace.'],
    [{ mutedBuckets: Array.from({ length: 1001 }, (_, i) => `b${i}`) }, 'Up to 1000 buckets can be muted.'],
    [{ mutedBuckets: [''] }, 'Up to 1000 buckets can be muted.'],
    [JSON.parse('{"__proto__": {"polluted": true}, "theme": "dark"}'), 'That setting cannot be changed from here.'],
  ])('%j', (patch, message) => {
    const result = validateSettingsPatch(patch);
    expect(result).toEqual({ ok: false, message });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the list order and the muted buckets (each once)', () => {
    expect(validateSettingsPatch({ listOrder: 'changed', mutedBuckets: ['a', 'ops-1/a', 'a'] })).toEqual({ ok: true, patch: { listOrder: 'changed', mutedBuckets: ['a', 'ops-1/a'] } });
  });

  it('accepts good values', () => {
    expect(validateSettingsPatch({ pollIntervalSeconds: 15, workspaceId: null, globalShortcut: 'CommandOrControl+Shift+B', notifications: { added: false } })).toEqual({
      ok: true,
      patch: { pollIntervalSeconds: 15, workspaceId: null, globalShortcut: 'CommandOrControl+Shift+B', notifications: { added: false } },
    });
  });

  it('allows https anywhere and http only on this computer', () => {
    expect(isAllowedApiBaseUrl('https://api.flashback.tech')).toBe(true);
    expect(isAllowedApiBaseUrl('http://127.0.0.1:4010')).toBe(true);
    expect(isAllowedApiBaseUrl('http://localhost:4010')).toBe(true);
    expect(isAllowedApiBaseUrl('https://user:pw@api.flashback.tech')).toBe(false);
    expect(isAllowedApiBaseUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('a settings file that cannot be read', () => {
  it('is never written over: defaults for now, the file left alone, and the user told both', async () => {
    const { store, path, dir } = await storeWith(undefined);
    await mkdir(path); // reading it fails (EISDIR), like a permission or disk error would
    await writeFile(join(path, 'keep-me'), 'precious');
    const loaded = await store.load();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problem).toBe(`Your settings file (${path}) could not be read, so the defaults are in use. The file is left as it is, and changes made now last until you quit.`);
    await expect(store.save({ ...DEFAULT_SETTINGS, theme: 'dark' })).rejects.toThrow('left alone');
    expect(await readFile(join(path, 'keep-me'), 'utf8')).toBe('precious');
    expect((await readdir(dir)).sort()).toEqual(['settings.json']);

    const controller = new AppController({ settingsStore: store, keychain: new MemoryKeychain(), log: new MemoryLogger() });
    await controller.start();
    await controller.dispatch('updateSettings', [{ theme: 'dark' }]);
    expect(controller.state.settings.theme).toBe('dark');
    expect(controller.state.notices.map((notice) => notice.message)).toEqual([
      loaded.problem,
      'Your settings file could not be read at start, so it is left alone: this change lasts until you quit Flashback Tray.',
    ]);
    controller.dispose();
  });

  it('a failed save removes its temporary file', async () => {
    const { store, path, dir } = await storeWith(undefined);
    await mkdir(path);
    await writeFile(join(path, 'x'), 'x'); // the rename onto it fails
    await expect(store.save(DEFAULT_SETTINGS)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('a corrupt file that cannot be moved aside: no copy is promised, and it is not written over', async () => {
    const { store, path, dir } = await storeWith('{"theme": "da');
    await mkdir(`${path}.corrupt-1234`);
    await writeFile(join(`${path}.corrupt-1234`, 'x'), 'x');
    const loaded = await store.load();
    expect(loaded.problem).toBe('Your settings file was damaged, so the defaults are in use. The file is left as it is, and changes made now last until you quit.');
    await expect(store.save(DEFAULT_SETTINGS)).rejects.toThrow('left alone');
    expect(await readFile(path, 'utf8')).toBe('{"theme": "da');
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.corrupt-1234']);
  });
});

describe('a settings file that cannot be written', () => {
  it('still applies the change and tells the user it will not survive a restart', async () => {
    const store = new MemorySettingsStore();
    store.save = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const controller = new AppController({ settingsStore: store, keychain: new MemoryKeychain(), log: new MemoryLogger() });
    await controller.start();
    expect(await controller.dispatch('updateSettings', [{ theme: 'dark' }])).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(controller.state.settings.theme).toBe('dark');
    expect(controller.state.notices.map((notice) => notice.message)).toEqual([
      'Your settings could not be saved to disk. The change applies until you quit Flashback Tray.',
    ]);
    controller.dispose();
  });
});
