import { tempDir } from '../setup/temp-dirs';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLogger, formatLogLine } from '../../src/main/core/platform/logger';
import { redact } from '../../src/main/core/platform/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLXNlY3JldA';

describe('redact', () => {
  it.each([
    [`Authorization: Bearer ${JWT}`, 'Authorization: Bearer [redacted]'],
    [`token ${JWT} in text`, 'token [redacted] in text'],
    ['{"refreshToken":"rt_abcdef123456"}', '{"refreshToken":"[redacted]"}'],
    ['refresh_token=rt_abcdef123456&x=1', 'refresh_token=[redacted]&x=1'],
    ['{"password":"hunter2"}', '{"password":"[redacted]"}'],
    ['bearer opaque-token-value', 'bearer [redacted]'],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('poll failed: server (HTTP 503) for bucket 550e8400-e29b')).toBe('poll failed: server (HTTP 503) for bucket 550e8400-e29b');
  });
});

describe('FileLogger', () => {
  it('writes redacted single lines with error details but no stacks', async () => {
    const dir = await tempDir('flashback-log-');
    const log = new FileLogger({ path: join(dir, 'main.log'), now: () => new Date('2026-11-24T12:00:00Z') });
    log.warn(`request with Bearer ${JWT} failed`, new Error(`boom\nnext line ${JWT}`));
    await log.flush();
    const text = await readFile(join(dir, 'main.log'), 'utf8');
    expect(text).toBe('2026-11-24T12:00:00.000Z WARN  request with Bearer [redacted] failed — Error: boom next line [redacted]\n');
  });

  it('rolls the file over past its size limit', async () => {
    const dir = await tempDir('flashback-log-');
    const log = new FileLogger({ path: join(dir, 'main.log'), maxBytes: 100 });
    for (let i = 0; i < 10; i++) log.info(`line ${i} ${'x'.repeat(30)}`);
    await log.flush();
    const current = await readFile(join(dir, 'main.log'), 'utf8');
    const previous = await readFile(join(dir, 'main.log.1'), 'utf8');
    expect(current.length).toBeLessThan(250);
    expect(previous.length).toBeGreaterThan(0);
  });

  it('once closed, writes what came before and makes nothing after (its folder may be removed)', async () => {
    const dir = await tempDir('flashback-log-');
    const written = new FileLogger({ path: join(dir, 'a', 'main.log') });
    written.info('before');
    await written.close();
    expect(await readFile(join(dir, 'a', 'main.log'), 'utf8')).toContain('before');
    // A log that had written nothing yet would make its folder for a late line: a closed one does not.
    const quiet = new FileLogger({ path: join(dir, 'b', 'main.log') });
    await quiet.close();
    quiet.warn('a late line, as a request cancelled while stopping logs');
    await quiet.flush();
    expect(existsSync(join(dir, 'b'))).toBe(false);
  });

  it('formats objects as JSON', () => {
    expect(formatLogLine('info', 'x', { status: 500 }, new Date(0))).toBe('1970-01-01T00:00:00.000Z INFO  x — {"status":500}');
  });
});
