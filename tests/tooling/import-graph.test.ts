import { describe, expect, it } from 'vitest';
import { circles, importGraph } from './import-graph';

/**
 * The core's folders, lowest first. A folder may import its own files and folders of a
 * lower row, never one of its own row or a higher one: the tree tells the architecture.
 */
const CORE_ORDER: readonly (readonly string[])[] = [
  ['platform'],
  ['api', 'notify', 'settings', 'view'],
  ['session'],
  ['sync', 'commands'],
  ['accounts', 'desktop'],
  ['app'],
];

const CORE = 'src/main/core/';
const rank = new Map(CORE_ORDER.flatMap((row, index) => row.map((folder) => [folder, index] as const)));
const folderOf = (file: string) => file.slice(CORE.length).split('/')[0]!;

describe('the import graph', () => {
  const graph = importGraph('src');

  it('finds a circle when there is one (the check itself works)', () => {
    const sample = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(sample)).toEqual([['a', 'b', 'c']]);
  });

  it('has no import circle anywhere in src (type-only imports included)', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('places every core folder in the order', () => {
    const folders = new Set([...graph.keys()].filter((file) => file.startsWith(CORE)).map(folderOf));
    expect([...folders].filter((folder) => !rank.has(folder))).toEqual([]);
  });

  it('never imports back up between core folders', () => {
    const offenders = [...graph].flatMap(([file, targets]) => {
      if (!file.startsWith(CORE)) return [];
      const from = folderOf(file);
      return targets
        .filter((target) => target.startsWith(CORE) && folderOf(target) !== from)
        .filter((target) => (rank.get(folderOf(target)) ?? Infinity) >= (rank.get(from) ?? -Infinity))
        .map((target) => `${file} → ${target}`);
    });
    expect(offenders).toEqual([]);
  });

  it('the core imports only itself and the shared contract', () => {
    const offenders = [...graph].flatMap(([file, targets]) =>
      file.startsWith(CORE) ? targets.filter((target) => !target.startsWith(CORE) && !target.startsWith('src/shared/')).map((target) => `${file} → ${target}`) : [],
    );
    expect(offenders).toEqual([]);
  });
});
