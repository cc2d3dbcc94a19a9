import { readFile, rename, stat } from 'node:fs/promises';
import { removeStrayTemporaries, writeFileAtomically } from '../platform/atomic-file';
import { HISTORY_FILE_READ_MAX } from './history-bounds';

/** Where the history lives between runs. */
export interface HistoryFile {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
  /** Moves an unreadable (or far too large) file aside; returns where it went, or undefined when it could not. */
  keepAside(): Promise<string | undefined>;
}

/** A saved file too large to have been written by these rules: not read at all. */
export class HistoryTooLarge extends Error {
  override readonly name = 'HistoryTooLarge';
}

/** The history as a JSON file in the app's data folder. */
export function historyFileAt(path: string, now: () => number = Date.now): HistoryFile {
  return {
    read: async () => {
      await removeStrayTemporaries(path);
      try {
        if ((await stat(path)).size > HISTORY_FILE_READ_MAX) throw new HistoryTooLarge(`${path} is over ${HISTORY_FILE_READ_MAX} bytes`);
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write: (text) => writeFileAtomically(path, text),
    keepAside: async () => {
      const aside = `${path}.corrupt-${now()}`;
      return rename(path, aside).then(
        () => aside,
        () => undefined,
      );
    },
  };
}

/** In memory: tests and the demo. */
export function memoryHistoryFile(initial: string | null = null): HistoryFile & { text: string | null } {
  const file = {
    text: initial,
    read: async () => file.text,
    write: async (text: string) => void (file.text = text),
    keepAside: async () => undefined,
  };
  return file;
}
