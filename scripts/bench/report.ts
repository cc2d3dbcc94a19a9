import { writeFile } from 'node:fs/promises';

export interface Result {
  metric: string;
  value: number;
  unit: string;
  /** Absent: reported only. */
  target?: { max: number };
  /** How it was measured: runs, statistic, environment. */
  how: string;
  /** Extra figures (worst case, …). */
  detail?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function verdict(result: Result): 'ok' | 'over' | 'report' | 'skipped' {
  if (Number.isNaN(result.value)) return 'skipped';
  if (!result.target) return 'report';
  return result.value <= result.target.max ? 'ok' : 'over';
}

function format(value: number): string {
  if (Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function printTable(results: Result[]): void {
  const rows = results.map((r) => [r.metric, format(r.value), r.unit, r.target ? `≤ ${r.target.max}` : 'report', verdict(r)]);
  const header = ['metric', 'value', 'unit', 'target', 'ok/over'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('\nHow each figure was measured:');
  for (const r of results) console.log(`- ${r.metric}: ${r.how}${r.detail ? ` (${r.detail})` : ''}`);
}

export async function writeJson(path: string, results: Result[], machine: Record<string, unknown>): Promise<void> {
  const rows = results.map((r) => ({ ...r, verdict: verdict(r) }));
  await writeFile(path, `${JSON.stringify({ machine, results: rows }, null, 2)}\n`);
}
