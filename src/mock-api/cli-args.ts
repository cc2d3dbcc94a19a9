import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * What the command-line tools (mock API, preview) share: every mistake ends in one line on
 * stderr and a non-zero exit, never a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export function exitWith(error: unknown, exitCode = 2): never {
  const message = error instanceof CliError ? error.message : listenProblem(error) ?? `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  process.exit(exitCode);
}

/** `parseArgs`, strict, with its errors in one line that points to --help. */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(options: T, args: string[] = process.argv.slice(2)) {
  try {
    return parseArgs({ options, args, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(error);
    // Node quotes with straight quotes; every other message here uses curly ones.
    throw new CliError(`${reason.replace(/\.$/, '').replace(/'([^']*)'/g, '“$1”')}. See --help.`);
  }
}

/** A TCP port: 0 (any free port) to 65535. */
export function parsePort(text: string | undefined, flag = '--port'): number {
  const port = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || port > 65535) throw new CliError(`${flag} must be a number from 0 to 65535 (0 picks a free port), not “${text}”.`);
  return port;
}

/** A positive whole number, for counts and durations. */
export function parsePositiveInt(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value < 1 || !Number.isSafeInteger(value)) throw new CliError(`${flag} must be a whole number above 0, not “${text}”.`);
  return value;
}

/** A sentence for the usual reasons a server cannot listen. */
function listenProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const port = (error as { port?: number } | undefined)?.port;
  if (code === 'EADDRINUSE') return `Port ${port ?? ''} is already in use. Pick another with --port N, or --port 0 for any free port.`.replace('Port  ', 'The port ');
  if (code === 'EACCES') return `Port ${port ?? ''} needs extra privileges. Pick a port above 1023 with --port N.`;
  return undefined;
}
