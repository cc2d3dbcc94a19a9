import { readFileSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { removeStrayTemporaries, writeFileAtomically } from '../platform/atomic-file';
import type { Settings } from '../../../shared/contract';
import { settingsFromJson } from './settings';

export interface SettingsLoad {
  settings: Settings;
  /** A sentence for the user when the file could not be used as it was. */
  problem?: string;
  /** The file exists but could not be read or parsed: what it says (the saved accounts) is unknown. */
  unusable?: true;
  /** Something was left out (damaged account entries): save at once, so it is said only once. */
  rewrite?: true;
}

/** Reads and writes the settings; the order of writes is `SettingsSaver`'s (the app's one queue). */
export interface SettingsStore {
  load(): Promise<SettingsLoad>;
  save(settings: Settings): Promise<void>;
}

/** A save that was refused on purpose; its message is for the user. */
class SettingsNotSaved extends Error {
  override readonly name = 'SettingsNotSaved';
}

/**
 * Settings as JSON in one file, written atomically (temporary file flushed to the disk,
 * then renamed), so a crash or power loss mid-write never leaves half a file; temporary
 * files a crash left are removed when the settings are read.
 * A file that is not JSON is moved aside and the defaults are used. A file that exists
 * but cannot be read (permissions, a disk error) is never written over: the app runs on
 * the defaults and leaves it alone. The user is told in each case.
 */
export class JsonFileSettingsStore implements SettingsStore {
  /** Set when the file exists but could not be read: saving would destroy what is in it. */
  private unreadable = false;

  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<SettingsLoad> {
    await removeStrayTemporaries(this.path);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: settingsFromJson({}).settings };
      this.unreadable = true;
      return {
        settings: settingsFromJson({}).settings,
        unusable: true,
        problem: `Your settings file (${this.path}) could not be read, so the defaults are in use. The file is left as it is, and changes made now last until you quit.`,
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const aside = `${this.path}.corrupt-${this.now()}`;
      const kept = await rename(this.path, aside).then(
        () => true,
        () => false,
      );
      if (!kept) this.unreadable = true; // could not move it aside: do not write over it either
      return {
        settings: settingsFromJson({}).settings,
        unusable: true,
        problem: kept
          ? `Your settings file was damaged, so the defaults are in use. The old file was kept as ${aside}.`
          : 'Your settings file was damaged, so the defaults are in use. The file is left as it is, and changes made now last until you quit.',
      };
    }
    const { settings, invalid, droppedAccounts } = settingsFromJson(json);
    const problems: string[] = [];
    if (invalid.length > 0) problems.push(`Some settings were not valid and were reset to their defaults: ${invalid.join(', ')}.`);
    if (droppedAccounts > 0) problems.push(droppedAccountsText(droppedAccounts));
    return problems.length === 0 ? { settings } : { settings, problem: problems.join(' '), ...(droppedAccounts > 0 ? { rewrite: true as const } : {}) };
  }

  async save(settings: Settings): Promise<void> {
    if (this.unreadable) {
      throw new SettingsNotSaved('Your settings file could not be read at start, so it is left alone: this change lasts until you quit Flashback Tray.');
    }
    await writeFileAtomically(this.path, `${JSON.stringify(settings, null, 2)}\n`);
  }
}

/** Said once: the next save writes the list without the damaged entries. */
function droppedAccountsText(count: number): string {
  return count === 1
    ? 'One saved account could not be read and was left out; the others are kept. Add it again to use it.'
    : `${count} saved accounts could not be read and were left out; the others are kept. Add them again to use them.`;
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

/**
 * The settings as they are on disk, read synchronously: what has to be known before the
 * app is ready (Electron's command-line switches, e.g. running under XWayland). Anything
 * wrong gives the defaults; the normal, asynchronous load reports problems.
 */
export function readSettingsAtLaunch(path: string): Settings {
  try {
    return settingsFromJson(JSON.parse(readFileSync(path, 'utf8'))).settings;
  } catch {
    return settingsFromJson({}).settings;
  }
}
