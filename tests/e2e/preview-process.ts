import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningPreview {
  url: string;
  dataDir: string;
  output: () => string;
  /** Sends the process a signal (SIGINT: Ctrl+C) and waits for it to exit. */
  signal(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export interface PreviewOptions {
  /** Added to the environment (TZ, LANG: a time zone and a locale of the test's choosing). */
  env?: Record<string, string>;
  /** Let the preview make (and remove) its own data folder, as `npm run preview` does. */
  ownDataDir?: boolean;
}

/** Starts `node dist/preview/cli.mjs` (what `npm run preview` runs) and waits for its "Preview:" line. */
export async function startPreview(args: string[], options: PreviewOptions = {}): Promise<RunningPreview> {
  const dataDir = options.ownDataDir ? '' : await mkdtemp(join(tmpdir(), 'flashback-preview-test-'));
  const dataArgs = options.ownDataDir ? [] : ['--data-dir', dataDir];
  const env = { ...process.env, ...options.env };
  const child: ChildProcess = spawn(process.execPath, ['dist/preview/cli.mjs', '--port', '0', ...dataArgs, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${output}`)), 15_000);
    child.stdout!.on('data', () => {
      const match = /^Preview: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`preview exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir: dataDir || /^Data folder: (.+)$/m.exec(output)![1]!,
    signal: (signal: NodeJS.Signals) => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    }),
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
