import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { build } from 'esbuild';
import { MockFlashbackApi } from '../../src/mock-api/server';
import { fromRuns, median, type Result } from './report';

export async function benchColdStart(): Promise<Result[]> {
  await mkdir('.tmp', { recursive: true });
  await build({ entryPoints: ['scripts/bench/cold-start-child.ts'], outfile: '.tmp/cold-start.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  const api = new MockFlashbackApi();
  const url = await api.start();
  const token = api.issueAccessToken();
  const wall: number[] = [];
  const inProcess: number[] = [];
  for (let run = 0; run < 10; run++) {
    const start = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['.tmp/cold-start.mjs'], { env: { ...process.env, FLASHBACK_BENCH_API: url, FLASHBACK_BENCH_TOKEN: token } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`cold start exited ${code}: ${text}`))));
    });
    wall.push(performance.now() - start);
    inProcess.push(Number(/first-state ([\d.]+)/.exec(output)![1]));
  }
  await api.stop();
  return [
    fromRuns(
      { id: 'cold-start-core', metric: 'cold start of the core to the first state', unit: 'ms', how: `fresh Node ${process.version} process, bundled core, saved session, mock API on loopback: process start → first state with buckets, 10 runs (median ${median(wall).toFixed(0)} ms including process spawn and exit)` },
      inProcess,
    ),
  ];
}
