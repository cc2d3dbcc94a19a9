import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, sourceFiles } from './import-graph';

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
