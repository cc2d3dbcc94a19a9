import { readFile, writeFile } from 'node:fs/promises';

/** One row of `npm run bench`: a stable id, the median of the runs, their spread, the target. */
export interface Result {
  id: string;
  metric: string;
  /** The median of `runs`. */
  value: number;
  unit: string;
  /** Absent: reported only. `exact`: the value must equal it. */
  target?: { max: number } | { exact: number };
  min: number;
  median: number;
  max: number;
  runs: number;
  /** How it was measured: runs, statistic, environment. */
  how: string;
  /** The row's floor (the least work that does the job, measured in the same run): its id, and the most the ratio may be. */
  floor?: { id: string; maxRatio?: number };
  /** Set by `withRatios`: this row's median over its floor's. */
  ratio?: number;
}

/** Puts each row's ratio to its floor (a row of the same run) beside it. */
export function withRatios(results: Result[]): Result[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return results.map((r) => {
    const floor = r.floor && byId.get(r.floor.id);
    return floor && floor.value > 0 ? { ...r, ratio: r.value / floor.value } : r;
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A result from several runs: the median is the value, min and max the spread. */
export function fromRuns(row: Omit<Result, 'value' | 'min' | 'median' | 'max' | 'runs'>, samples: readonly number[]): Result {
  const valid = samples.filter((sample) => !Number.isNaN(sample));
  const mid = valid.length ? median(valid) : Number.NaN;
  return { ...row, value: mid, median: mid, min: Math.min(...valid), max: Math.max(...valid), runs: valid.length };
}

export function isOk(result: Result): boolean | undefined {
  const ratioTarget = result.floor?.maxRatio;
  if (Number.isNaN(result.value) || (!result.target && ratioTarget === undefined)) return undefined;
  const ratioOk = ratioTarget === undefined || (result.ratio !== undefined && result.ratio <= ratioTarget);
  if (!result.target) return ratioOk;
  return ratioOk && ('exact' in result.target ? result.value === result.target.exact : result.value <= result.target.max);
}

/** "2.31× floor-x" (and its limit), or ''. */
export function ratioText(result: Result): string {
  if (!result.floor) return '';
  const limit = result.floor.maxRatio === undefined ? '' : ` (≤ ${result.floor.maxRatio}×)`;
  return result.ratio === undefined ? `— × ${result.floor.id}${limit}` : `${result.ratio.toFixed(2)}× ${result.floor.id}${limit}`;
}

function format(value: number): string {
  if (Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function targetText(result: Result): string {
  if (!result.target) return result.floor?.maxRatio === undefined ? 'report' : `≤ ${result.floor.maxRatio}× floor`;
  return 'exact' in result.target ? `= ${result.target.exact}` : `≤ ${result.target.max}`;
}

function verdict(result: Result): string {
  const ok = isOk(result);
  return ok === undefined ? (Number.isNaN(result.value) ? 'skipped' : 'report') : ok ? 'ok' : 'OVER';
}

export function printTable(results: Result[]): void {
  const rows = results.map((r) => [r.id, format(r.value), r.unit, targetText(r), verdict(r), ratioText(r), r.runs > 1 ? `${format(r.min)}–${format(r.max)} (${r.runs} runs)` : '']);
  const header = ['id', 'median', 'unit', 'target', 'ok', 'ratio to its floor', 'spread (min–max)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('\nHow each figure was measured:');
  for (const r of results) console.log(`- ${r.id} (${r.metric}): ${r.how}`);
}

export async function writeJson(path: string, results: Result[], machine: Record<string, unknown>): Promise<void> {
  const rows = results.map((r) => ({ ...r, ok: isOk(r) ?? null }));
  await writeFile(path, `${JSON.stringify({ machine, results: rows }, null, 2)}\n`);
}

/** Rewrites the README's table (between its bench markers) from this run: one run, its machine and date. */
export async function writeReadmeTable(path: string, results: Result[], machine: Record<string, unknown>): Promise<void> {
  const text = await readFile(path, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!text.includes(start) || !text.includes(end)) throw new Error(`${path} has no ${start} … ${end} markers`);
  const day = String(machine.date).slice(0, 10);
  const lines = [
    start,
    `\`npm run bench -- --readme\`, ${day}, ${String(machine.cpu).trim()} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node ${machine.node}, ${machine.platform}. The value is the median; the spread is min–max over the runs.`,
    '',
    '| id | what | median | to its floor | spread (min–max, runs) | target | ok |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const ok = isOk(r);
      const spread = r.runs > 1 ? `${format(r.min)}–${format(r.max)} (${r.runs})` : '—';
      return `| \`${r.id}\` | ${r.metric} | ${format(r.value)} ${r.unit} | ${ratioText(r).replace(/ (floor-[\w-]+)/, ' `$1`') || '—'} | ${spread} | ${targetText(r)} | ${ok === undefined ? 'report' : ok ? 'ok' : '**over**'} |`;
    }),
    end,
  ];
  await writeFile(path, text.slice(0, text.indexOf(start)) + lines.join('\n') + text.slice(text.indexOf(end) + end.length));
}
