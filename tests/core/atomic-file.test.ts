import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { removeStrayTemporaries, writeFileAtomically } from '../../src/main/core/platform/atomic-file';
import { JsonFileSettingsStore } from '../../src/main/core/settings/settings-store';
import { historyFileAt } from '../../src/main/core/notify/status-history';
import { tempDir } from '../setup/temp-dirs';

/** Every file-system step the writer takes, in order, by the name it touched. */
const steps: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const name = (path: unknown) => String(path).split('/').pop()!.replace(/\.\d+\.\d+\.tmp$/, '.TMP');
  return {
    ...real,
    open: async (path: string, flags?: string, mode?: number) => {
      const handle = await real.open(path, flags, mode);
      steps.push(`open ${name(path)}`);
      return new Proxy(handle, {
        get(target, key) {
          const value = Reflect.get(target, key) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (key === 'sync' || key === 'writeFile' || key === 'close') steps.push(`${String(key)} ${name(path)}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    rename: async (from: string, to: string) => {
      steps.push(`rename ${name(from)} → ${name(to)}`);
      return real.rename(from, to);
    },
  };
});

describe('crash-safe files', () => {
  it('writes a temporary file, flushes it to the disk, renames it over the file, then flushes the folder', async () => {
    const dir = await tempDir('flashback-atomic-');
    const path = join(dir, 'settings.json');
    steps.length = 0;
    await writeFileAtomically(path, '{"a":1}');
    const folder = dir.split('/').pop()!;
    expect(steps).toEqual(['open settings.json.TMP', 'writeFile settings.json.TMP', 'sync settings.json.TMP', 'close settings.json.TMP', 'rename settings.json.TMP → settings.json', `open ${folder}`, `sync ${folder}`, `close ${folder}`]);
    expect(await fs.readFile(path, 'utf8')).toBe('{"a":1}');
    expect((await fs.stat(path)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(dir)).toEqual(['settings.json']);
  });

  it('two writes at once in one process land in the order they were asked for: the last one wins', async () => {
    const dir = await tempDir('flashback-atomic-');
    const path = join(dir, 'history.json');
    await Promise.all([writeFileAtomically(path, 'one'), writeFileAtomically(path, 'two')]);
    expect(await fs.readFile(path, 'utf8')).toBe('two');
    expect(await fs.readdir(dir)).toEqual(['history.json']);
  });

  it('at start, removes the temporary files a crash left (only its own kind, only of processes that are gone)', async () => {
    const dir = await tempDir('flashback-atomic-');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = [
      `settings.json.${dead}.3.tmp`,
      `settings.json.${dead}.tmp`,
      `history.json.${dead}.7.tmp`,
      `settings.json.${process.pid}.9.tmp`, // a write in flight in a running process
      'settings.json.corrupt-1234',
      'notes.tmp',
      'settings.json.x.tmp',
    ];
    for (const name of names) await fs.writeFile(join(dir, name), 'x'.repeat(1000));
    expect((await removeStrayTemporaries(join(dir, 'settings.json'))).sort()).toEqual([`settings.json.${dead}.3.tmp`, `settings.json.${dead}.tmp`]);
    await new JsonFileSettingsStore(join(dir, 'settings.json')).load();
    await historyFileAt(join(dir, 'history.json')).read();
    expect((await fs.readdir(dir)).sort()).toEqual([`settings.json.${process.pid}.9.tmp`, 'notes.tmp', 'settings.json.corrupt-1234', 'settings.json.x.tmp'].sort());
  });

  it('an empty settings file (what a power loss used to leave) is set aside, named in one line, and the defaults are used', async () => {
    const dir = await tempDir('flashback-atomic-');
    const path = join(dir, 'settings.json');
    await fs.writeFile(path, '');
    const loaded = await new JsonFileSettingsStore(path, () => 42).load();
    expect(loaded.problem).toBe(`Your settings file was damaged, so the defaults are in use. The old file was kept as ${path}.corrupt-42.`);
    expect(await fs.readdir(dir)).toEqual(['settings.json.corrupt-42']);
  });
});
