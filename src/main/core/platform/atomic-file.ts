import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Tells writes made at once by one process apart: `<file>.<pid>.<n>.tmp`. */
let writeCount = 0;

/** The last write started on each path, so writes to one file land in the order they began. */
const lastWrite = new Map<string, Promise<void>>();

/**
 * Writes `text` to `path` so that after a crash or a power loss the file holds either what
 * it held before or all of `text`: a temporary file beside it, written and flushed to the
 * disk (fsync), renamed over the file, then the folder flushed so the rename itself lasts.
 * Writes to one path are done one after another, in the order they were asked for, so the
 * last one asked for is the one the file keeps. A failed write removes its temporary file; a
 * crash leaves it for `removeStrayTemporaries`.
 */
export function writeFileAtomically(path: string, text: string): Promise<void> {
  const before = lastWrite.get(path) ?? Promise.resolve();
  const write = before.catch(() => undefined).then(() => writeNow(path, text));
  const settled = write.catch(() => undefined);
  lastWrite.set(path, settled);
  void settled.then(() => {
    if (lastWrite.get(path) === settled) lastWrite.delete(path);
  });
  return write;
}

async function writeNow(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = `${path}.${process.pid}.${++writeCount}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Flushes a folder's entries (the rename) to the disk. Windows cannot open a folder for this, and NTFS logs renames itself. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * Removes the temporary files a crash left beside `path` (`<file>.<pid>[.<n>].tmp`, a
 * SIGKILL mid-write leaves one each time), except those of a process still running, which
 * may be writing them now. Nothing else in the folder is touched. Returns what it removed.
 */
export async function removeStrayTemporaries(path: string): Promise<string[]> {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)(?:\.\d+)?\.tmp$/.exec(name.slice(prefix.length));
    if (!match || isRunning(Number(match[1]))) continue;
    await rm(join(folder, name), { force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
