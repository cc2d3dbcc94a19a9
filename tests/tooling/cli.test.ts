import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs a command-line entry point to its end: exit code, stdout, stderr. */
function run(args: string[], timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${args.join(' ')} did not end: ${stdout}${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const preview = (...args: string[]) => run(['--import', 'tsx', 'src/preview/cli.ts', ...args]);
const mock = (...args: string[]) => run(['--import', 'tsx', 'src/mock-api/cli.ts', ...args]);
/** stderr without Node's own warnings: the tool's message must be one line. */
const ownLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !/^\(node:\d+\)|--trace-warnings|ExperimentalWarning/.test(line));

let busy: Server | undefined;
afterEach(() => busy?.close());

async function occupiedPort(): Promise<number> {
  busy = createServer();
  await new Promise<void>((resolve) => busy!.listen(0, '127.0.0.1', resolve));
  return (busy.address() as { port: number }).port;
}

describe('every CLI mistake: one line, a non-zero exit, no stack trace', () => {
  it.each([
    // One kind of quotes in every message (Node's parseArgs uses straight ones; ours are curly).
    ['preview: an unknown flag', () => preview('--bogus'), /^Unknown option “--bogus”\. See --help\.$/],
    ['preview: a clock that is not a time', () => preview('--clock', 'teatime'), /^--clock must be a date and time like 2026-12-01T23:07:00Z, not “teatime”\.$/],
    ['preview: a number of failed downloads that is not a number', () => preview('--fake-update-fails', 'many'), /^--fake-update-fails must be a number of downloads like 2, not “many”\.$/],
    ['preview: a port that is not a number', () => preview('--port', 'abc'), /^--port must be a number from 0 to 65535 \(0 picks a free port\), not “abc”\.$/],
    ['preview: a port out of range', () => preview('--port', '99999'), /^--port must be a number from 0 to 65535/],
    ['preview: an API address that is not allowed', () => preview('--api', 'ftp://example.com'), /^--api must be an https:\/\/ URL/],
    ['mock: an unknown flag', () => mock('--bogus'), /^Unknown option “--bogus”\. See --help\.$/],
    ['mock: a bad port', () => mock('--port', 'abc'), /^--port must be a number/],
    // Each starts a Node process (with tsx for mock): seconds on a busy machine, so not vitest's 5 s default.
  ])('%s', { timeout: 30_000 }, async (_, start, message) => {
    const { code, stderr } = await start();
    expect(code).not.toBe(0);
    expect(ownLines(stderr)).toHaveLength(1);
    expect(ownLines(stderr)[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['preview', (port: number) => preview('--port', String(port))],
    ['mock', (port: number) => mock('--port', String(port))],
  ])('%s: a port in use', { timeout: 30_000 }, async (_, start) => {
    const port = await occupiedPort();
    const { code, stderr } = await start(port);
    expect(code).not.toBe(0);
    expect(ownLines(stderr)).toEqual([`Port ${port} is already in use. Pick another with --port N, or --port 0 for any free port.`]);
  });

  it('npm start / npm run demo where Electron cannot be fetched: one line pointing to npm run preview', async () => {
    const { code, stderr } = await run(['scripts/launch-electron.mjs', '--demo'], 60_000);
    expect(code).not.toBe(0);
    expect(ownLines(stderr)).toHaveLength(1);
    expect(ownLines(stderr)[0]).toMatch(/npm run preview/);
  }, 90_000);
});

describe('--help lists every option and the demo accounts', { timeout: 30_000 }, () => {
  it('preview', async () => {
    const { code, stdout } = await preview('--help');
    expect(code).toBe(0);
    for (const option of ['--api URL', '--port N', '--data-dir DIR', '--help']) expect(stdout).toContain(option);
    expect(stdout).toContain('demo@flashback.test / demo-password');
    expect(stdout).toMatch(/mfa@flashback\.test \/ mfa-password\s+two-step: authenticator code 123456/);
  });

  it('mock', async () => {
    const { code, stdout } = await mock('--help');
    expect(code).toBe(0);
    for (const option of ['--port N', '--scenario NAME', '--every MS', '--token-ttl S', '--buckets N', '--help']) expect(stdout).toContain(option);
    expect(stdout).toContain('demo@flashback.test / demo-password');
  });

  it('npm start and npm run demo', async () => {
    for (const args of [['--help'], ['--demo', '--help']]) {
      const { code, stdout } = await run(['scripts/launch-electron.mjs', ...args]);
      expect(code).toBe(0);
      expect(stdout).toContain('--hidden');
      expect(stdout).toContain('npm run preview');
    }
  });
});
