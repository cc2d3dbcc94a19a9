// `npm run bench [-- --json FILE]`: what the app costs, as a table of metric, value, unit,
// target and verdict. Benchmarks report; they never fail the build (shared machines are noisy).
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchBundles } from './bundle';
import { benchColdStart } from './cold-start';
import { benchHeapGrowth, benchIdleWakeups, benchRequestsPerHour } from './core';
import { benchHistoryLoad } from './history';
import { benchAllChange, benchPollPath } from './poll-path';
import { benchRenderer } from './renderer';
import { benchRendererReal } from './renderer-real';
import { benchPollShapes } from './poll-shapes';
import { benchIdleObserved } from './idle-observed';
import { fromRuns, printTable, withRatios, writeJson, writeReadmeTable, type Result } from './report';

const { values } = parseArgs({ options: { json: { type: 'string' }, only: { type: 'string' }, readme: { type: 'boolean', default: false } } });
const suites: Record<string, () => Result[] | Promise<Result[]>> = {
  'poll-path': benchPollPath,
  'all-change': benchAllChange,
  renderer: benchRenderer,
  'renderer-real': benchRendererReal,
  'poll-shapes': benchPollShapes,
  'idle-observed': benchIdleObserved,
  bundle: benchBundles,
  idle: benchIdleWakeups,
  heap: benchHeapGrowth,
  requests: benchRequestsPerHour,
  'cold-start': benchColdStart,
  history: benchHistoryLoad,
};
const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}`, date: new Date().toISOString() };
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}\n`);
const measured: Result[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (values.only && !values.only.split(',').includes(name)) continue;
  try {
    measured.push(...(await run()));
  } catch (error) {
    measured.push(fromRuns({ id: `${name}-failed`, metric: `${name} (failed to run)`, unit: '', how: error instanceof Error ? error.message : String(error) }, []));
  }
}
const results = withRatios(measured);
printTable(results);
if (values.json) await writeJson(values.json, results, machine);
if (values.readme) await writeReadmeTable('README.md', results, machine);
