import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const full = join(ROOT, dir);
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

/** Who may import whom (ARCHITECTURE.md): checked, not remembered. */
describe('layers', () => {
  it.each(['src/main/core', 'src/shared', 'src/renderer', 'src/preview', 'src/mock-api'])('nothing under %s imports electron', (dir) => {
    const offenders = sourceFiles(dir).filter((file) => importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('the renderer imports neither Node nor the main process', () => {
    const offenders = sourceFiles('src/renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('node:') || /(^|\/)main\//.test(spec) || /^(fs|path|child_process|os|http|https|net)$/.test(spec))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the shared contract imports only itself', () => {
    const offenders = sourceFiles('src/shared').flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith('./'))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the core sets timers only through the Clock port (so the idle benchmark sees every one, and tests can fake them)', () => {
    const offenders = sourceFiles('src/main/core')
      .filter((file) => !file.endsWith('clock.ts'))
      .filter((file) => /(?<![.\w])(setTimeout|setInterval|setImmediate)\(|globalThis\.set(Timeout|Interval)|AbortSignal\.timeout\(/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the main bundle does not carry the demo mock API (it is loaded from its own file)', () => {
    const offenders = sourceFiles('src/main').filter((file) => importsOf(file).some((spec) => spec.includes('mock-api') || spec.includes('demo-api')));
    expect(offenders).toEqual([]);
  });
});
