import { execFile } from 'node:child_process';

/** The D-Bus session bus, as much of it as the app asks: does anyone own this name? */
export interface SessionBus {
  /** Rejects when the bus cannot be asked (no bus, no D-Bus tools). */
  nameHasOwner(name: string): Promise<boolean>;
}

/** Runs a program with arguments (no shell) and gives its standard output. */
export type RunProgram = (file: string, args: string[]) => Promise<string>;

const TIMEOUT_MS = 2000;

const runProgram: RunProgram = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: TIMEOUT_MS, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(String(stdout))));
  });

/** D-Bus names are dot-separated elements of letters, digits, `_` and `-` (only these reach a command line). */
const BUS_NAME = /^[A-Za-z_-][A-Za-z0-9_-]*(\.[A-Za-z_-][A-Za-z0-9_-]*)+$/;

/**
 * `org.freedesktop.DBus.NameHasOwner` through the command-line tools every Linux desktop
 * has (`gdbus` from GLib, else `dbus-send`), rather than a D-Bus library in the main
 * bundle for one call made once at start.
 */
export class CliSessionBus implements SessionBus {
  constructor(private readonly run: RunProgram = runProgram) {}

  async nameHasOwner(name: string): Promise<boolean> {
    if (!BUS_NAME.test(name) || name.length > 255) throw new Error(`Not a D-Bus name: ${name}`);
    try {
      const out = await this.run('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', name]);
      return parseAnswer(out, /^\((true|false),\)$/);
    } catch (error) {
      if (!isMissingProgram(error)) throw error;
    }
    const out = await this.run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`]);
    return parseAnswer(out, /boolean (true|false)\s*$/);
  }
}

function parseAnswer(out: string, pattern: RegExp): boolean {
  const match = pattern.exec(out.trim());
  if (!match) throw new Error('The session bus gave an answer this app does not understand.');
  return match[1] === 'true';
}

function isMissingProgram(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
