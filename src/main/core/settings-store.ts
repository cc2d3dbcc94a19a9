import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Settings } from '../../shared/contract';
import { settingsFromJson } from './settings';

export interface SettingsLoad {
  settings: Settings;
  /** A sentence for the user when the file could not be used as it was. */
  problem?: string;
}

export interface SettingsStore {
  load(): Promise<SettingsLoad>;
  save(settings: Settings): Promise<void>;
}

/**
 * Settings as JSON in one file, written atomically (temporary file, then rename), so a
 * crash mid-write never leaves half a file. A file that is not JSON is moved aside and
 * the defaults are used; the user is told either way.
 */
export class JsonFileSettingsStore implements SettingsStore {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<SettingsLoad> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: settingsFromJson({}).settings };
      return { settings: settingsFromJson({}).settings, problem: 'Your settings file could not be read, so the defaults are in use for now.' };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const aside = `${this.path}.corrupt-${this.now()}`;
      await rename(this.path, aside).catch(() => undefined);
      return {
        settings: settingsFromJson({}).settings,
        problem: `Your settings file was damaged, so the defaults are in use. The old file was kept as ${aside}.`,
      };
    }
    const { settings, invalid } = settingsFromJson(json);
    if (invalid.length === 0) return { settings };
    return { settings, problem: `Some settings were not valid and were reset to their defaults: ${invalid.join(', ')}.` };
  }

  save(settings: Settings): Promise<void> {
    const write = async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, this.path);
    };
    this.writes = this.writes.then(write, write);
    return this.writes;
  }
}

export class MemorySettingsStore implements SettingsStore {
  constructor(private settings: Settings = settingsFromJson({}).settings) {}
  async load(): Promise<SettingsLoad> {
    return { settings: structuredClone(this.settings) };
  }
  async save(settings: Settings): Promise<void> {
    this.settings = structuredClone(settings);
  }
}
