import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { historyFileAt, StatusHistory } from '../../src/main/core/notify/status-history';
import type { Clock, TimerHandle } from '../../src/main/core/platform/clock';
import { MemoryLogger } from '../../src/main/core/platform/logger';
import { settingsFromJson } from '../../src/main/core/settings/settings';
import { JsonFileSettingsStore } from '../../src/main/core/settings/settings-store';
import { tempDir } from '../setup/temp-dirs';

const KILLS = 200;
const ACCOUNT = 'https://backend.flashback.tech';
const clock: Clock = { now: () => Date.now(), setTimeout: () => 0 as unknown as TimerHandle, clearTimeout: () => undefined };

/** Runs the writer until it is killed at a random moment; what it said it had saved. */
function runAndKill(script: string, dir: string, random: () => number): Promise<{ settings: number; history: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const acked = { settings: 0, history: 0 };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      for (const line of chunk.split('\n')) {
        const [kind, n] = line.split(' ');
        if (kind === 's') acked.settings = Number(n);
        if (kind === 'h') acked.history = Number(n);
        // Killed at a random moment once it runs: before, during or after any of its writes.
        if (kind === 'ready') setTimeout(() => child.kill('SIGKILL'), random() * 120);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended by itself (${code}): ${output.slice(-300)}`));
      else resolve({ ...acked, output });
    });
  });
}

/** A seeded generator, so that a failure can be run again. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** One data folder, its writer killed `kills` times; how many kills left a temporary file, and the last saves. */
async function killRepeatedly(script: string, data: string, kills: number, seed: number) {
  const random = seeded(seed);
  let saved = { settings: 0, history: 0 };
  let cutShort = 0;
  for (let kill = 0; kill < kills; kill++) {
    const run = await runAndKill(script, data, random);
    const context = `kill ${kill + 1}, seed ${seed}`;
    // Settings: JSON, valid, and at least the last number it said it had saved.
    const text = await readFile(join(data, 'settings.json'), 'utf8').catch(() => undefined);
    if (text === undefined && run.settings === 0 && saved.settings === 0) continue; // killed before its first save
    const { settings, invalid } = settingsFromJson(JSON.parse(text!) as unknown);
    expect(invalid, context).toEqual([]);
    const onDisk = Number(/\/(\d+)\/\{id\}$/.exec(settings.webAppBucketUrl)?.[1]);
    expect(onDisk, context).toBeGreaterThanOrEqual(Math.max(run.settings, saved.settings));
    // History: loads without a problem and holds the last change it said it had saved.
    const history = new StatusHistory(historyFileAt(join(data, 'history.json')), clock, new MemoryLogger());
    expect(await history.load(), context).toBeUndefined();
    const last = Math.max(run.history, saved.history);
    if (last > 0) expect(history.entries(ACCOUNT, `b${last % 50}`).map((entry) => entry.to), context).toContain(`S${last}`);
    if ((await readdir(data)).some((name) => name.endsWith('.tmp'))) cutShort++;
    saved = { settings: Math.max(saved.settings, run.settings, onDisk), history: last };
  }
  return { cutShort, saved };
}

describe('crash safety on a real file system', () => {
  it(`a writer of settings and history SIGKILLed ${KILLS} times at random points: both files stay readable and nothing saved before a kill is lost`, async () => {
    const dir = await tempDir('flashback-crash-');
    const script = join(dir, 'writer.mjs');
    await build({ entryPoints: [join(import.meta.dirname, 'crash', 'crash-writer.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: script, logLevel: 'silent' });
    // Two data folders at once (one writer each, two cores), half the kills each.
    const seed = Date.now();
    const lanes = await Promise.all([0, 1].map((lane) => killRepeatedly(script, join(dir, `data-${lane}`), KILLS / 2, seed + lane)));
    for (const [lane, { cutShort, saved }] of lanes.entries()) {
      const data = join(dir, `data-${lane}`);
      // Some kills landed mid-write (a temporary file was left), and the next start removed it.
      expect(cutShort, `seed ${seed + lane}`).toBeGreaterThan(0);
      // The next start (settings, then history) removes what the last kill may have left.
      await new JsonFileSettingsStore(join(data, 'settings.json')).load();
      await historyFileAt(join(data, 'history.json')).read();
      expect((await readdir(data)).sort()).toEqual(['history.json', 'settings.json']);
      expect(saved.history).toBeGreaterThan(20);
    }
  }, 240_000);
});
