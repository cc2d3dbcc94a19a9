import { spawn } from 'node:child_process';
import type { Clock } from './clock';

/** The D-Bus session bus, as much of it as the app asks: does anyone own this name? */
export interface SessionBus {
  /** Rejects when the bus cannot be asked (no bus, no D-Bus tools) or does not answer in time. */
  nameHasOwner(name: string): Promise<boolean>;
}

/** Runs a program with arguments (no shell) and gives its standard output. */
export type RunProgram = (file: string, args: string[]) => Promise<string>;

/** How long one question to the bus may take: it answers in milliseconds, and the app's start waits for it. */
const SESSION_BUS_TIMEOUT_MS = 1500;

/** The program did not answer in time: it was killed, and nobody waits for it any longer. */
class NoAnswerInTime extends Error {
  override readonly name = 'NoAnswerInTime';
}

/**
 * Runs the program and answers by the deadline whatever it does. Node's own `timeout`
 * (execFile) sends SIGTERM and then still waits for the output pipe to close: a child
 * that does not die of SIGTERM, or a grandchild that inherited the pipe, keeps the caller
 * (here the app's start) waiting for ever. At the deadline this kills the child with
 * SIGKILL, lets go of the pipe and rejects, all at once.
 */
export function boundedProgram(clock: Clock, timeoutMs = SESSION_BUS_TIMEOUT_MS): RunProgram {
  return (file, args) =>
    new Promise((resolve, reject) => {
      const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
      let out = '';
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(deadline);
        finish();
      };
      const deadline = clock.setTimeout(() => {
        settle(() => reject(new NoAnswerInTime(`${file} did not answer within ${timeoutMs} ms`)));
        child.kill('SIGKILL');
        child.stdout.destroy();
      }, timeoutMs);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        if (out.length < 64 * 1024) out += chunk;
      });
      child.on('error', (error) => settle(() => reject(error)));
      child.on('close', (code, signal) => settle(() => (code === 0 ? resolve(out) : reject(new Error(`${file} ended with ${signal ?? `code ${code}`}`)))));
    });
}

/** D-Bus names are dot-separated elements of letters, digits, `_` and `-` (only these reach a command line). */
const BUS_NAME = /^[A-Za-z_-][A-Za-z0-9_-]*(\.[A-Za-z_-][A-Za-z0-9_-]*)+$/;

/**
 * `org.freedesktop.DBus.NameHasOwner` through the command-line tools every Linux desktop
 * has (`gdbus` from GLib, else `dbus-send`), rather than a D-Bus library in the main
 * bundle for one call made once at start. Every call is bounded (see `boundedProgram`):
 * a bus that does not answer is a bus that cannot be asked.
 */
export class CliSessionBus implements SessionBus {
  /** `run`: in the app, `boundedProgram(systemClock)`. */
  constructor(private readonly run: RunProgram) {}

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
