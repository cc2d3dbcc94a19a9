import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { clip } from '../../../shared/format';
import { redact } from './redact';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/** The same log with every message prefixed (`[acc-…] poll failed`), so an account's lines can be told apart. */
export function prefixedLogger(log: Logger, prefix: string): Logger {
  return {
    debug: (message, detail) => log.debug(`${prefix} ${message}`, detail),
    info: (message, detail) => log.info(`${prefix} ${message}`, detail),
    warn: (message, detail) => log.warn(`${prefix} ${message}`, detail),
    error: (message, detail) => log.error(`${prefix} ${message}`, detail),
  };
}

/** Error details as one line: name and message only (no stack, no request objects). */
function describeDetail(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) {
    const cause = detail.cause instanceof Error ? ` (cause: ${detail.cause.name}: ${detail.cause.message})` : '';
    return ` — ${detail.name}: ${detail.message}${cause}`;
  }
  try {
    return ` — ${JSON.stringify(detail)}`;
  } catch {
    return ` — ${String(detail)}`;
  }
}

/** A log line's most characters: a server's megabyte status in an error stays a line. */
export const LOG_LINE_MAX = 2000;
/** Redaction looks at no more than this of a line (of which LOG_LINE_MAX are kept). */
const REDACT_WINDOW = 64 * 1024;

export function formatLogLine(level: LogLevel, message: string, detail: unknown, at: Date): string {
  const line = `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${describeDetail(detail)}`;
  return clip(redact(line.slice(0, REDACT_WINDOW)), LOG_LINE_MAX).replace(/\n/g, ' ');
}

interface FileLoggerOptions {
  path: string;
  maxBytes?: number;
  /** Also write to the console (development). */
  echo?: boolean;
  now?: () => Date;
}

/**
 * A small append-only file logger: every line passes through `redact`, writes are
 * serialised, and the file rolls over to `.1` past `maxBytes`. Small enough to not
 * need a logging library, and it runs in plain Node, where electron-log would not.
 */
export class FileLogger implements Logger {
  private queue: Promise<void> = Promise.resolve();
  /** Set by `close`: later lines are not written. */
  private closed = false;
  private readonly maxBytes: number;
  private readonly now: () => Date;

  constructor(private readonly options: FileLoggerOptions) {
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.now = options.now ?? (() => new Date());
  }

  get path(): string {
    return this.options.path;
  }

  debug(message: string, detail?: unknown): void {
    this.write('debug', message, detail);
  }
  info(message: string, detail?: unknown): void {
    this.write('info', message, detail);
  }
  warn(message: string, detail?: unknown): void {
    this.write('warn', message, detail);
  }
  error(message: string, detail?: unknown): void {
    this.write('error', message, detail);
  }

  /** Resolves when every line written so far is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  /**
   * Resolves when every line written so far is on disk; lines after it are dropped (echoed
   * still), so nothing makes the log's folder again once the caller removes it (the preview
   * removes a data folder it made for the run).
   */
  close(): Promise<void> {
    this.closed = true;
    return this.queue;
  }

  private write(level: LogLevel, message: string, detail: unknown): void {
    const line = formatLogLine(level, message, detail, this.now());
    if (this.options.echo) console.log(line);
    if (this.closed) return;
    this.queue = this.queue.then(() => this.append(line)).catch(() => undefined);
  }

  /** Bytes in the current file; read from disk once, then counted. */
  private size: number | undefined;

  private async append(line: string): Promise<void> {
    if (this.size === undefined) {
      await mkdir(dirname(this.options.path), { recursive: true });
      this.size = await stat(this.options.path).then((s) => s.size, () => 0);
    }
    if (this.size > this.maxBytes) {
      await rename(this.options.path, `${this.options.path}.1`);
      this.size = 0;
    }
    const text = `${line}\n`;
    await appendFile(this.options.path, text, { mode: 0o600 });
    this.size += Buffer.byteLength(text);
  }
}

/** Collects lines in memory (tests, and the leak check reads them). */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  debug(message: string, detail?: unknown): void {
    this.lines.push(formatLogLine('debug', message, detail, new Date()));
  }
  info(message: string, detail?: unknown): void {
    this.lines.push(formatLogLine('info', message, detail, new Date()));
  }
  warn(message: string, detail?: unknown): void {
    this.lines.push(formatLogLine('warn', message, detail, new Date()));
  }
  error(message: string, detail?: unknown): void {
    this.lines.push(formatLogLine('error', message, detail, new Date()));
  }
}
